using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Birge.Web.Features.Accounts;

/// <summary>ASP.NET Core Identity's managers work over Birge's own <see cref="Account"/> table through this store.</summary>
public sealed class AccountStore(BirgeDb db) :
    IUserPasswordStore<Account>,
    IUserEmailStore<Account>,
    IUserPhoneNumberStore<Account>,
    IUserSecurityStampStore<Account>,
    IUserLockoutStore<Account>,
    IUserRoleStore<Account>
{
    public void Dispose()
    {
    }

    public Task<string> GetUserIdAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString());

    // A person signs in with an e-mail or a phone; the Identity "user name" is the account id.
    public Task<string?> GetUserNameAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Id.ToString());

    public Task SetUserNameAsync(Account user, string? userName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string?> GetNormalizedUserNameAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Id.ToString());

    public Task SetNormalizedUserNameAsync(Account user, string? normalizedName, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IdentityResult> CreateAsync(Account user, CancellationToken cancellationToken)
    {
        db.Accounts.Add(user);
        return await SaveAsync(cancellationToken);
    }

    public async Task<IdentityResult> UpdateAsync(Account user, CancellationToken cancellationToken)
    {
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        return await SaveAsync(cancellationToken);
    }

    public async Task<IdentityResult> DeleteAsync(Account user, CancellationToken cancellationToken)
    {
        db.Accounts.Remove(user);
        return await SaveAsync(cancellationToken);
    }

    public async Task<Account?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id) ? await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) : null;

    public Task<Account?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindByIdAsync(normalizedUserName, cancellationToken);

    public Task SetPasswordHashAsync(Account user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(Account user, string? email, CancellationToken cancellationToken)
    {
        user.Email = email;
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.Email);

    public Task<bool> GetEmailConfirmedAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(Account user, bool confirmed, CancellationToken cancellationToken)
    {
        user.EmailConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task<Account?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Accounts.FirstOrDefaultAsync(a => a.NormalizedEmail == normalizedEmail, cancellationToken);

    public Task<string?> GetNormalizedEmailAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.NormalizedEmail);

    public Task SetNormalizedEmailAsync(Account user, string? normalizedEmail, CancellationToken cancellationToken)
    {
        user.NormalizedEmail = normalizedEmail;
        return Task.CompletedTask;
    }

    public Task SetPhoneNumberAsync(Account user, string? phoneNumber, CancellationToken cancellationToken)
    {
        user.Phone = phoneNumber;
        return Task.CompletedTask;
    }

    public Task<string?> GetPhoneNumberAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.Phone);

    public Task<bool> GetPhoneNumberConfirmedAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.PhoneConfirmed);

    public Task SetPhoneNumberConfirmedAsync(Account user, bool confirmed, CancellationToken cancellationToken)
    {
        user.PhoneConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task SetSecurityStampAsync(Account user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(Account user, CancellationToken cancellationToken) =>
        Task.FromResult(user.LockoutEnd is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : (DateTimeOffset?)null);

    public Task SetLockoutEndDateAsync(Account user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd?.UtcDateTime;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(Account user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task SetLockoutEnabledAsync(Account user, bool enabled, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AddToRoleAsync(Account user, string roleName, CancellationToken cancellationToken)
    {
        user.AddRole(roleName);
        return Task.CompletedTask;
    }

    public Task RemoveFromRoleAsync(Account user, string roleName, CancellationToken cancellationToken)
    {
        user.Roles.RemoveAll(r => r.Role == roleName);
        return Task.CompletedTask;
    }

    public Task<IList<string>> GetRolesAsync(Account user, CancellationToken cancellationToken) =>
        Task.FromResult<IList<string>>(user.Roles.Select(r => r.Role).ToList());

    public Task<bool> IsInRoleAsync(Account user, string roleName, CancellationToken cancellationToken) => Task.FromResult(user.HasRole(roleName));

    public async Task<IList<Account>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken) =>
        await db.Accounts.Where(a => a.Roles.Any(r => r.Role == roleName)).ToListAsync(cancellationToken);

    private async Task<IdentityResult> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return IdentityResult.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            return IdentityResult.Failed(new IdentityError { Code = "concurrency_failure" });
        }
        catch (DbUpdateException)
        {
            // The unique indexes on e-mail, phone and IIN: someone registered the same one a moment earlier.
            return IdentityResult.Failed(new IdentityError { Code = AccountErrors.AccountExists });
        }
    }
}

/// <summary>Adds the account's roles to the sign-in principal.</summary>
public sealed class AccountClaimsFactory(UserManager<Account> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var role in user.Roles)
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role.Role));
        }

        return identity;
    }
}

/// <summary>Only an active account may sign in: a child's waits for the parent's consent; a deleted one is gone.</summary>
public sealed class AccountConfirmation : IUserConfirmation<Account>
{
    public Task<bool> IsConfirmedAsync(UserManager<Account> manager, Account user) => Task.FromResult(user.IsActive);
}
