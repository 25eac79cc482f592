using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.FrontOffices;

/// <summary>People who work for front offices, and organisations put straight into the database for them to moderate.</summary>
public static class Offices
{
    public const string Almaty = People.AlmatyCity;
    public const string Astana = "710000000";
    public const string Shymkent = "790000000";
    public const string Karaganda = "350000000";

    public static async Task<Guid> AccountIdAsync(BirgeApp app, string email) =>
        await app.Db(db => db.Accounts.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());

    /// <summary>A national admin, signed in afresh so the cookie carries the role.</summary>
    public static async Task<(HttpClient Client, string Email, Guid Id)> AdminAsync(BirgeApp app, string? acceptLanguage = null)
    {
        var (_, email) = await People.SignUpAsync(app);
        var id = await AccountIdAsync(app, email);
        await app.Db(async db =>
        {
            db.AccountRoles.Add(new AccountRole { AccountId = id, Role = AccountRole.Admin });
            return await db.SaveChangesAsync();
        });
        var client = app.Browser(acceptLanguage);
        using var login = await Logins.PostAsync(client, email, People.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return (client, email, id);
    }

    /// <summary>A person working for the office <paramref name="kato"/> (a region's KATO code or "national").</summary>
    public static async Task<(HttpClient Client, string Email, Guid Id)> StaffAsync(BirgeApp app, string kato, string role = FrontOfficeStaff.Staff)
    {
        var (client, email) = await People.SignUpAsync(app);
        var id = await AccountIdAsync(app, email);
        await app.Db(async db =>
        {
            db.FrontOfficeStaff.Add(new FrontOfficeStaff { FrontOfficeKato = kato, AccountId = id, Role = role, AssignedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        return (client, email, id);
    }

    /// <summary>An organisation of the region, owned by a new volunteer: pending, verified or suspended.</summary>
    public static async Task<(Guid Id, string OwnerEmail, string Name)> OrganizationAsync(
        BirgeApp app, string regionKato, OrganizationStatus status = OrganizationStatus.Pending)
    {
        var (_, ownerEmail) = await People.SignUpAsync(app);
        var ownerId = await AccountIdAsync(app, ownerEmail);
        var name = $"«Жарқын болашақ» қоғамдық бірлестігі {Guid.NewGuid():N}"[..60];
        var id = await app.Db(async db =>
        {
            var organization = new Organization
            {
                Bin = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Name = name,
                LegalForm = "public_association",
                RegionKato = regionKato,
                Address = "Абай даңғылы, 10",
                Email = People.NewEmail(),
                Phone = "+77011234567",
                CreatedAt = DateTime.UtcNow,
                Members = [new OrganizationMember { AccountId = ownerId, Role = OrganizationMember.Owner, JoinedAt = DateTime.UtcNow }],
            };
            organization.RefreshSearchText();
            if (status != OrganizationStatus.Pending)
            {
                Assert.Null(organization.Decide(OrganizationDecision.Verify, null, ownerId, DateTime.UtcNow));
            }

            if (status == OrganizationStatus.Suspended)
            {
                Assert.Null(organization.Decide(OrganizationDecision.Suspend, "Тексеру", ownerId, DateTime.UtcNow));
            }

            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
            return organization.Id;
        });
        return (id, ownerEmail, name);
    }

    public static async Task<Organization> StoredAsync(BirgeApp app, Guid id) =>
        await app.Db(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == id));

    /// <summary>What the front office's decisions sent to a (Kazakh-speaking) owner, leaving out the sign-up's confirmation.</summary>
    public static async Task<List<OutboxMessage>> DecisionMessagesAsync(BirgeApp app, string recipient)
    {
        string[] subjects =
        [
            .. new[] { "Verified", "Rejected", "Suspended" }.Select(t => Html.Text($"Message_Organization{t}_Subject", Cultures.Kazakh)),
        ];
        return await app.Db(db => db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == recipient && subjects.Contains(m.Subject)).ToListAsync());
    }

    /// <summary>The absolute path a refused page redirects to.</summary>
    public static string RedirectPath(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Location()).AbsolutePath;
}
