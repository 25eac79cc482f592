using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Identity;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// Proves that a person owns the e-mail or phone they gave: a link is sent to the e-mail, and opening it confirms; a
/// 6-digit code is sent to the phone, typed at <c>/account/phone</c> (a short link, so the SMS is one part). Link and
/// code are bound to the address, so one sent to an old address cannot confirm a new one.
/// </summary>
public sealed class ContactConfirmation(UserManager<Account> users, Outbox outbox)
{
    public const string Email = "email";
    public const string Phone = "phone";

    /// <summary>Where the phone's code is typed.</summary>
    public const string PhonePage = "/account/phone";

    public Task QueueAsync(Account account) =>
        SendAsync(account, (name, link) => new AccountMessages.ConfirmEmail(name, link), (name, code, link) => new AccountMessages.ConfirmPhone(name, code, link));

    /// <summary>
    /// The reminder before an unconfirmed contact is released (<see cref="UnconfirmedAccounts"/>): each unconfirmed
    /// contact gets its link again and the deadline. The caller saves.
    /// </summary>
    public Task RemindAsync(Account account) =>
        SendAsync(account, (name, link) => new AccountMessages.ConfirmReminder(name, link), (name, code, link) => new AccountMessages.ConfirmPhoneReminder(name, code, link));

    /// <summary>A new code to the phone alone (the phone page's "send again"); the caller saves.</summary>
    public async Task QueuePhoneCodeAsync(Account account)
    {
        if (account is { Phone: not null, PhoneConfirmed: false })
        {
            var code = await users.GenerateChangePhoneNumberTokenAsync(account, account.Phone);
            outbox.Sms(account.Phone, Cultures.FromLanguage(account.Language), new AccountMessages.ConfirmPhone(account.FullName ?? "", code, outbox.Link(PhonePage)));
        }
    }

    /// <summary>Marks the phone confirmed if the code is the one sent to it lately (minutes, not days); the caller saves.</summary>
    public async Task<bool> ConfirmPhoneAsync(Account account, string? code)
    {
        var digits = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (account.Phone is null || digits.Length != 6 || !await users.VerifyChangePhoneNumberTokenAsync(account, digits, account.Phone))
        {
            return false;
        }

        account.PhoneConfirmed = true;
        return true;
    }

    /// <summary>Marks the contact confirmed if the link's token is genuine (phones confirmed by link before codes, too); the caller saves.</summary>
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
    private async Task SendAsync(Account account, Func<string, string, Message> toEmail, Func<string, string, string, Message> toPhone)
    {
        var culture = Cultures.FromLanguage(account.Language);
        if (account is { Email: not null, EmailConfirmed: false })
        {
            outbox.Email(account.Email, culture, toEmail(account.FullName ?? "", await LinkAsync(account, Email)));
        }

        if (account is { Phone: not null, PhoneConfirmed: false })
        {
            var code = await users.GenerateChangePhoneNumberTokenAsync(account, account.Phone);
            outbox.Sms(account.Phone, culture, toPhone(account.FullName ?? "", code, outbox.Link(PhonePage)));
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
