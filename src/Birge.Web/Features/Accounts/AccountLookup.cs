using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Accounts;

/// <summary>Finds an account by what a person types to log in: an e-mail or a phone number in any common spelling.</summary>
public sealed class AccountLookup(BirgeDb db, ILookupNormalizer normalizer)
{
    public async Task<Account?> FindByLoginAsync(string? login, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(login))
        {
            return null;
        }

        var trimmed = login.Trim();
        if (trimmed.Contains('@', StringComparison.Ordinal))
        {
            var normalized = normalizer.NormalizeEmail(trimmed);
            return await db.Accounts.FirstOrDefaultAsync(a => a.NormalizedEmail == normalized, cancellationToken);
        }

        // Any Kazakh number finds its account, even one stored before only mobiles were taken.
        return PhoneNumber.TryParseAny(trimmed, out var phone)
            ? await db.Accounts.FirstOrDefaultAsync(a => a.Phone == phone!.Value, cancellationToken)
            : null;
    }

    public static bool IsPhoneLogin(string login) => !login.Contains('@', StringComparison.Ordinal);
}
