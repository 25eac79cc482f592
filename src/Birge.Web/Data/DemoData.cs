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
        if (!await db.Accounts.AnyAsync(a => a.NormalizedEmail == "ADMIN@EXAMPLE.COM", cancellationToken))
        {
            await SeedPeopleAsync(db, services, cancellationToken);
        }

        if (!await db.Organizations.AnyAsync(cancellationToken))
        {
            await SeedOrganizationsAsync(db, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
        }
    }

    private static async Task SeedPeopleAsync(BirgeDb db, IServiceProvider services, CancellationToken cancellationToken)
    {
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
            ("almaty.office@example.com", null, "Гүлнар Омарова", new DateOnly(1984, 2, 3), "750000000", "kk", AccountStatus.Active),
            ("astana.office@example.com", null, "Ерлан Сапаров", new DateOnly(1990, 10, 12), "710000000", "ru", AccountStatus.Active),
            ("national.office@example.com", null, "Мадина Жұмабаева", new DateOnly(1986, 6, 21), "710000000", "kk", AccountStatus.Active),
            ("operator@example.com", "+77017654321", "Светлана Ли", new DateOnly(1993, 12, 5), "750000000", "ru", AccountStatus.Active),
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
            var office = p.Email switch
            {
                "almaty.office@example.com" => ("750000000", FrontOfficeStaff.Staff),
                "astana.office@example.com" => ("710000000", FrontOfficeStaff.Staff),
                "national.office@example.com" => (FrontOffice.NationalKato, FrontOfficeStaff.Staff),
                "operator@example.com" => ("750000000", FrontOfficeStaff.Operator),
                _ => default((string, string)?),
            };
            if (office is { } o)
            {
                db.FrontOfficeStaff.Add(new FrontOfficeStaff { FrontOfficeKato = o.Item1, AccountId = account.Id, Role = o.Item2, AssignedAt = now });
            }

            db.ConsentRecords.Add(ConsentRecord.ForPersonalData(account.Id, now, "self"));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Organisations in every state, owned by demo volunteers: the fair and the moderation queue are not empty.</summary>
    private static async Task SeedOrganizationsAsync(BirgeDb db, DateTime now, CancellationToken cancellationToken)
    {
        var owners = await db.Accounts
            .Where(a => a.NormalizedEmail == "AIGERIM@EXAMPLE.COM" || a.NormalizedEmail == "ARMAN@EXAMPLE.COM" || a.NormalizedEmail == "EMILY@EXAMPLE.COM" || a.NormalizedEmail == "RAISA@EXAMPLE.COM")
            .ToDictionaryAsync(a => a.Email!, cancellationToken);
        var admin = await db.Accounts.Where(a => a.NormalizedEmail == "ADMIN@EXAMPLE.COM").Select(a => a.Id).FirstAsync(cancellationToken);
        var organizations = new (string Bin, string Name, string Region, string[] Directions, LocalizedText Description, string Owner, OrganizationDecision? Decision, string? Reason)[]
        {
            (KzChecksum.Complete("15034000777")!, "Жасыл Әлем", "750000000", ["ecology", "education"],
                new("Алматыдағы экологиялық волонтерлер: ағаш отырғызу, саябақтарды тазалау, қалдықтарды сұрыптау.", "Экологические волонтёры Алматы: посадка деревьев, уборка парков, сортировка отходов.", "Almaty's eco-volunteers: planting trees, cleaning parks, sorting waste."),
                "aigerim@example.com", OrganizationDecision.Verify, null),
            (KzChecksum.Complete("18045100999")!, "Мейірім", "610000000", ["social", "health"],
                new("Қарттар мен мүмкіндігі шектеулі жандарға көмек.", "Помощь пожилым людям и людям с инвалидностью.", null),
                "arman@example.com", OrganizationDecision.Verify, null),
            (KzChecksum.Complete("99014000888")!, "Steppe Code Club", "710000000", ["digital", "education", "mentorship"],
                new(null, "Цифровая грамотность для школьников и пожилых людей.", "Digital skills for schoolchildren and older people."),
                "emily@example.com", null, null),
            (KzChecksum.Complete("94014000555")!, "Қамқор", "350000000", ["social", "animals"],
                new("Панапанадағы жануарларға көмек.", "Помощь животным в приютах.", null),
                "raisa@example.com", OrganizationDecision.Reject, "БСН тіркеу куәлігіндегі атаумен сәйкес келмейді. / БИН не совпадает с названием в справке о регистрации."),
        };
        foreach (var o in organizations)
        {
            if (!owners.TryGetValue(o.Owner, out var owner))
            {
                continue;
            }

            var organization = new Organization
            {
                Bin = o.Bin,
                Name = o.Name,
                LegalForm = "public_association",
                RegionKato = o.Region,
                Directions = [.. o.Directions],
                Description = o.Description,
                Email = o.Owner,
                CreatedAt = now,
                Members = [new OrganizationMember { AccountId = owner.Id, Role = OrganizationMember.Owner, JoinedAt = now }],
            };
            organization.RefreshSearchText();
            if (o.Decision is { } decision)
            {
                organization.Decide(decision, o.Reason, admin, now);
            }

            db.Organizations.Add(organization);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
