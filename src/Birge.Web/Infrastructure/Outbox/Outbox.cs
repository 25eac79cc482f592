using System.Globalization;
using System.Reflection;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Queues notifications in the recipient's language. The caller's <c>SaveChanges</c> stores them together with the
/// change they announce; <see cref="OutboxSender"/> delivers them.
/// </summary>
public sealed class Outbox(BirgeDb db, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>Quiet hours in Kazakhstan time: from 22:00 a non-critical e-mail or SMS waits until 08:00.</summary>
    public static readonly TimeOnly QuietFrom = new(22, 0);

    public static readonly TimeOnly QuietUntil = new(8, 0);

    public string PublicUrl { get; } = (configuration["Birge:PublicUrl"] ?? "http://localhost:5080").TrimEnd('/');

    /// <summary>
    /// Tells a person by the channels they chose for the message's kind (else the kind's defaults; a critical kind by
    /// every channel the account has): an in-app notice, an e-mail, an SMS. With <paramref name="idempotencyKey"/>, a
    /// message already queued under that key is not queued again.
    /// </summary>
    public async Task ToAccountAsync(Account account, Message message, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var kind = KindOf(message.GetType());
        if (idempotencyKey is not null && (await QueuedAsync([idempotencyKey], cancellationToken)).Count > 0)
        {
            return;
        }

        var preference = kind.Critical
            ? null
            : await db.NotificationPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == account.Id && p.Kind == kind.Code, cancellationToken);
        Queue(account, message, kind, preference, idempotencyKey);
    }

    /// <summary>
    /// The same for many people at once (a call-out to thousands): their preferences and the keys already queued are
    /// read in one query each, whatever their number.
    /// </summary>
    public Task ToAccountsAsync(IReadOnlyList<Account> accounts, Func<Account, Message> message, Func<Account, string>? key, CancellationToken cancellationToken) =>
        ToManyAsync(accounts, message, key, batch: null, cancellationToken);

    /// <summary>
    /// The same for thousands (a call-out's wave), written at once rather than at the caller's save (<see
    /// cref="BulkInsert"/>), in the caller's transaction; each text is rendered once per language. A key queued
    /// meanwhile by another node is skipped by the database.
    /// </summary>
    public async Task ToAccountsNowAsync(IReadOnlyList<Account> accounts, Func<Account, Message> message, Func<Account, string> key, CancellationToken cancellationToken)
    {
        var batch = new Batch();
        await ToManyAsync(accounts, message, key, batch, cancellationToken);
        await BulkInsert.NewRowsAsync(db, batch.Notices, cancellationToken);
        await BulkInsert.NewRowsAsync(db, batch.Messages, cancellationToken);
    }

    /// <summary>What a bulk call queues, to be written at once, and its texts by message, part and language.</summary>
    private sealed class Batch
    {
        public List<Notification> Notices { get; } = [];

        public List<OutboxMessage> Messages { get; } = [];

        public Dictionary<(Message, MessagePart, CultureInfo), string> Texts { get; } = [];
    }

    private async Task ToManyAsync(IReadOnlyList<Account> accounts, Func<Account, Message> message, Func<Account, string>? key, Batch? batch, CancellationToken cancellationToken)
    {
        var messages = accounts.Select(a => (Account: a, Message: message(a), Key: key?.Invoke(a))).ToList();
        var queued = key is null
            ? new HashSet<string>(StringComparer.Ordinal)
            : await QueuedAsync([.. messages.Select(m => m.Key!)], cancellationToken);
        var kinds = messages.Select(m => KindOf(m.Message.GetType())).Where(k => !k.Critical).Select(k => k.Code).Distinct().ToList();
        var preferences = new Dictionary<(Guid, string), NotificationPreference>();
        if (kinds.Count > 0)
        {
            // One parameter each (an array, a JSON list), not one per person.
            var ids = accounts.Select(a => a.Id).Distinct().ToList();
            preferences = await db.NotificationPreferences.AsNoTracking()
                .Where(p => EF.Parameter(ids).Contains(p.AccountId) && EF.Parameter(kinds).Contains(p.Kind))
                .ToDictionaryAsync(p => (p.AccountId, p.Kind), cancellationToken);
        }

        foreach (var (account, text, messageKey) in messages)
        {
            if (messageKey is not null && !queued.Add(messageKey))
            {
                continue;
            }

            var kind = KindOf(text.GetType());
            Queue(account, text, kind, preferences.GetValueOrDefault((account.Id, kind.Code)), messageKey, batch);
        }
    }

    /// <summary>To an address rather than a person's account (a code, a reset, an invitation): not in any inbox.</summary>
    public void Email(string to, CultureInfo culture, Message message) => Add(OutboxChannel.Email, to, culture, message, null, null, holdAtNight: false);

    public void Sms(string to, CultureInfo culture, Message message) => Add(OutboxChannel.Sms, to, culture, message, null, null, holdAtNight: false);

    public string Link(string pathAndQuery) => PublicUrl + pathAndQuery;

    /// <summary>The kind on a message record sent to an account (<see cref="NotificationKindAttribute"/>).</summary>
    public static NotificationKind KindOf(Type message) =>
        NotificationKinds.Find(message.GetCustomAttribute<NotificationKindAttribute>()?.Kind)
        ?? throw new InvalidOperationException($"{message.Name} is sent to an account and needs a [NotificationKind] of NotificationKinds.");

    /// <summary>
    /// After a unique-index violation, drops the keyed notices and outbox messages that another context stored first
    /// under the same key, so the caller's save can be retried with its business change and nothing sent twice.
    /// Returns whether it dropped any. EF Core rolled the failed save back to its savepoint, so the transaction goes on.
    /// </summary>
    public static async Task<bool> DropQueuedTwiceAsync(BirgeDb db, CancellationToken cancellationToken)
    {
        var notices = db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added && e.Entity.IdempotencyKey is not null).ToList();
        var messages = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added && e.Entity.IdempotencyKey is not null).ToList();
        if (notices.Count == 0 && messages.Count == 0)
        {
            return false;
        }

        var noticeKeys = notices.Select(e => e.Entity.IdempotencyKey!).ToList();
        var messageKeys = messages.Select(e => e.Entity.IdempotencyKey!).ToList();
        var stored = (await db.Notifications.AsNoTracking().Where(n => EF.Parameter(noticeKeys).Contains(n.IdempotencyKey!)).Select(n => n.IdempotencyKey!).ToListAsync(cancellationToken))
            .Concat(await db.OutboxMessages.AsNoTracking().Where(m => EF.Parameter(messageKeys).Contains(m.IdempotencyKey!)).Select(m => m.IdempotencyKey!).ToListAsync(cancellationToken))
            .Select(BaseKey)
            .ToHashSet(StringComparer.Ordinal);
        var dropped = 0;
        foreach (var entry in notices.Where(e => stored.Contains(BaseKey(e.Entity.IdempotencyKey!))))
        {
            entry.State = EntityState.Detached;
            dropped++;
        }

        foreach (var entry in messages.Where(e => stored.Contains(BaseKey(e.Entity.IdempotencyKey!))))
        {
            entry.State = EntityState.Detached;
            dropped++;
        }

        return dropped > 0;
    }

    /// <summary>When a non-critical e-mail or SMS queued at <paramref name="utc"/> may go: then, or 08:00 after a quiet night (UTC).</summary>
    public static DateTime AfterQuietHours(DateTime utc)
    {
        var local = KazakhstanTime.FromUtc(utc);
        var time = TimeOnly.FromDateTime(local);
        if (time >= QuietUntil && time < QuietFrom)
        {
            return utc;
        }

        var day = DateOnly.FromDateTime(local);
        var morning = time >= QuietFrom ? day.AddDays(1) : day;
        return KazakhstanTime.ToUtc(morning.ToDateTime(QuietUntil));
    }

    private static string BaseKey(string channelKey) => channelKey[..channelKey.LastIndexOf(':')];

    private static string ChannelKey(string key, string channel) => key + ":" + channel;

    /// <summary>The keys (of <paramref name="keys"/>) a notice or a message was queued under, here or in the database.</summary>
    private async Task<HashSet<string>> QueuedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var noticeKeys = keys.Select(k => ChannelKey(k, "in_app")).ToList();
        var messageKeys = keys.SelectMany(k => new[] { ChannelKey(k, "email"), ChannelKey(k, "sms") }).ToList();
        var found = (await db.Notifications.AsNoTracking().Where(n => EF.Parameter(noticeKeys).Contains(n.IdempotencyKey!)).Select(n => n.IdempotencyKey!).ToListAsync(cancellationToken))
            .Concat(await db.OutboxMessages.AsNoTracking().Where(m => EF.Parameter(messageKeys).Contains(m.IdempotencyKey!)).Select(m => m.IdempotencyKey!).ToListAsync(cancellationToken))
            .Concat(db.Notifications.Local.Select(n => n.IdempotencyKey).OfType<string>())
            .Concat(db.OutboxMessages.Local.Select(m => m.IdempotencyKey).OfType<string>())
            .Select(BaseKey);
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        return found.Where(wanted.Contains).ToHashSet(StringComparer.Ordinal);
    }

    private void Queue(Account account, Message message, NotificationKind kind, NotificationPreference? preference, string? key, Batch? batch = null)
    {
        var culture = Cultures.FromLanguage(account.Language);
        var inApp = kind.Critical || (preference?.InApp ?? kind.InApp);
        var email = kind.Critical || (preference?.Email ?? kind.Email);
        var sms = kind.Critical || (preference?.Sms ?? kind.Sms);

        // An account without an e-mail is told by SMS what it wanted by e-mail.
        var byEmail = email && account.Email is not null;
        var bySms = account.Phone is not null && (sms || (email && account.Email is null));

        Guid? noticeId = null;
        if (inApp)
        {
            var notice = new Notification
            {
                AccountId = account.Id,
                Kind = kind.Code,
                Type = message.GetType().Name,
                Title = Cut(Text(message, MessagePart.Subject, culture, batch), Notification.MaxTitleLength),
                Body = Cut(Text(message, MessagePart.Body, culture, batch), Notification.MaxBodyLength),
                Link = LocalLink(message),
                Critical = kind.Critical,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                IdempotencyKey = key is null ? null : ChannelKey(key, "in_app"),
            };
            if (batch is null)
            {
                db.Notifications.Add(notice);
            }
            else
            {
                batch.Notices.Add(notice);
            }

            noticeId = notice.Id;
        }

        if (byEmail)
        {
            Add(OutboxChannel.Email, account.Email!, culture, message, key is null ? null : ChannelKey(key, "email"), noticeId, holdAtNight: !kind.Critical, batch);
        }

        if (bySms)
        {
            Add(OutboxChannel.Sms, account.Phone!, culture, message, key is null ? null : ChannelKey(key, "sms"), noticeId, holdAtNight: !kind.Critical, batch);
        }
    }

    /// <summary>The message's <c>Link</c> as a local path, when it points into Birge: the inbox never links elsewhere.</summary>
    private string? LocalLink(Message message)
    {
        if (message.GetType().GetProperty("Link")?.GetValue(message) is not string link)
        {
            return null;
        }

        var path = link.StartsWith(PublicUrl + "/", StringComparison.OrdinalIgnoreCase) ? link[PublicUrl.Length..] : link;
        return IsLocal(path) && path.Length <= Notification.MaxLinkLength ? path : null;
    }

    /// <summary>A path of this site: one slash, not "//host" or "/\host".</summary>
    public static bool IsLocal(string? path) =>
        path is { Length: > 0 } && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'));

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;

    /// <summary>A message's text; in a batch, rendered once per message, part and language.</summary>
    private static string Text(Message message, MessagePart part, CultureInfo culture, Batch? batch)
    {
        if (batch is null)
        {
            return message.Text(part, culture);
        }

        if (!batch.Texts.TryGetValue((message, part, culture), out var text))
        {
            text = message.Text(part, culture);
            batch.Texts[(message, part, culture)] = text;
        }

        return text;
    }

    private void Add(OutboxChannel channel, string to, CultureInfo culture, Message message, string? key, Guid? noticeId, bool holdAtNight, Batch? batch = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var outgoing = new OutboxMessage
        {
            Channel = channel,
            Recipient = to,
            Subject = Cut(Text(message, MessagePart.Subject, culture, batch), 300),
            Body = Text(message, channel == OutboxChannel.Sms ? MessagePart.Sms : MessagePart.Body, culture, batch),
            CreatedAt = now,
            // Codes and resets to an address are asked for right now; what comes to an account waits out the night.
            NextAttemptAt = holdAtNight ? AfterQuietHours(now) : now,
            IdempotencyKey = key,
            NotificationId = noticeId,
        };
        if (batch is null)
        {
            db.OutboxMessages.Add(outgoing);
        }
        else
        {
            batch.Messages.Add(outgoing);
        }
    }
}
