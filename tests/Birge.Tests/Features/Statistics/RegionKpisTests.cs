using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Birge.Tests.Features.HelpRequests;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.HelpRequests;
using Birge.Web.Features.Statistics;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Statistics;

/// <summary>
/// The front office's key figures of its region (issue 13 §5) on <c>/front-office</c> and
/// <c>GET /api/v1/front-offices/{kato}/kpis</c>: a past month's figures of North Kazakhstan as the snapshot holds
/// them, with the live medians of time to verify and to close and the people active in 90 days; each compared with the
/// previous month and the median of the 20 regions; the API gives the page's numbers; this month grows live; other
/// regions' staff and strangers are refused; a month that cannot be is a translated error, never a 5xx.
/// </summary>
public abstract class RegionKpisTests(BirgeApp app)
{
    private const string NorthKazakhstan = "590000000";
    private static readonly DateOnly June = new(2025, 6, 1);
    private static readonly DateOnly May = new(2025, 5, 1);

    [Fact]
    public async Task A_past_month_shows_the_region_s_figures_against_the_month_before_and_the_national_median()
    {
        await ForgetSnapshotsAsync();
        try
        {
            await StoreFiguresAsync();
            await VerifiedAsync(NorthKazakhstan, created: At(June, 0), verified: At(June.AddDays(2), 0));
            await VerifiedAsync(NorthKazakhstan, created: At(May, 0), verified: At(June.AddDays(10), 0), resubmitted: At(June.AddDays(9), 0));
            await VerifiedAsync(NorthKazakhstan, created: At(May, 0), verified: At(June.AddDays(19), 0), suspended: At(June.AddDays(14), 0));
            await VerifiedAsync(NorthKazakhstan, created: At(May, 0), verified: At(May.AddDays(1), 0));
            await VerifiedAsync(People.AlmatyCity, created: At(June, 0), verified: At(June, 1));
            await ClosedAsync(At(June.AddDays(4), 0), TimeSpan.FromHours(3));
            await ClosedAsync(At(June.AddDays(4), 0), TimeSpan.FromHours(5));
            await OverdueAsync();
            foreach (var day in new[] { new DateOnly(2025, 6, 15), new DateOnly(2025, 6, 20), new DateOnly(2025, 4, 10), new DateOnly(2025, 3, 15) })
            {
                var person = await app.NewPerson().With("regionKato", NorthKazakhstan);
                await app.NewHours(person.Id, (await app.NewOrganization()).Id).On(day, 60);
            }

            var staff = await app.NewPerson().Staff(NorthKazakhstan).SignedIn().WithToken();
            var page = await staff.Pages.GetPageAsync("/front-office?Month=2025-06");

            Assert.Contains(Html.Text("Kpis_Title", Cultures.Kazakh), page.Find("#kpis-title").TextContent, StringComparison.Ordinal);
            Assert.Equal("2025-06", page.Value("Month"));
            Assert.Equal((12, 9, 1.5), Figure(page, RegionKpis.NewVolunteers));
            Assert.Equal("12", Card(page, RegionKpis.NewVolunteers).QuerySelector(".kpi__value")!.TextContent.Trim());
            Assert.Contains(Html.Text("Kpis_Up", Cultures.Kazakh, "3"), Card(page, RegionKpis.NewVolunteers).QuerySelector(".kpi__change")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(Html.Text("Kpis_Median", Cultures.Kazakh, 1.5.ToString("0.#", Cultures.Kazakh)), Card(page, RegionKpis.NewVolunteers).QuerySelector("[data-median]")!.TextContent.Trim());

            // Shares: the region's, and the median of the regions that had seats (0.25, 0.5, 0.75).
            Assert.Equal((0.75, 0.4, 0.5), Figure(page, RegionKpis.FillRate));
            Assert.Equal((0.75, 1, 0.75), Figure(page, RegionKpis.CallOutAnswerRate));
            Assert.Equal((600, 720, 0), Figure(page, RegionKpis.ConfirmedMinutes));
            Assert.Contains(Html.Text("Kpis_Down", Cultures.Kazakh, Durations.Format(120, Cultures.Kazakh)), Card(page, RegionKpis.ConfirmedMinutes).TextContent, StringComparison.Ordinal);
            Assert.Equal((3, 1, 0), Figure(page, RegionKpis.OrganizationsVerified));
            Assert.Equal((4, 4, 0), Figure(page, RegionKpis.OpportunitiesPublished));
            Assert.Contains(Html.Text("Kpis_Same", Cultures.Kazakh), Card(page, RegionKpis.OpportunitiesPublished).TextContent, StringComparison.Ordinal);
            Assert.Equal((7, 0, 0), Figure(page, RegionKpis.HelpRequestsOpened));
            Assert.Equal((5, 0, 0), Figure(page, RegionKpis.HelpRequestsClosed));
            Assert.Equal((2, 1, 0), Figure(page, RegionKpis.CallOutsSent));

            // Live: two days and one day from the latest submission (a lifted suspension left out), against Almaty's hour;
            // four hours to close; three people active in the 90 days to 30 June, two in those to 31 May.
            Assert.Equal((2160, 1440, 1110), Figure(page, RegionKpis.MedianMinutesToVerify));
            Assert.Equal(Durations.Format(2160, Cultures.Kazakh), Card(page, RegionKpis.MedianMinutesToVerify).QuerySelector(".kpi__value")!.TextContent.Trim());
            Assert.Equal(240, Figure(page, RegionKpis.MedianMinutesToClose).Value);
            Assert.Equal((3, 2), (Figure(page, RegionKpis.ActiveVolunteers).Value, Figure(page, RegionKpis.ActiveVolunteers).Previous));
            var overdue = Card(page, RegionKpis.HelpRequestsOverdue);
            Assert.Equal(await OverdueNowAsync(), double.Parse(overdue.QuerySelector("[data-value]")!.GetAttribute("data-value")!, CultureInfo.InvariantCulture));
            Assert.Contains(Html.Text("Kpis_Now", Cultures.Kazakh), overdue.TextContent, StringComparison.Ordinal);

            await AssertApiEqualsPageAsync(app.Client("kk", staff.Token), page, "2025-06");

            // The national office picks the region.
            var national = await app.NewPerson().Staff(FrontOffice.NationalKato).SignedIn().WithToken();
            var picked = await national.Pages.GetPageAsync($"/front-office?Region={NorthKazakhstan}&Month=2025-06");
            Assert.Equal((12, 9, 1.5), Figure(picked, RegionKpis.NewVolunteers));
            await AssertApiEqualsPageAsync(app.Client("kk", national.Token), picked, "2025-06");
            var all = await national.Pages.GetPageAsync("/front-office?Month=2025-06");
            Assert.Empty(all.QuerySelectorAll("[data-kpi]"));
            Assert.Equal(Html.Text("Kpis_ChooseRegion", Cultures.Kazakh), all.Find("#kpis-choose").TextContent.Trim());
        }
        finally
        {
            await ForgetSnapshotsAsync();
        }
    }

    [Fact]
    public async Task This_month_grows_live_and_the_api_gives_the_page_s_numbers()
    {
        var staff = await app.NewPerson().Staff(NorthKazakhstan).Speaking("ru").SignedIn().WithToken();
        using var api = app.Client("ru", staff.Token);
        var before = await KpisAsync(api, "");

        await app.NewPerson().With("regionKato", NorthKazakhstan);
        var after = await KpisAsync(api, "");

        Assert.Equal(1, Value(after, RegionKpis.NewVolunteers) - Value(before, RegionKpis.NewVolunteers));
        Assert.Equal(DateOnly.FromDateTime(KazakhstanTime.FromUtc(DateTime.UtcNow)).ToString("yyyy-MM", CultureInfo.InvariantCulture), after.GetProperty("month").GetString());
        var page = await staff.Pages.GetPageAsync("/front-office");
        Assert.Contains(Html.Text("Kpis_Title", Cultures.Russian), page.Find("#kpis-title").TextContent, StringComparison.Ordinal);
        await AssertApiEqualsPageAsync(api, page, "");
    }

    [Fact]
    public async Task Another_region_s_staff_and_a_stranger_are_refused()
    {
        var almaty = await app.NewPerson().Staff(People.AlmatyCity).SignedIn().WithToken();
        var stranger = await app.NewPerson().SignedIn().WithToken();

        using var other = await app.Client("kk", almaty.Token).GetAsync($"/api/v1/front-offices/{NorthKazakhstan}/kpis");
        using var volunteer = await app.Client("kk", stranger.Token).GetAsync($"/api/v1/front-offices/{NorthKazakhstan}/kpis");
        using var anonymous = await app.Client().GetAsync($"/api/v1/front-offices/{NorthKazakhstan}/kpis");
        using var page = await stranger.Pages.GetAsync("/front-office");

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, volunteer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("/error/403", new Uri(new Uri("http://localhost"), page.Location()).AbsolutePath);

        // Asking the page for another region shows the office's own.
        var names = await app.Db(db => db.Regions.Where(r => r.Kato == NorthKazakhstan || r.Kato == People.AlmatyCity).ToDictionaryAsync(r => r.Kato, r => r.Name.Kk!));
        var own = await almaty.Pages.GetPageAsync($"/front-office?Region={NorthKazakhstan}");
        var title = own.Find("#kpis-title").TextContent;
        Assert.Contains(names[People.AlmatyCity], title, StringComparison.Ordinal);
        Assert.DoesNotContain(names[NorthKazakhstan], title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2999-01", ErrorCodes.DateOutOfRange, "Error_kpis_month_future")]
    [InlineData("2019-12", ErrorCodes.DateOutOfRange, "Error_kpis_month_early")]
    [InlineData("ноябрь", ErrorCodes.ValueInvalid, "Error_kpis_month_invalid")]
    [InlineData("2026-13", ErrorCodes.ValueInvalid, "Error_kpis_month_invalid")]
    public async Task A_month_that_cannot_be_is_a_translated_error(string month, string code, string message)
    {
        var staff = await app.NewPerson().Staff(NorthKazakhstan).Speaking("ru").SignedIn().WithToken();

        using var response = await staff.Pages.GetAsync("/front-office?Month=" + Uri.EscapeDataString(month));
        var page = await Html.ParseAsync(response);
        using var refused = await app.Client("ru", staff.Token).GetAsync($"/api/v1/front-offices/{NorthKazakhstan}/kpis?month={Uri.EscapeDataString(month)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Html.Text(message, Cultures.Russian), page.FieldError("Month"));
        Assert.Equal(month, page.Value("Month"));
        Assert.Empty(page.QuerySelectorAll("[data-kpi]"));
        var problem = await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal(Html.Text(message, Cultures.Russian), Assert.Single(problem.GetProperty("errors").GetProperty("month").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_region_that_does_not_exist_is_refused_for_the_national_office()
    {
        var national = await app.NewPerson().Staff(FrontOffice.NationalKato).WithToken();

        using var response = await app.Client("en", national.Token).GetAsync("/api/v1/front-offices/999999999/kpis");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.RegionInvalid);
    }

    private static AngleSharp.Dom.IElement Card(IHtmlDocument page, string code) => page.Find($"#kpis [data-kpi='{code}']");

    private static double? Number(AngleSharp.Dom.IElement card, string attribute) =>
        card.QuerySelector($"[{attribute}]")?.GetAttribute(attribute) is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;

    /// <summary>A card's value, previous month's value and national median, as the page states them in its data attributes.</summary>
    private static (double? Value, double? Previous, double? Median) Figure(IHtmlDocument page, string code)
    {
        var card = Card(page, code);
        var value = Number(card, "data-value");
        var change = Number(card, "data-change");
        return (value, value - change, Number(card, "data-median"));
    }

    private static async Task AssertApiEqualsPageAsync(HttpClient api, IHtmlDocument page, string month)
    {
        var body = await KpisAsync(api, month);
        var figures = body.GetProperty("figures").EnumerateArray().ToList();
        Assert.Equal(page.QuerySelectorAll("[data-kpi]").Select(c => c.GetAttribute("data-kpi")), figures.Select(f => f.GetProperty("code").GetString()));
        foreach (var f in figures)
        {
            var card = Card(page, f.GetProperty("code").GetString()!);
            Assert.Equal(Nullable(f, "value"), Number(card, "data-value"));
            Assert.Equal(Nullable(f, "change"), Number(card, "data-change"));
            Assert.Equal(Nullable(f, "nationalMedian"), Number(card, "data-median"));
        }
    }

    private static async Task<JsonElement> KpisAsync(HttpClient api, string month)
    {
        using var response = await api.GetAsync($"/api/v1/front-offices/{NorthKazakhstan}/kpis" + (month.Length > 0 ? "?month=" + month : ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static double? Nullable(JsonElement figure, string name) =>
        figure.GetProperty(name).ValueKind == JsonValueKind.Null ? null : figure.GetProperty(name).GetDouble();

    private static double Value(JsonElement body, string code) =>
        body.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("code").GetString() == code).GetProperty("value").GetDouble();

    private static DateTime At(DateOnly day, int hours) => DailyFigures.Utc(day).AddHours(4 + hours);

    /// <summary>The snapshot's figures of May and June 2025: North Kazakhstan's, and a few other regions' for the medians.</summary>
    private Task<int> StoreFiguresAsync() => app.Db(async db =>
    {
        var day = new DateOnly(2025, 6, 10);
        var before = new DateOnly(2025, 5, 10);
        var figures = new List<DailyFigure>();
        void Add(DateOnly on, string region, string metric, long value) =>
            figures.Add(new DailyFigure { Day = on, RegionKato = region, Metric = metric, Value = value });

        Add(day, NorthKazakhstan, StatMetric.VolunteersRegistered, 12);
        Add(before, NorthKazakhstan, StatMetric.VolunteersRegistered, 9);
        Add(day, NorthKazakhstan, StatMetric.OrganizationsVerified, 3);
        Add(before, NorthKazakhstan, StatMetric.OrganizationsVerified, 1);
        Add(day, NorthKazakhstan, StatMetric.OpportunitiesPublished, 4);
        Add(before, NorthKazakhstan, StatMetric.OpportunitiesPublished, 4);
        Add(day, NorthKazakhstan, StatMetric.Seats, 40);
        Add(day, NorthKazakhstan, StatMetric.SeatsTaken, 30);
        Add(before, NorthKazakhstan, StatMetric.Seats, 50);
        Add(before, NorthKazakhstan, StatMetric.SeatsTaken, 20);
        Add(day, NorthKazakhstan, StatMetric.ConfirmedMinutes, 600);
        Add(before, NorthKazakhstan, StatMetric.ConfirmedMinutes, 720);
        Add(day, NorthKazakhstan, StatMetric.HelpRequestsOpened, 7);
        Add(day, NorthKazakhstan, StatMetric.HelpRequestsClosed, 5);
        Add(day, NorthKazakhstan, StatMetric.CallOutsSent, 2);
        Add(before, NorthKazakhstan, StatMetric.CallOutsSent, 1);
        Add(day, NorthKazakhstan, StatMetric.CallOutRecipients, 20);
        Add(day, NorthKazakhstan, StatMetric.CallOutReplies, 15);
        Add(before, NorthKazakhstan, StatMetric.CallOutRecipients, 10);
        Add(before, NorthKazakhstan, StatMetric.CallOutReplies, 10);

        // Ten other regions registered 1 to 10 people in June; nine none: the 10th and 11th of 20 are 1 and 2.
        var others = await db.Regions.Select(r => r.Kato).Where(k => k != NorthKazakhstan).OrderBy(k => k).ToListAsync();
        for (var i = 0; i < 10; i++)
        {
            Add(day, others[i], StatMetric.VolunteersRegistered, i + 1);
        }

        Add(day, others[0], StatMetric.Seats, 20);
        Add(day, others[0], StatMetric.SeatsTaken, 10);
        Add(day, others[1], StatMetric.Seats, 20);
        Add(day, others[1], StatMetric.SeatsTaken, 5);
        db.AddFigures(figures);
        db.StatsSnapshots.Add(new StatsSnapshot { Through = DateOnly.FromDateTime(KazakhstanTime.FromUtc(DateTime.UtcNow)).AddDays(-1), MadeAt = DateTime.UtcNow });
        return await db.SaveChangesAsync();
    });

    private async Task VerifiedAsync(string region, DateTime created, DateTime verified, DateTime? resubmitted = null, DateTime? suspended = null)
    {
        var organization = await app.NewOrganization().InRegion(region);
        await app.Db(async db =>
        {
            foreach (var (action, at) in new[] { ("organization.resubmitted", resubmitted), ("organization.suspended", suspended) })
            {
                if (at is { } when)
                {
                    db.AuditEntries.Add(new AuditEntry { At = when, Action = action, TargetType = "organization", TargetId = organization.Id.ToString(), RegionKato = region, Outcome = AuditEntry.Done });
                }
            }

            await db.SaveChangesAsync();
            return await db.Organizations.Where(o => o.Id == organization.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAt, created).SetProperty(o => o.StatusChangedAt, verified));
        });
    }

    private async Task ClosedAsync(DateTime asked, TimeSpan took)
    {
        var request = await app.NewHelpRequestAsync(NorthKazakhstan, "groceries");
        await app.Db(db => db.HelpRequests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, HelpRequestStatus.Closed)
            .SetProperty(r => r.CreatedAt, asked)
            .SetProperty(r => r.QueuedAt, asked)
            .SetProperty(r => r.ClosedAt, asked + took)));
    }

    private async Task OverdueAsync()
    {
        var request = await app.NewHelpRequestAsync(NorthKazakhstan, "groceries");
        await app.Db(db => db.HelpRequests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimDueAt, DateTime.UtcNow.AddHours(-1))));
    }

    private async Task<double> OverdueNowAsync()
    {
        using var scope = app.Services.CreateScope();
        var counts = await scope.ServiceProvider.GetRequiredService<HelpRequestCounts>().ForRegionsAsync([NorthKazakhstan], CancellationToken.None);
        return Assert.Single(counts).Overdue;
    }

    /// <summary>The snapshot is shared by the tests of one database: each test that stores one starts and ends with none.</summary>
    private Task<int> ForgetSnapshotsAsync() => app.Db(async db =>
        await db.ForgetSnapshotsAsync());
}

[Collection(Sqlite.Name)]
public sealed class RegionKpisTestsOnSqlite(SqliteApp app) : RegionKpisTests(app);

[Collection(Postgres.Name)]
public sealed class RegionKpisTestsOnPostgres(PostgresApp app) : RegionKpisTests(app);
