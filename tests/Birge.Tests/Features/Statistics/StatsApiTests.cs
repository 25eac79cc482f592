using System.Net;
using System.Text.Json;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Statistics;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Statistics;

/// <summary>
/// <c>GET /api/v1/stats</c> per api.md: a region's figures grow with what happens there (people, a verified
/// organisation, a published opportunity with its seats, confirmed hours by direction); the daily snapshot stores the
/// past days and the answer stays the same, with the days since counted live; bad periods and regions are refused with
/// a code in the reader's language, and an end after today is today.
/// </summary>
public abstract class StatsApiTests(BirgeApp app)
{
    private const string Jetisu = "330000000";

    [Fact]
    public async Task A_region_s_figures_grow_with_what_happens_there_and_the_snapshot_keeps_them()
    {
        await ForgetSnapshotsAsync();
        using var anonymous = app.Client();
        var before = await StatsAsync(anonymous, $"?region={Jetisu}");
        var peopleBefore = await PeopleAsync(Jetisu);

        var people = new List<TestPerson>();
        for (var i = 0; i < 5; i++)
        {
            people.Add(await app.NewPerson().With("regionKato", Jetisu).Born(i == 0 ? new DateOnly(1958, 3, 1) : new DateOnly(1999, 3, 1)));
        }

        var organization = await app.NewOrganization().InRegion(Jetisu);
        var opportunity = await app.NewOpportunity(organization.Id).InRegion(Jetisu).Directions("ecology", "animals")
            .Starting(DateTime.UtcNow.AddMinutes(-30)).Seats(10, takenAlready: 3);
        await app.NewHours(people[1].Id, organization.Id).OnShift(opportunity.Shift, opportunity.Shift.StartsAt).Direction("ecology");

        var after = await StatsAsync(anonymous, $"?region={Jetisu}");
        // Counts of people are exact inside and suppressed from 1 to 4 outside.
        var peopleAfter = await PeopleAsync(Jetisu);
        Assert.Equal((5, 1), (peopleAfter.Volunteers - peopleBefore.Volunteers, peopleAfter.Silver - peopleBefore.Silver));
        Assert.Equal(Suppression.Cell(peopleAfter.Volunteers), Nullable(after, "volunteers"));
        Assert.Equal(Suppression.Cell(peopleAfter.Silver), Nullable(after, "silverVolunteers"));
        Assert.Equal(1, Number(after, "organizations") - Number(before, "organizations"));
        Assert.Equal(1, Number(after, "opportunities") - Number(before, "opportunities"));
        Assert.Equal(60, Number(after, "confirmedMinutes") - Number(before, "confirmedMinutes"));
        Assert.Equal(Jetisu, after.GetProperty("region").GetString());
        Assert.Equal(Jetisu, Assert.Single(after.GetProperty("byRegion").EnumerateArray()).GetProperty("regionKato").GetString());
        Assert.Equal(1, Direction(after, "animals", "opportunities") - Direction(before, "animals", "opportunities"));
        Assert.Equal(60, Direction(after, "ecology", "confirmedMinutes") - Direction(before, "ecology", "confirmedMinutes"));
        var today = DateOnly.FromDateTime(KazakhstanTime.FromUtc(DateTime.UtcNow));
        if (DailyFigures.Day(opportunity.Shift.StartsAt) == today)
        {
            Assert.Equal(10, Number(after, "seats") - Number(before, "seats"));
            Assert.Equal(3, Number(after, "seatsTaken") - Number(before, "seatsTaken"));
        }

        var national = await StatsAsync(anonymous, "");
        Assert.True(Number(national, "volunteers") >= Number(after, "volunteers"));
        Assert.Contains(national.GetProperty("byRegion").EnumerateArray(), r => r.GetProperty("regionKato").GetString() == Jetisu);

        // The snapshot stores every day up to yesterday (and whole months as one row each); the answers are the same,
        // today counted live on top.
        var recent = $"?region={Jetisu}&from={today.AddDays(-40):yyyy-MM-dd}&to={today.AddDays(-3):yyyy-MM-dd}";
        var recentBefore = await StatsAsync(anonymous, recent);
        var stored = await app.Services.GetRequiredService<StatsSnapshots>().RunOnceAsync(CancellationToken.None);
        Assert.True(stored > 0);
        Assert.Equal(today.AddDays(-1), await app.Db(db => db.StatsSnapshots.MaxAsync(s => (DateOnly?)s.Through)));
        var hoursDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7);
        Assert.True(await app.Db(db => db.DailyFigures.AnyAsync(f =>
            f.Day == hoursDay && f.RegionKato == Jetisu && f.Metric == StatMetric.ConfirmedMinutes && f.Part == "ecology" && f.Value >= 60)));
        Assert.Equal(after.ToString(), (await StatsAsync(anonymous, $"?region={Jetisu}")).ToString());
        Assert.Equal(recentBefore.ToString(), (await StatsAsync(anonymous, recent)).ToString());
        Assert.True(Number(recentBefore, "confirmedMinutes") >= 60, "The hours of a week ago are in the last 40 days.");

        // A second run the same day has nothing to do.
        Assert.Equal(0, await app.Services.GetRequiredService<StatsSnapshots>().RunOnceAsync(CancellationToken.None));
        await ForgetSnapshotsAsync();
    }

    [Fact]
    public async Task A_month_is_a_period_and_an_end_after_today_is_today()
    {
        using var anonymous = app.Client();
        var today = DateOnly.FromDateTime(KazakhstanTime.FromUtc(DateTime.UtcNow));

        var month = await StatsAsync(anonymous, "?from=2026-11&to=2026-11");
        Assert.Equal(("2026-11-01", "2026-11-30"), (month.GetProperty("from").GetString(), month.GetProperty("to").GetString()));
        Assert.Equal("2026-11", Assert.Single(month.GetProperty("byMonth").EnumerateArray()).GetProperty("month").GetString());

        var future = await StatsAsync(anonymous, $"?from={today:yyyy-MM-dd}&to=2999-12-31");
        Assert.Equal(today.ToString("yyyy-MM-dd"), future.GetProperty("to").GetString());
        var old = await StatsAsync(anonymous, "?from=1990-01-01");
        Assert.Equal("2020-01-01", old.GetProperty("from").GetString());
    }

    [Theory]
    [InlineData("?from=2026-11-10&to=2026-11-01", "to", ErrorCodes.DateRangeInvalid)]
    [InlineData("?region=999999999", "region", ErrorCodes.RegionInvalid)]
    [InlineData("?from=yesterday", "from", ErrorCodes.ValueInvalid)]
    [InlineData("?from=2999-01-01", "from", ErrorCodes.DateOutOfRange)]
    [InlineData("?to=1999-01-01", "to", ErrorCodes.DateOutOfRange)]
    public async Task A_period_or_region_that_cannot_be_is_refused_with_a_code(string query, string field, string code)
    {
        using var russian = app.Client("ru");

        using var response = await russian.GetAsync("/api/v1/stats" + query);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, code);
        var message = Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!;
        Assert.Matches("[а-яА-Я]", message);
    }

    private static async Task<JsonElement> StatsAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/v1/stats" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<(long Volunteers, long Silver)> PeopleAsync(string kato)
    {
        using var scope = app.Services.CreateScope();
        var reader = scope.ServiceProvider.GetRequiredService<StatsReader>();
        var rows = (await reader.MonthlyAsync(StatsQuery.Beginning, reader.Today, live: true, CancellationToken.None)).Where(r => r.RegionKato == kato).ToList();
        long Sum(string metric) => rows.Where(r => r.Metric == metric && r.Part == "").Sum(r => r.Value);
        return (Sum(StatMetric.VolunteersRegistered) - Sum(StatMetric.VolunteersLeft), Sum(StatMetric.SilverRegistered) - Sum(StatMetric.SilverLeft));
    }

    private static long? Nullable(JsonElement body, string name) =>
        body.GetProperty(name).ValueKind == JsonValueKind.Null ? null : body.GetProperty(name).GetInt64();

    private static long Number(JsonElement body, string name) =>
        body.GetProperty(name).ValueKind == JsonValueKind.Null ? 0 : body.GetProperty(name).GetInt64();

    private static long Direction(JsonElement body, string code, string name) =>
        body.GetProperty("byDirection").EnumerateArray().Where(d => d.GetProperty("direction").GetString() == code).Select(d => d.GetProperty(name).GetInt64()).SingleOrDefault();

    /// <summary>The snapshot is shared by the tests of one database: each test that takes one starts and ends with none.</summary>
    private Task<int> ForgetSnapshotsAsync() => app.Db(async db =>
        await db.ForgetSnapshotsAsync());
}

[Collection(Sqlite.Name)]
public sealed class StatsApiTestsOnSqlite(SqliteApp app) : StatsApiTests(app);

[Collection(Postgres.Name)]
public sealed class StatsApiTestsOnPostgres(PostgresApp app) : StatsApiTests(app);
