using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Identity;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// "Forgot password": a one-time link goes to the e-mail or phone the person typed. Using it changes the security
/// stamp, which makes the link (and every other session) invalid.
/// </summary>
public sealed class PasswordReset(AccountLookup lookup, UserManager<Account> users, Outbox outbox, BirgeDb db)
{
    public async Task RequestAsync(string login, CancellationToken cancellationToken)
    {
        var account = await lookup.FindByLoginAsync(login, cancellationToken);
        if (account is null || account.Status == AccountStatus.Deleted)
        {
            return; // Say nothing: the page answers the same either way.
        }

        var token = await users.GeneratePasswordResetTokenAsync(account);
        var link = outbox.Link($"/account/reset-password?account={account.Id}&token={Uri.EscapeDataString(token)}");
        var culture = Cultures.FromLanguage(account.Language);
        if (AccountLookup.IsPhoneLogin(login) && account.Phone is not null)
        {
            outbox.Sms(account.Phone, culture, new AccountMessages.ResetPassword(account.FullName ?? "", link));
        }
        else if (account.Email is not null)
        {
            outbox.Email(account.Email, culture, new AccountMessages.ResetPassword(account.FullName ?? "", link));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Outcome> ResetAsync(string? accountId, string? token, string? newPassword)
    {
        if (Password.Check(newPassword) is { } passwordError)
        {
            return Outcome.Invalid("password", passwordError);
        }

        var account = accountId is null ? null : await users.FindByIdAsync(accountId);
        if (account is null || token is null || account.Status == AccountStatus.Deleted)
        {
            return Outcome.Refused(AccountErrors.TokenInvalid);
        }

        var result = await users.ResetPasswordAsync(account, token, newPassword!);
        if (!result.Succeeded)
        {
            return Outcome.Refused(AccountErrors.TokenInvalid);
        }

        // The person proved they own the contact the link was sent to; a lockout from a guesser ends here.
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        return Outcome.Done;
    }
}
