using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Queues notifications in the recipient's language. The caller's <c>SaveChanges</c> stores them together with the
/// change they announce; <see cref="OutboxSender"/> delivers them.
/// </summary>
public sealed class Outbox(BirgeDb db, TimeProvider clock, IConfiguration configuration)
{
    public string PublicUrl { get; } = (configuration["Birge:PublicUrl"] ?? "http://localhost:5080").TrimEnd('/');

    /// <summary>Sends the message to the account's e-mail (confirmed or not), else its phone, in the account's language.</summary>
    public void ToAccount(Account account, Message message)
    {
        var culture = Cultures.FromLanguage(account.Language);
        if (account.Email is not null)
        {
            Email(account.Email, culture, message);
        }
        else if (account.Phone is not null)
        {
            Sms(account.Phone, culture, message);
        }
    }

    public void Email(string to, CultureInfo culture, Message message) => Add(OutboxChannel.Email, to, culture, message);

    public void Sms(string to, CultureInfo culture, Message message) => Add(OutboxChannel.Sms, to, culture, message);

    public string Link(string pathAndQuery) => PublicUrl + pathAndQuery;

    private void Add(OutboxChannel channel, string to, CultureInfo culture, Message message)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Channel = channel,
            Recipient = to,
            Subject = message.Text(MessagePart.Subject, culture),
            Body = message.Text(channel == OutboxChannel.Sms ? MessagePart.Sms : MessagePart.Body, culture),
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }
}
