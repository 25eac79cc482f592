using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Notifications;

/// <summary>The national admin's view of recent e-mails and SMS: what became of each, the recipient masked.</summary>
[Authorize(Policy = Policies.NationalAdmin)]
public sealed class DeliveriesModel(BirgeDb db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public List<DeliveryRow> Rows { get; private set; } = [];

    public bool HasMore { get; private set; }

    /// <summary>An e-mail or phone (any spelling) to find what was sent to it: posted, never in the URL.</summary>
    [BindProperty]
    public string? Recipient { get; set; }

    /// <summary>Whether the rows are what was sent to <see cref="Recipient"/> rather than the latest.</summary>
    public bool Searched { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => ReadAsync(null, cancellationToken);

    /// <summary>"Did my SMS arrive?": the messages to one address, newest first.</summary>
    public Task OnPostAsync(CancellationToken cancellationToken)
    {
        var given = Recipient?.Trim() ?? "";
        var address = given.Contains('@', StringComparison.Ordinal) ? given : PhoneNumber.TryParseAny(given, out var phone) ? phone!.Value : given;
        Searched = true;
        PageNumber = 1;
        return ReadAsync(address, cancellationToken);
    }

    private async Task ReadAsync(string? recipient, CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var messages = db.OutboxMessages.AsNoTracking();
        if (recipient is not null)
        {
            messages = messages.Where(m => m.Recipient == recipient);
        }

        var found = await messages
            .OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(m => new { m.Id, m.CreatedAt, m.Channel, m.Recipient, m.SentAt, m.FailedAt, m.DeliveredAt, m.Attempts, m.LastError, m.NextAttemptAt, m.NotificationId, m.SendingUntil })
            .ToListAsync(cancellationToken);
        var notices = found.Select(m => m.NotificationId).OfType<Guid>().Distinct().ToList();
        var kinds = await db.Notifications.AsNoTracking().Where(n => notices.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Kind, cancellationToken);
        HasMore = recipient is null && found.Count > PageSize;
        var now = clock.GetUtcNow().UtcDateTime;
        Rows = [.. found.Take(PageSize).Select(m => new DeliveryRow(
            m.Id, m.CreatedAt, m.Channel, m.NotificationId is { } n ? kinds.GetValueOrDefault(n) : null, Mask.Recipient(m.Channel, m.Recipient),
            DeliveryStatus.Of(m.SentAt, m.FailedAt, m.DeliveredAt, m.Attempts, m.SendingUntil, now), m.Attempts, m.LastError, m.NextAttemptAt))];
    }
}

public sealed record DeliveryRow(
    Guid Id, DateTime CreatedAt, OutboxChannel Channel, string? Kind, string Recipient, DeliveryState State, int Attempts, string? LastError, DateTime NextAttemptAt);

/// <summary>A recipient as staff may see it: enough to tell two apart, not enough to reach them.</summary>
public static class Mask
{
    public static string Recipient(OutboxChannel channel, string recipient) =>
        channel == OutboxChannel.Sms ? Phone(recipient) : Email(recipient);

    /// <summary><c>+77011234567</c> → <c>+7 701 *** ** 67</c>.</summary>
    public static string Phone(string phone)
    {
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        return digits.Length == 11 ? $"+{digits[0]} {digits[1..4]} *** ** {digits[9..]}" : digits.Length > 2 ? "*** " + digits[^2..] : "***";
    }

    /// <summary><c>aigerim@mail.kz</c> → <c>a***@mail.kz</c>.</summary>
    public static string Email(string email)
    {
        var at = email.LastIndexOf('@');
        return at > 0 ? email[0] + "***" + email[at..] : "***";
    }
}
