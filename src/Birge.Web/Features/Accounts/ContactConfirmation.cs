using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Identity;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// Proves that a person owns the e-mail or phone they gave: a link is sent to it, and opening it confirms. The token
/// is bound to the address, so a link sent to an old address cannot confirm a new one.
/// </summary>
public sealed class ContactConfirmation(UserManager<Account> users, Outbox outbox)
{
    public const string Email = "email";
    public const string Phone = "phone";

    public Task QueueAsync(Account account) =>
        SendAsync(account, (name, link) => new AccountMessages.ConfirmEmail(name, link), (name, link) => new AccountMessages.ConfirmPhone(name, link));

    /// <summary>
    /// The reminder before an unconfirmed contact is released (<see cref="UnconfirmedAccounts"/>): each unconfirmed
    /// contact gets its link again and the deadline. The caller saves.
    /// </summary>
    public Task RemindAsync(Account account) =>
        SendAsync(account, (name, link) => new AccountMessages.ConfirmReminder(name, link), (name, link) => new AccountMessages.ConfirmReminder(name, link));

    /// <summary>Marks the contact confirmed if the token is genuine; the caller saves.</summary>
    public async Task<bool> ConfirmAsync(Account account, string channel, string token)
    {
        var address = channel == Email ? account.Email : channel == Phone ? account.Phone : null;
        if (address is null || !await users.VerifyUserTokenAsync(account, TokenOptions.DefaultProvider, Purpose(channel, address), token))
        {
            return false;
        }

        if (channel == Email)
        {
            account.EmailConfirmed = true;
        }
        else
        {
            account.PhoneConfirmed = true;
        }

        return true;
    }

    /// <summary>Each unconfirmed contact gets its own link: the e-mail message by e-mail, the phone's by SMS.</summary>
    private async Task SendAsync(Account account, Func<string, string, Message> toEmail, Func<string, string, Message> toPhone)
    {
        var culture = Cultures.FromLanguage(account.Language);
        if (account is { Email: not null, EmailConfirmed: false })
        {
            outbox.Email(account.Email, culture, toEmail(account.FullName ?? "", await LinkAsync(account, Email)));
        }

        if (account is { Phone: not null, PhoneConfirmed: false })
        {
            outbox.Sms(account.Phone, culture, toPhone(account.FullName ?? "", await LinkAsync(account, Phone)));
        }
    }

    private async Task<string> LinkAsync(Account account, string channel)
    {
        var address = channel == Email ? account.Email! : account.Phone!;
        var token = await users.GenerateUserTokenAsync(account, TokenOptions.DefaultProvider, Purpose(channel, address));
        return outbox.Link($"/account/confirm?account={account.Id}&channel={channel}&token={Uri.EscapeDataString(token)}");
    }

    private static string Purpose(string channel, string address) => $"confirm:{channel}:{address}";
}
