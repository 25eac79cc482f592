using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Statistics.Dashboard;
using Birge.Web.Localization;

namespace Birge.Tests.Features.Statistics;

/// <summary>
/// <c>/stats</c>, the public dashboard: its totals and tables are <c>GET /api/v1/stats</c>'s numbers for the same query
/// (the country, a region, a month), its CSVs are its tables, its pictures are SVG with a text alternative, and a period
/// or region that cannot be comes back refused beside its field in the reader's language with the form filled.
/// </summary>
public abstract class StatsDashboardTests(BirgeApp app)
{
    private const string Almaty = "750000000";

    [Theory]
    [InlineData("en", "", "")]
    [InlineData("ru", "?region=" + Almaty + "&period=this-month", Almaty)]
    [InlineData("kk", "?region=" + Almaty + "&period=custom&from={first}&to={last}", Almaty)]
    public async Task The_totals_and_tables_are_the_api_s_figures_and_the_csvs_are_the_tables(string language, string query, string region)
    {
        await MakeAlmatyBusyAsync();
        var culture = Cultures.FromLanguage(language);
        var today = DateOnly.FromDateTime(KazakhstanTime.FromUtc(DateTime.UtcNow));
        var first = new DateOnly(today.Year, today.Month, 1);
        query = query.Replace("{first}", Day(first), StringComparison.Ordinal).Replace("{last}", Day(first.AddMonths(1).AddDays(-1)), StringComparison.Ordinal);
        using var client = app.Client(language);

        var page = await client.GetPageAsync("/stats" + query);

        // The page links the API for the very query it answers, the period as days.
        var apiLink = page.Find("#api-link").GetAttribute("href")!;
        var expectedFrom = query.Length == 0 ? "2020-01-01" : Day(first);
        // The month's end is after today: the period ends today, as the API says.
        var expectedTo = Day(today);
        Assert.Equal($"/api/v1/stats?{(region.Length > 0 ? $"region={region}&" : "")}from={expectedFrom}&to={expectedTo}", apiLink);
        var api = await JsonAsync(client, apiLink);
        var country = await JsonAsync(client, $"/api/v1/stats?from={expectedFrom}&to={expectedTo}");

        foreach (var total in page.QuerySelectorAll(".stats-total"))
        {
            var field = total.GetAttribute("data-api")!;
            var expected = Nullable(api, field);
            Assert.Equal(expected, Value(total.GetAttribute("data-value")));
            Assert.Equal(Shown(expected, field == "confirmedMinutes", culture), total.QuerySelector(".stats-total__value")!.TextContent.Trim());
        }

        Assert.Equal(
            new[] { "volunteers", "silverVolunteers", "organizations", "opportunities", "confirmedMinutes", "helpRequestsClosed", "callOutsAnswered" },
            page.QuerySelectorAll(".stats-total").Select(t => t.GetAttribute("data-api")!));

        // The regions compare every region over the period: the country's figures by region.
        var regions = Rows(page, "regions");
        Assert.Equal(20, regions.Count);
        foreach (var (code, values) in regions)
        {
            var r = country.GetProperty("byRegion").EnumerateArray().FirstOrDefault(x => x.GetProperty("regionKato").GetString() == code);
            Assert.Equal(
                new[] { Nullable(r, "volunteers"), Nullable(r, "organizations"), Nullable(r, "opportunities"), Nullable(r, "confirmedMinutes"), Nullable(r, "helpRequestsClosed") },
                values.Select(v => v.Value));
        }

        if (region.Length > 0)
        {
            Assert.Equal(region, page.Find("#regions-table tr.is-selected").GetAttribute("data-code"));
        }

        foreach (var (code, values) in Rows(page, "directions"))
        {
            var d = api.GetProperty("byDirection").EnumerateArray().FirstOrDefault(x => x.GetProperty("direction").GetString() == code);
            Assert.Equal(new[] { Nullable(d, "opportunities"), Nullable(d, "seats"), Nullable(d, "confirmedMinutes") }, values.Select(v => v.Value));
        }

        var months = Rows(page, "months");
        Assert.Equal(api.GetProperty("byMonth").EnumerateArray().Select(m => m.GetProperty("month").GetString()), months.Select(m => m.Code));
        foreach (var ((code, values), m) in months.Zip(api.GetProperty("byMonth").EnumerateArray()))
        {
            Assert.Equal(
                new[] { Nullable(m, "volunteers"), Nullable(m, "activeVolunteers"), Nullable(m, "opportunities"), Nullable(m, "confirmedMinutes"), Nullable(m, "helpRequestsClosed") },
                values.Select(v => v.Value));
        }

        // The table shows the numbers in the reader's way; each CSV has the same rows, plain.
        foreach (var table in DashboardCsv.Tables)
        {
            var cells = page.QuerySelectorAll($"#{table}-table tbody tr").ToList();
            var hours = page.QuerySelectorAll($"#{table}-table thead th").Skip(1).Select(th => th.TextContent.Trim() == Html.Text("Stats_Col_Hours", culture)).ToList();
            foreach (var row in cells)
            {
                var tds = row.QuerySelectorAll("td").ToList();
                for (var i = 0; i < tds.Count; i++)
                {
                    Assert.Equal(Shown(Value(tds[i].GetAttribute("data-value")), hours[i], culture), tds[i].TextContent.Trim());
                }
            }

            var link = page.Find($"#{table}-csv").GetAttribute("href")!;
            Assert.Equal($"/stats/{table}.csv" + apiLink["/api/v1/stats".Length..], link);
            using var response = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var headers = page.QuerySelectorAll($"#{table}-table thead th").Select(th => th.TextContent.Trim()).ToList();
            Assert.Equal(string.Join(',', headers.Skip(1)), string.Join(',', lines[0].Split(',').Skip(2)));
            Assert.Equal(headers[0], lines[0].Split(',')[1]);
            Assert.Equal(cells.Count, lines.Length - 1);
            foreach (var (row, line) in cells.Zip(lines.Skip(1)))
            {
                var expected = new[] { row.GetAttribute("data-code")!, Quote(row.QuerySelector("th")!.TextContent.Trim()) }
                    .Concat(row.QuerySelectorAll("td").Select((td, i) => Value(td.GetAttribute("data-value")) is { } v
                        ? hours[i] ? StatsTable.Hours(v).ToString("0.#", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture)
                        : ""));
                Assert.Equal(string.Join(',', expected), line);
            }
        }
    }

    [Fact]
    public async Task The_pictures_are_svg_with_a_title_and_the_map_has_a_bubble_per_region_with_the_selected_one_marked()
    {
        using var client = app.Client("en");

        var page = await client.GetPageAsync($"/stats?region={Almaty}&metric=opportunities");

        var pictures = page.QuerySelectorAll("figure svg[role=img]").ToList();
        Assert.Equal(4, pictures.Count);
        Assert.All(pictures, svg => Assert.False(string.IsNullOrWhiteSpace(svg.QuerySelector("title")?.TextContent)));
        Assert.All(pictures, svg => Assert.False(string.IsNullOrWhiteSpace(svg.QuerySelector("desc")?.TextContent)));
        var map = page.Find("#map svg");
        Assert.StartsWith("Opportunities by region", map.QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(map.QuerySelector("path"));
        Assert.Equal(20, map.QuerySelectorAll("circle").Length);
        Assert.Single(map.QuerySelectorAll("circle[fill='#f2b632']"));
        Assert.Contains(map.QuerySelectorAll("text"), t => t.TextContent.StartsWith("Almaty: ", StringComparison.Ordinal));
        Assert.Equal("opportunities", page.Find("#metric option[selected]").GetAttribute("value"));
        Assert.Equal(Almaty, page.Find("#region option[selected]").GetAttribute("value"));
    }

    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task Every_page_links_the_statistics_in_the_reader_s_language(string language)
    {
        var page = await app.Client(language).GetPageAsync("/");

        var link = page.Find(".site-footer a[href='/stats']");
        Assert.Equal(Html.Text("Footer_Stats", Cultures.FromLanguage(language)), link.TextContent.Trim());
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_and_an_unknown_region_are_refused_beside_their_fields_with_the_form_filled()
    {
        using var russian = app.Client("ru");
        const string query = "?region=999999999&period=custom&from=2026-11-10&to=2026-11-01&metric=hours";

        var page = await russian.GetPageAsync("/stats" + query, HttpStatusCode.UnprocessableEntity);

        Assert.Equal(Html.Text("Error_" + ErrorCodes.RegionInvalid, Cultures.Russian), page.FieldError("region"));
        Assert.Equal(Html.Text("Error_" + ErrorCodes.DateRangeInvalid, Cultures.Russian), page.FieldError("to"));
        Assert.Equal("2026-11-10", page.Value("from"));
        Assert.Equal("2026-11-01", page.Value("to"));
        Assert.Equal("999999999", page.Find("#region option[selected]").GetAttribute("value"));
        Assert.Equal("custom", page.Find("#period option[selected]").GetAttribute("value"));
        Assert.Equal("hours", page.Find("#metric option[selected]").GetAttribute("value"));
        Assert.NotNull(page.QuerySelector(".error-summary"));
        Assert.Empty(page.QuerySelectorAll(".stats-total"));

        // The same query's CSV is refused with the API's code.
        using var csv = await russian.GetAsync("/stats/regions.csv" + query);
        await csv.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ErrorCodes.RegionInvalid);
    }

    [Theory]
    [InlineData("?from=yesterday", "from", ErrorCodes.ValueInvalid)]
    [InlineData("?period=custom&from=2999-01-01", "from", ErrorCodes.DateOutOfRange)]
    [InlineData("?period=last-month&from=2999-01-01&metric=nonsense&region=", null, null)]
    public async Task A_date_that_is_not_one_is_refused_and_a_ready_made_period_needs_none(string query, string? field, string? code)
    {
        using var english = app.Client("en");

        var page = await english.GetPageAsync("/stats" + query, field is null ? HttpStatusCode.OK : HttpStatusCode.UnprocessableEntity);

        if (field is null)
        {
            Assert.Null(page.QuerySelector(".error-summary"));
            Assert.Equal("volunteers", page.Find("#metric option[selected]").GetAttribute("value"));
            Assert.Null(page.Value("from"));
            return;
        }

        Assert.False(string.IsNullOrWhiteSpace(page.FieldError(field)));
        Assert.Equal(code == ErrorCodes.ValueInvalid ? "yesterday" : "2999-01-01", page.Value(field));
    }

    private async Task MakeAlmatyBusyAsync()
    {
        for (var i = 0; i < 6; i++)
        {
            await app.NewPerson().With("regionKato", Almaty).Born(new DateOnly(1999, 3, 1));
        }

        var organization = await app.NewOrganization().InRegion(Almaty);
        var opportunity = await app.NewOpportunity(organization.Id).InRegion(Almaty).Directions("ecology", "culture")
            .Starting(DateTime.UtcNow.AddMinutes(-30)).Seats(8, takenAlready: 2);
        var volunteer = await app.NewPerson().With("regionKato", Almaty);
        await app.NewHours(volunteer.Id, organization.Id).OnShift(opportunity.Shift, opportunity.Shift.StartsAt).Direction("ecology");
    }

    private static List<(string Code, List<(long? Value, string Shown)> Values)> Rows(IHtmlDocument page, string table) =>
        [.. page.QuerySelectorAll($"#{table}-table tbody tr").Select(tr => (
            tr.GetAttribute("data-code")!,
            tr.QuerySelectorAll("td").Select(td => (Value(td.GetAttribute("data-value")), td.TextContent.Trim())).ToList()))];

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static string Shown(long? value, bool hours, CultureInfo culture) => value switch
    {
        null => Html.Text("Stats_Suppressed", culture),
        { } minutes when hours => Math.Round(minutes / 60.0, 1, MidpointRounding.AwayFromZero).ToString("#,0.#", culture),
        { } count => count.ToString("#,0", culture),
    };

    private static long? Value(string? text) => string.IsNullOrEmpty(text) ? null : long.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>A number in the API, 0 where the API has no row, null where it is suppressed.</summary>
    private static long? Nullable(JsonElement body, string name) =>
        body.ValueKind != JsonValueKind.Object ? 0 : body.GetProperty(name).ValueKind == JsonValueKind.Null ? null : body.GetProperty(name).GetInt64();

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

[Collection(Sqlite.Name)]
public sealed class StatsDashboardTestsOnSqlite(SqliteApp app) : StatsDashboardTests(app);

[Collection(Postgres.Name)]
public sealed class StatsDashboardTestsOnPostgres(PostgresApp app) : StatsDashboardTests(app);
