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

    /// <summary>Sends the template to the account's confirmed-or-not e-mail, else its phone.</summary>
    public void ToAccount(Account account, string template, params object[] args)
    {
        var culture = Cultures.FromLanguage(account.Language);
        if (account.Email is not null)
        {
            Email(account.Email, culture, template, args);
        }
        else if (account.Phone is not null)
        {
            Sms(account.Phone, culture, template, args);
        }
    }

    public void Email(string to, CultureInfo culture, string template, params object[] args) =>
        Add(OutboxChannel.Email, to, culture, template, args);

    public void Sms(string to, CultureInfo culture, string template, params object[] args) =>
        Add(OutboxChannel.Sms, to, culture, template, args);

    public string Link(string pathAndQuery) => PublicUrl + pathAndQuery;

    private void Add(OutboxChannel channel, string to, CultureInfo culture, string template, object[] args)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var bodyKey = channel == OutboxChannel.Sms ? $"Message_{template}_Sms" : $"Message_{template}_Body";
        db.OutboxMessages.Add(new OutboxMessage
        {
            Channel = channel,
            Recipient = to,
            Subject = Cultures.Text($"Message_{template}_Subject", culture),
            Body = string.Format(culture, Cultures.Text(bodyKey, culture), args),
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }
}
