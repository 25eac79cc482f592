using Birge.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// Checks a login and password with lockout after repeated failures; used by the login page and the token endpoint.
/// The answer never tells whether the login exists.
/// </summary>
public sealed class LoginCheck(AccountLookup lookup, SignInManager<Account> signIn)
{
    public async Task<(Account? Account, string? Error)> CheckAsync(string? login, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(login) || string.IsNullOrEmpty(password))
        {
            return (null, ErrorCodes.LoginFailed);
        }

        var account = await lookup.FindByLoginAsync(login, cancellationToken);
        if (account is null || account.Status == AccountStatus.Deleted)
        {
            // Spend the same effort as a real check, so timing does not reveal which logins exist.
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new Account { RegionKato = "" }, DummyHash, password);
            return (null, ErrorCodes.LoginFailed);
        }

        var result = await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return (account, null);
        }

        if (result.IsLockedOut)
        {
            return (null, ErrorCodes.LockedOut);
        }

        return result.IsNotAllowed && account.Status == AccountStatus.AwaitingParentConsent
            ? (null, ErrorCodes.AwaitingParentConsent)
            : (null, ErrorCodes.LoginFailed);
    }

    private static readonly string DummyHash =
        new PasswordHasher<Account>().HashPassword(new Account { RegionKato = "" }, Guid.NewGuid().ToString());
}
