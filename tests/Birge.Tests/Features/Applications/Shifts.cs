using System.Globalization;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;

namespace Birge.Tests.Features.Applications;

/// <summary>An organisation's opportunity with one shift, stored directly (the opportunity pages are another feature's).</summary>
public sealed record TestShift(Guid OrganizationId, Guid OpportunityId, Guid ShiftId, string Title);

public static class Shifts
{
    /// <summary>A verified organisation with a published opportunity and one shift; the options change one thing.</summary>
    public static async Task<TestShift> PublishedAsync(
        BirgeApp app,
        int capacity = 10,
        bool autoAccept = true,
        int minAge = 0,
        string direction = "social",
        DateTime? startsAt = null,
        bool publish = true,
        string? address = "Абай даңғылы, 10, Алматы")
    {
        var title = "Саябақты тазалау " + Orgs.UniqueWord();
        var organizationId = await Orgs.VerifiedAsync(app, "Жасыл Әлем " + Orgs.UniqueWord());
        var start = startsAt ?? DateTime.UtcNow.AddDays(3);
        var opportunity = new Opportunity
        {
            OrganizationId = organizationId,
            Title = new LocalizedText(title, "Уборка парка", "Park clean-up"),
            Description = new LocalizedText("Сипаттама", null, null),
            RegionKato = People.AlmatyCity,
            Directions = [direction],
            Address = address,
            MinAge = minAge,
            AutoAccept = autoAccept,
            CreatedAt = DateTime.UtcNow,
            CreatedBy = Guid.NewGuid(),
            UpdatedAt = DateTime.UtcNow,
            Shifts = [new Shift { StartsAt = start, EndsAt = start.AddHours(3), Capacity = capacity, Role = "Көмекші" }],
        };
        opportunity.RefreshSchedule();
        opportunity.RefreshSearchText("Жасыл Әлем");
        if (publish)
        {
            Assert.Null(opportunity.Publish(organizationVerified: true, DateTime.UtcNow));
        }

        await app.Db(async db =>
        {
            db.Opportunities.Add(opportunity);
            return await db.SaveChangesAsync();
        });
        return new TestShift(organizationId, opportunity.Id, opportunity.Shifts[0].Id, title);
    }

    /// <summary>Volunteers stored directly, for tests that need many (no password: they act through the use case).</summary>
    public static async Task<List<Account>> VolunteersAsync(BirgeApp app, int count, string language = "kk")
    {
        var people = Enumerable.Range(0, count).Select(_ =>
        {
            var email = People.NewEmail();
            return new Account
            {
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                FullName = "Ерікті " + Orgs.UniqueWord(),
                BirthDate = new DateOnly(1998, 4, 1),
                BirthYear = 1998,
                RegionKato = People.AlmatyCity,
                Language = language,
                CreatedAt = DateTime.UtcNow,
            };
        }).ToList();
        await app.Db(async db =>
        {
            db.Accounts.AddRange(people);
            return await db.SaveChangesAsync();
        });
        return people;
    }

    /// <summary>An API account born on the given date, with its token.</summary>
    public static async Task<(Guid Id, string Email, string Token)> PersonBornAsync(BirgeApp app, DateOnly born)
    {
        var body = Api.AdultAccount();
        body["birthDate"] = born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (id, email) = await Api.CreateAccountAsync(app, body);
        return (id, email, await Api.TokenAsync(app, email));
    }
}
