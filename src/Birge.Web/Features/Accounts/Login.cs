using Birge.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// Checks a login and password with lockout after repeated failures; used by the login page and the token endpoint.
/// The answer never tells whether the login exists: an unknown login, a deleted account and a locked account all get
/// the answer of a wrong password, after the same work (one run of the password hasher). A locked account is not told
/// apart even for the right password; the message says that logging in pauses after failed attempts.
/// </summary>
public sealed class LoginCheck(AccountLookup lookup, SignInManager<Account> signIn)
{
    public async Task<Outcome<Account>> CheckAsync(string? login, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(login) || string.IsNullOrEmpty(password))
        {
            return Outcome.Refused(AccountErrors.LoginFailed, "login");
        }

        var users = signIn.UserManager;
        var account = await lookup.FindByLoginAsync(login, cancellationToken);
        if (account is null || account.Status == AccountStatus.Deleted || account.PasswordHash is null || await users.IsLockedOutAsync(account))
        {
            // Spend the same effort as a real check, so timing does not reveal which logins exist or are locked.
            users.PasswordHasher.VerifyHashedPassword(Nobody, DummyHash, password);
            return Outcome.Refused(AccountErrors.LoginFailed, "login");
        }

        if (account.Status == AccountStatus.AwaitingParentConsent)
        {
            // Only someone who knows the password learns that the account exists and waits for a parent.
            if (!await users.CheckPasswordAsync(account, password))
            {
                await users.AccessFailedAsync(account);
                return Outcome.Refused(AccountErrors.LoginFailed, "login");
            }

            await users.ResetAccessFailedCountAsync(account);
            return Outcome.Refused(AccountErrors.AwaitingParentConsent, "login");
        }

        var result = await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        return result.Succeeded ? account : Outcome.Refused(AccountErrors.LoginFailed, "login");
    }

    private static readonly Account Nobody = new() { RegionKato = "" };

    private static readonly string DummyHash = new PasswordHasher<Account>().HashPassword(Nobody, Guid.NewGuid().ToString());
}
