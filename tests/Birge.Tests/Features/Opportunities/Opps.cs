using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Opportunities;

/// <summary>Coordinators, opportunities and applicants made for tests, through the API or straight in the database.</summary>
public static class Opps
{
    public const double AlmatyLat = 43.2389;
    public const double AlmatyLon = 76.8897;

    /// <summary>A signed-in person (cookie and token) who owns a new organisation, verified when asked.</summary>
    public static async Task<Coordinator> CoordinatorAsync(BirgeApp app, bool verified = true, string? acceptLanguage = null)
    {
        var (client, email) = await People.SignUpAsync(app, acceptLanguage);
        var token = await Api.TokenAsync(app, email);
        var organizationId = await Orgs.RegisterAsync(app, token);
        if (verified)
        {
            await Orgs.VerifyAsync(app, organizationId);
        }

        return new Coordinator(client, token, organizationId, await Orgs.AccountIdAsync(app, email));
    }

    /// <summary>A complete, valid <c>POST /api/v1/opportunities</c> body: one event in Almaty a week ahead.</summary>
    public static Dictionary<string, object?> Body(Guid organizationId, string? word = null) => new()
    {
        ["organizationId"] = organizationId,
        ["kind"] = "event",
        ["title"] = new { kk = "Саябақты тазалау " + (word ?? ""), ru = "Уборка парка" },
        ["description"] = new { kk = "Қолғап береміз.", en = "Gloves provided." },
        ["directions"] = new[] { "ecology" },
        ["regionKato"] = People.AlmatyCity,
        ["address"] = "Алматы, Горький атындағы саябақ",
        ["latitude"] = AlmatyLat,
        ["longitude"] = AlmatyLon,
        ["minAge"] = 14,
        ["shifts"] = new object[]
        {
            new { startsAt = WeekAhead(10), endsAt = WeekAhead(13), capacity = 10, role = "тазалау" },
            new { startsAt = WeekAhead(14), endsAt = WeekAhead(17), capacity = 5 },
        },
    };

    /// <summary>A day a week ahead at the hour, Kazakhstan time, with its offset.</summary>
    public static string WeekAhead(int hour) =>
        new DateTimeOffset(DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(7).AddHours(hour), DateTimeKind.Unspecified), TimeSpan.FromHours(5)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A shift of a <c>POST /api/v1/opportunities</c> body.</summary>
    public static Dictionary<string, object?> Shift(string startsAt, string endsAt, int capacity = 5, int? repeatWeekly = null) => new()
    {
        ["startsAt"] = startsAt,
        ["endsAt"] = endsAt,
        ["capacity"] = capacity,
        ["repeatWeekly"] = repeatWeekly,
    };

    /// <summary>An instant as the API takes it, with its offset.</summary>
    public static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);

    public static async Task<(Guid Id, List<Guid> Shifts)> CreateAsync(BirgeApp app, string token, Dictionary<string, object?> body)
    {
        using var client = app.Client(accessToken: token);
        using var response = await client.PostAsJsonAsync("/api/v1/opportunities", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        return (json.GetProperty("id").GetGuid(), [.. json.GetProperty("shifts").EnumerateArray().Select(s => s.GetProperty("id").GetGuid())]);
    }

    /// <summary>A published opportunity stored directly, for searches that need many.</summary>
    public static async Task<Guid> PublishedAsync(
        BirgeApp app,
        Guid organizationId,
        string title,
        string region = People.AlmatyCity,
        string direction = "social",
        double? lat = null,
        double? lon = null,
        bool online = false,
        DateTime? startsAt = null,
        int capacity = 10,
        int taken = 0,
        int minAge = 0,
        LocalizedText? description = null,
        string organizationName = "Test org")
    {
        var start = startsAt ?? DateTime.UtcNow.AddDays(3);
        var opportunity = new Opportunity
        {
            OrganizationId = organizationId,
            Kind = OpportunityKind.Event,
            Title = new LocalizedText(title, null, null),
            Description = description ?? new LocalizedText("Сипаттама", null, null),
            Directions = [direction],
            RegionKato = region,
            Latitude = lat,
            Longitude = lon,
            Online = online,
            MinAge = minAge,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        opportunity.Shifts.Add(new Shift { OpportunityId = opportunity.Id, StartsAt = start, EndsAt = start.AddHours(3), Capacity = capacity, Taken = taken });
        opportunity.RefreshSchedule();
        opportunity.RefreshSearchText(organizationName);
        Assert.Null(opportunity.Publish(true, DateTime.UtcNow));
        await app.Db(async db =>
        {
            db.Opportunities.Add(opportunity);
            return await db.SaveChangesAsync();
        });
        return opportunity.Id;
    }

    /// <summary>A volunteer holding an accepted seat on the shift, as the applications feature would store it.</summary>
    public static async Task<(Guid Id, string Email)> ApplicantAsync(BirgeApp app, Guid shiftId, ApplicationStatus status = ApplicationStatus.Accepted, string language = "kk")
    {
        var body = Api.AdultAccount();
        var (id, email) = await Api.CreateAccountAsync(app, body);
        await app.Db(async db =>
        {
            var account = await db.Accounts.SingleAsync(a => a.Id == id);
            account.Language = language;
            db.Applications.Add(new Application { ShiftId = shiftId, VolunteerId = id, Status = status, AppliedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            if (status == ApplicationStatus.Accepted)
            {
                var shift = await db.Shifts.SingleAsync(s => s.Id == shiftId);
                shift.Taken++;
            }

            return await db.SaveChangesAsync();
        });
        return (id, email);
    }
}

public sealed record Coordinator(HttpClient Client, string Token, Guid OrganizationId, Guid AccountId);
