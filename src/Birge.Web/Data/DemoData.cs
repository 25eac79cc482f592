using Birge.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Data;

/// <summary>
/// A living platform for a newcomer in Development: volunteers in several regions, a silver volunteer, a child
/// waiting for a parent's consent and a national admin. Every demo account's password is <see cref="Password"/>.
/// </summary>
public static class DemoData
{
    public const string Password = "Birge-2026";
    public const string AdminEmail = "admin@example.com";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<BirgeDb>();
        if (await db.Accounts.AnyAsync(a => a.NormalizedEmail == "ADMIN@EXAMPLE.COM", cancellationToken))
        {
            return;
        }

        var hasher = services.GetRequiredService<IPasswordHasher<Account>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var people = new (string? Email, string? Phone, string Name, DateOnly Born, string Region, string Language, AccountStatus Status)[]
        {
            (AdminEmail, null, "Әсел Нұрланқызы", new DateOnly(1988, 3, 14), "710000000", "kk", AccountStatus.Active),
            ("aigerim@example.com", null, "Айгерім Серікқызы", new DateOnly(2003, 9, 1), "750000000", "kk", AccountStatus.Active),
            (null, "+77011234567", "Данияр Ержанұлы", new DateOnly(1999, 5, 20), "790000000", "kk", AccountStatus.Active),
            ("raisa@example.com", null, "Раиса Петровна Ким", new DateOnly(1958, 11, 2), "350000000", "ru", AccountStatus.Active),
            ("arman@example.com", "+77051112233", "Арман Болатов", new DateOnly(1995, 1, 30), "610000000", "ru", AccountStatus.Active),
            ("emily@example.com", null, "Emily Carter", new DateOnly(1992, 7, 7), "710000000", "en", AccountStatus.Active),
            ("alikhan@example.com", null, "Әлихан Маратұлы", new DateOnly(2014, 4, 10), "190000000", "kk", AccountStatus.AwaitingParentConsent),
        };
        foreach (var p in people)
        {
            var account = new Account
            {
                Email = p.Email,
                NormalizedEmail = p.Email?.ToUpperInvariant(),
                EmailConfirmed = p.Email is not null,
                Phone = p.Phone,
                PhoneConfirmed = p.Phone is not null,
                FullName = p.Name,
                BirthDate = p.Born,
                BirthYear = p.Born.Year,
                RegionKato = p.Region,
                Language = p.Language,
                Status = p.Status,
                CreatedAt = now,
            };
            account.PasswordHash = hasher.HashPassword(account, Password);
            if (p.Email == AdminEmail)
            {
                account.AddRole(AccountRole.Admin);
            }

            db.Accounts.Add(account);
            db.ConsentRecords.Add(ConsentRecord.ForPersonalData(account.Id, now, "self"));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
