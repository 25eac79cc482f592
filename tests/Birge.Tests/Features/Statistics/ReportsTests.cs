using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Birge.Tests.Features.Book;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Statistics.Dashboard;
using Birge.Web.Features.Statistics.Reports;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Features.Statistics;

/// <summary>
/// The reports: on the first of a month the schedule queues every region's report (and on 1 January the country's
/// half-year) once, however many times and nodes run it, or a few days later when no node ran on the first, and two nodes never take the same one; staff ask for one,
/// watch its progress and download a PDF with the region's name and the API's figures in kk, ru and en; another
/// region's staff and strangers are refused; bad input is refused in the reader's language with nothing queued.
/// </summary>
public abstract class ReportsTests(BirgeApp app)
{
    private const string Region = Offices.Karaganda;

    [Fact]
    public async Task The_schedule_on_the_first_queues_each_report_once_even_run_twice_on_two_nodes_makes_them_and_catches_up_a_missed_first()
    {
        var maker = app.Services.GetRequiredService<ReportMaker>();
        var newYear = new DateOnly(2027, 1, 1);
        await app.Db(db => db.Reports.Where(r => r.RequestedBy == null).ExecuteDeleteAsync());
        try
        {
            // 1 January, 10:00 in Kazakhstan.
            app.Clock.Set(KazakhstanTime.ToUtc(new DateTime(2027, 1, 1, 10, 0, 0)));
            var regions = await app.Db(db => db.Regions.CountAsync());

            // Two nodes queue at the same moment: the unique key lets one of them in.
            var queued = await Task.WhenAll(maker.QueueDueAsync(newYear, CancellationToken.None), maker.QueueDueAsync(newYear, CancellationToken.None));
            Assert.Equal((regions * 3) + 3, queued.Sum());
            Assert.Equal(0, await maker.QueueDueAsync(newYear, CancellationToken.None));
            Assert.Equal(0, await maker.QueueDueAsync(newYear.AddDays(1), CancellationToken.None));

            // Two nodes take the same report: one gets it.
            var id = await app.Db(db => db.Reports.Where(r => r.RequestedBy == null).Select(r => r.Id).FirstAsync());
            var taken = await Task.WhenAll(TakeAsync(maker, id), TakeAsync(maker, id));
            Assert.Equal(1, taken.Count(t => t));
            await app.Db(db => db.Reports.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, Report.Queued)));

            // The job itself, twice at once and once more: nothing queued again, every report made.
            await Task.WhenAll(maker.RunOnceAsync(CancellationToken.None), maker.RunOnceAsync(CancellationToken.None));
            await maker.RunOnceAsync(CancellationToken.None);

            var scheduled = await app.Db(db => db.Reports.AsNoTracking().Where(r => r.RequestedBy == null)
                .Select(r => new { r.Kind, r.RegionKato, r.From, r.To, r.Language, r.Status, r.Progress, Size = r.Pdf!.Length }).ToListAsync());
            var monthly = scheduled.Where(r => r.Kind == Report.Monthly).ToList();
            Assert.Equal(regions * 3, monthly.Count);
            Assert.All(monthly, r => Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)), (r.From, r.To)));
            Assert.Equal(regions * 3, monthly.Select(r => (r.RegionKato, r.Language)).Distinct().Count());
            var national = scheduled.Where(r => r.Kind == Report.SemiAnnual).ToList();
            Assert.Equal(["en", "kk", "ru"], national.Select(r => r.Language).Order(StringComparer.Ordinal));
            Assert.All(national, r => Assert.Equal((FrontOffice.NationalKato, new DateOnly(2026, 7, 1), new DateOnly(2026, 12, 31)), (r.RegionKato, r.From, r.To)));
            Assert.All(scheduled, r => Assert.Equal((Report.Ready, 100), (r.Status, r.Progress)));
            Assert.All(scheduled, r => Assert.True(r.Size > 1000));

            // No node ran on the first: one that runs on the 4th still queues the month's reports, each once; on the
            // 8th, too late to be the month's, it queues nothing.
            await app.Db(db => db.Reports.Where(r => r.RequestedBy == null).ExecuteDeleteAsync());
            await using var late = app.WithWebHostBuilder(b => b.UseSetting("Reports:CatchUpDays", "6"));
            var lateMaker = late.Services.GetRequiredService<ReportMaker>();
            Assert.Equal(0, await lateMaker.QueueDueAsync(newYear.AddDays(7), CancellationToken.None));
            Assert.Equal((regions * 3) + 3, await lateMaker.QueueDueAsync(newYear.AddDays(3), CancellationToken.None));
            Assert.Equal(0, await lateMaker.QueueDueAsync(newYear.AddDays(4), CancellationToken.None));
            var caughtUp = await app.Db(db => db.Reports.AsNoTracking().Where(r => r.RequestedBy == null).Select(r => new { r.Kind, r.From, r.To }).Distinct().ToListAsync());
            Assert.Equal(
                [(Report.Monthly, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)), (Report.SemiAnnual, new DateOnly(2026, 7, 1), new DateOnly(2026, 12, 31))],
                caughtUp.Select(r => (r.Kind, r.From, r.To)).OrderBy(r => r.Kind, StringComparer.Ordinal));
        }
        finally
        {
            app.Clock.Reset();
            await app.Db(db => db.Reports.Where(r => r.RequestedBy == null).ExecuteDeleteAsync());
        }
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task Staff_ask_for_a_report_watch_it_being_made_and_download_a_pdf_with_the_api_s_figures(string language)
    {
        var culture = Cultures.FromLanguage(language);
        for (var i = 0; i < 5; i++)
        {
            await app.NewPerson().With("regionKato", Region);
        }

        var organization = await app.NewOrganization().InRegion(Region);
        var opportunity = await app.NewOpportunity(organization.Id).InRegion(Region).Directions("ecology")
            .Starting(DateTime.UtcNow.AddMinutes(-30)).Seats(6, takenAlready: 2);
        var staff = await app.NewPerson().Speaking(language).Staff(Region).SignedIn();
        var month = DateOnly.FromDateTime(KazakhstanTime.FromUtc(DateTime.UtcNow)).ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var list = await staff.Pages.GetPageAsync($"/front-office/{Region}/reports");
        using var asked = await staff.Pages.SubmitAsync(list, "#new-report", new Dictionary<string, string> { ["Input.Month"] = month, ["Input.Language"] = language });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var report = await app.Db(db => db.Reports.AsNoTracking().SingleAsync(r => r.RequestedBy == staff.Id));
        Assert.Equal((Report.Monthly, Region, language, Report.Queued), (report.Kind, report.RegionKato, report.Language, report.Status));
        Assert.Equal($"/front-office/{Region}/reports/{report.Id}", asked.Location());
        var progress = await staff.Pages.GetPageAsync(asked.Location());
        Assert.Equal(Report.Queued, progress.Find("#status").GetAttribute("data-status"));
        Assert.NotNull(progress.QuerySelector("meta[http-equiv='refresh']"));
        Assert.Null(progress.QuerySelector("#download"));

        var run = await app.Services.GetRequiredService<ReportMaker>().RunOnceAsync(CancellationToken.None);
        Assert.True(run.Made >= 1);

        var ready = await staff.Pages.GetPageAsync(asked.Location());
        Assert.Equal(Report.Ready, ready.Find("#status").GetAttribute("data-status"));
        Assert.Null(ready.QuerySelector("meta[http-equiv='refresh']"));
        using var download = await staff.Pages.GetAsync(ready.Find("#download").GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        var text = await Hours.PdfTextAsync(await download.Content.ReadAsByteArrayAsync(), layout: true);
        var listed = await staff.Pages.GetPageAsync($"/front-office/{Region}/reports");
        Assert.NotNull(listed.QuerySelector($"#reports tr[data-report='{report.Id}'][data-status='ready'] a[data-download]"));

        // The region's name, and the very figures of GET /api/v1/stats for the region and month.
        var name = await app.Db(db => db.Regions.Where(r => r.Kato == Region).Select(r => r.Name).SingleAsync());
        Assert.Contains(name.Resolve(culture), text, StringComparison.Ordinal);
        using var api = await app.Client().GetAsync($"/api/v1/stats?region={Region}&from={month}&to={month}");
        var stats = await api.JsonAsync();
        string T(string key) => Html.Text(key, culture);
        string People(string field) => stats.GetProperty(field).ValueKind == JsonValueKind.Null ? T("Reports_FewerThanFive") : N(stats.GetProperty(field).GetInt64());
        string N(long value) => value.ToString("N0", culture);
        string Time(long minutes) => Durations.Format((int)minutes, culture);
        Row(text, T("Reports_Figure_Volunteers"), People("volunteers"));
        Row(text, T("Reports_Figure_SilverVolunteers"), People("silverVolunteers"));
        Row(text, T("Reports_Figure_Organizations"), N(stats.GetProperty("organizations").GetInt64()));
        Row(text, T("Reports_Figure_Opportunities"), N(stats.GetProperty("opportunities").GetInt64()));
        Row(text, T("Reports_Figure_Seats"), N(stats.GetProperty("seats").GetInt64()));
        Row(text, T("Reports_Figure_SeatsTaken"), N(stats.GetProperty("seatsTaken").GetInt64()));
        Row(text, T("Reports_Figure_ConfirmedHours"), Time(stats.GetProperty("confirmedMinutes").GetInt64()));
        Row(text, T("Reports_Figure_HelpRequestsOpened"), N(stats.GetProperty("helpRequestsOpened").GetInt64()));
        Row(text, T("Reports_Figure_HelpRequestsClosed"), N(stats.GetProperty("helpRequestsClosed").GetInt64()));
        Row(text, T("Reports_Figure_CallOutsSent"), N(stats.GetProperty("callOutsSent").GetInt64()));
        Row(text, T("Reports_Figure_CallOutsAnswered"), People("callOutsAnswered"));
        Assert.True(stats.GetProperty("opportunities").GetInt64() >= 1);
        var ecology = await app.Db(db => db.Directions.Where(d => d.Code == "ecology").Select(d => d.Name).SingleAsync());
        var direction = stats.GetProperty("byDirection").EnumerateArray().Single(d => d.GetProperty("direction").GetString() == "ecology");
        Row(text, ecology.Resolve(culture), N(direction.GetProperty("opportunities").GetInt64()), N(direction.GetProperty("seats").GetInt64()), StatsTable.Hours(direction.GetProperty("confirmedMinutes").GetInt64()).ToString("#,0.#", culture));
    }

    [Fact]
    public async Task Another_region_s_staff_and_strangers_cannot_see_or_download_a_region_s_report()
    {
        var report = new Report
        {
            Kind = Report.Monthly,
            RegionKato = Offices.Almaty,
            From = new DateOnly(2026, 10, 1),
            To = new DateOnly(2026, 10, 31),
            Language = "kk",
            Status = Report.Ready,
            Progress = 100,
            Pdf = [0x25, 0x50, 0x44, 0x46],
            CreatedAt = DateTime.UtcNow,
            ReadyAt = DateTime.UtcNow,
        };
        await app.Db(async db =>
        {
            db.Reports.Add(report);
            return await db.SaveChangesAsync();
        });
        var pdf = $"/front-office/{Offices.Almaty}/reports/{report.Id}.pdf";
        var almaty = await app.NewPerson().Staff(Offices.Almaty).SignedIn();
        var national = await app.NewPerson().Staff(FrontOffice.NationalKato).SignedIn();
        var astana = await app.NewPerson().Staff(Offices.Astana).SignedIn();
        var volunteer = await app.NewPerson().SignedIn();

        foreach (var allowed in new[] { almaty, national })
        {
            using var got = await allowed.Pages.GetAsync(pdf);
            Assert.Equal(HttpStatusCode.OK, got.StatusCode);
            Assert.Equal(report.Pdf, await got.Content.ReadAsByteArrayAsync());
        }

        foreach (var url in new[] { pdf, $"/front-office/{Offices.Almaty}/reports/{report.Id}", $"/front-office/{Offices.Almaty}/reports", "/front-office/national/reports" })
        {
            foreach (var refused in new[] { astana, volunteer })
            {
                using var response = await refused.Pages.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Equal("/error/403", new Uri(new Uri("http://localhost"), response.Location()).AbsolutePath);
            }
        }

        // Under its own region's address, Astana's staff still do not find Almaty's report.
        using var elsewhere = await astana.Pages.GetAsync($"/front-office/{Offices.Astana}/reports/{report.Id}.pdf");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        using var anonymous = await app.Browser().GetAsync(pdf);
        Assert.Equal("/account/login", new Uri(new Uri("http://localhost"), anonymous.Location()).AbsolutePath);
    }

    [Theory]
    [InlineData("Input.Month", "2999-01", "kk", "Error_report_period_future")]
    [InlineData("Input.Month", "2019-12", "kk", "Error_report_period_early")]
    [InlineData("Input.Month", "November", "kk", "Error_report_period_invalid")]
    [InlineData("Input.Language", "de", "", "Error_language_invalid")]
    public async Task Bad_input_is_refused_in_the_reader_s_language_with_the_form_filled_and_nothing_queued(string field, string value, string language, string message)
    {
        var staff = await app.NewPerson().Speaking("ru").Staff(Region).SignedIn();
        var page = await staff.Pages.GetPageAsync($"/front-office/{Region}/reports");
        var values = new Dictionary<string, string> { ["Input.Month"] = "2026-11", ["Input.Language"] = language.Length > 0 ? language : "kk", [field] = value };

        using var refused = await staff.Pages.SubmitAsync(page, "#new-report", values);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = await Html.ParseAsync(refused);
        Assert.Equal(Html.Text(message, Cultures.Russian), again.FieldError(field.Replace('.', '_')));
        if (field == "Input.Month")
        {
            Assert.Equal(value, again.Value("Input_Month"));
        }

        Assert.False(await app.Db(db => db.Reports.AnyAsync(r => r.RequestedBy == staff.Id)));
    }

    [Fact]
    public async Task The_national_office_asks_for_the_country_s_half_year_and_a_region_s_office_cannot()
    {
        var national = await app.NewPerson().Speaking("en").Staff(FrontOffice.NationalKato).SignedIn();
        var page = await national.Pages.GetPageAsync("/front-office/national/reports");
        Assert.NotNull(page.QuerySelector($"#region-reports a[href='/front-office/{Region}/reports']"));
        using var asked = await national.Pages.SubmitAsync(page, "#new-report", new Dictionary<string, string>
        {
            ["Input.Kind"] = Report.SemiAnnual,
            ["Input.Half"] = "2026-1",
            ["Input.Language"] = "ru",
        });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var report = await app.Db(db => db.Reports.AsNoTracking().SingleAsync(r => r.RequestedBy == national.Id));
        Assert.Equal((Report.SemiAnnual, FrontOffice.NationalKato, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30)), (report.Kind, report.RegionKato, report.From, report.To));

        await app.Services.GetRequiredService<ReportMaker>().RunOnceAsync(CancellationToken.None);
        using var download = await national.Pages.GetAsync($"/front-office/national/reports/{report.Id}.pdf");
        var text = await Hours.PdfTextAsync(await download.Content.ReadAsByteArrayAsync());
        Assert.Contains(Html.Text("Reports_Pdf_InNumbers", Cultures.Russian), text, StringComparison.Ordinal);
        Assert.Contains(Html.Text("Reports_Pdf_ByRegion", Cultures.Russian), text, StringComparison.Ordinal);

        // A region's office has no half-year to ask for: the form does not offer it, and a forged one is refused.
        var staff = await app.NewPerson().Staff(Region).SignedIn();
        var regional = await staff.Pages.GetPageAsync($"/front-office/{Region}/reports");
        Assert.Null(regional.QuerySelector("#Input_Kind"));
        using var forged = await staff.Pages.SubmitAsync(regional, "#new-report", new Dictionary<string, string>
        {
            ["Input.Kind"] = Report.SemiAnnual,
            ["Input.Half"] = "2026-1",
            ["Input.Language"] = "kk",
        });
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.False(await app.Db(db => db.Reports.AnyAsync(r => r.RequestedBy == staff.Id)));
    }

    /// <summary>A line of the PDF's text (laid out) that is the label and the values, as a table's row.</summary>
    private static void Row(string text, string label, params string[] values)
    {
        var row = "^" + Regex.Escape(label) + string.Concat(values.Select(v => @"\s+" + Regex.Escape(v))) + "$";
        Assert.True(
            text.Split('\n').Any(l => Regex.IsMatch(l.Trim(), row)),
            $"No row '{label} {string.Join(" ", values)}' in:\n{text}");
    }

    private Task<bool> TakeAsync(ReportMaker maker, Guid id) => app.Db(db => maker.TakeAsync(db, id, CancellationToken.None));
}

[Collection(Sqlite.Name)]
public sealed class ReportsTestsOnSqlite(SqliteApp app) : ReportsTests(app);

[Collection(Postgres.Name)]
public sealed class ReportsTestsOnPostgres(PostgresApp app) : ReportsTests(app);
