using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Notifications;

/// <summary>A person's in-app notices: newest first, read and unread, and what became of their e-mail and SMS copies.</summary>
public sealed class Inbox(BirgeDb db, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>The header's counter: one count on the (AccountId, ReadAt) index.</summary>
    public Task<int> UnreadAsync(Guid accountId, CancellationToken cancellationToken) =>
        db.Notifications.CountAsync(n => n.AccountId == accountId && n.ReadAt == null, cancellationToken);

    public async Task<InboxPage> PageAsync(Guid accountId, bool unreadOnly, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        var mine = db.Notifications.AsNoTracking().Where(n => n.AccountId == accountId);
        var shown = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var total = await shown.CountAsync(cancellationToken);
        var unread = unreadOnly ? total : await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = await shown.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var ids = items.Select(n => (Guid?)n.Id).ToList();
        var copies = await db.OutboxMessages.AsNoTracking()
            .Where(m => ids.Contains(m.NotificationId))
            .Select(m => new { m.NotificationId, m.Channel, m.SentAt, m.FailedAt, m.DeliveredAt, m.Attempts, m.SendingUntil })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var channels = copies.ToLookup(
            c => c.NotificationId!.Value,
            c => new ChannelStatus(c.Channel, DeliveryStatus.Of(c.SentAt, c.FailedAt, c.DeliveredAt, c.Attempts, c.SendingUntil, now)));
        return new InboxPage([.. items.Select(n => new InboxItem(n, [.. channels[n.Id]]))], total, unread, page);
    }

    /// <summary>Marks one of the person's notices read; null when it is not theirs.</summary>
    public async Task<Notification?> ReadAsync(Guid accountId, Guid id, CancellationToken cancellationToken)
    {
        var notice = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.AccountId == accountId, cancellationToken);
        if (notice is not null && notice.ReadAt is null)
        {
            notice.ReadAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }

        return notice;
    }

    public Task<int> ReadAllAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Notifications.Where(n => n.AccountId == accountId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, int Total, int Unread, int Page)
{
    public int Pages => Math.Max(1, (Total + Inbox.PageSize - 1) / Inbox.PageSize);
}

public sealed record InboxItem(Notification Notice, IReadOnlyList<ChannelStatus> Channels);

public sealed record ChannelStatus(OutboxChannel Channel, DeliveryState State);
