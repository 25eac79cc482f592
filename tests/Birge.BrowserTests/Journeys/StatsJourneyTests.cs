using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Birge.BrowserTests.Infrastructure;
using Birge.Web.Features.Statistics.Dashboard;
using Birge.Web.Localization;
using Microsoft.Playwright;
using static Birge.BrowserTests.Infrastructure.Pages;
using static Microsoft.Playwright.Assertions;

namespace Birge.BrowserTests.Journeys;

/// <summary>
/// Issue 13's "done when", the dashboard's part: on a 360-px phone in each language, the footer's link opens the
/// statistics with the map and the charts (SVG with role=img and a title); the form filters to Almaty for last month;
/// the totals are the API's for the same query and the tables are their CSVs; nothing scrolls sideways and axe finds
/// nothing serious.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class StatsJourneyTests(BrowserApp app)
{
    [Theory]
    [InlineData("kk")]
    [InlineData("ru")]
    [InlineData("en")]
    public async Task On_a_phone_the_dashboard_filters_to_almaty_for_last_month_and_its_numbers_are_the_api_s_and_the_csv_s(string language)
    {
        var culture = Cultures.FromLanguage(language);
        var page = await app.NewPageAsync(culture);
        await page.GotoAsync("/");
        await page.Locator(".site-footer").GetByRole(AriaRole.Link, new() { Name = T("Footer_Stats", culture), Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/stats$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = T("Stats_Title", culture), Level = 1 })).ToBeVisibleAsync();

        var pictures = page.Locator("figure svg[role=img]");
        await Expect(pictures).ToHaveCountAsync(4);
        foreach (var picture in await pictures.AllAsync())
        {
            await Expect(picture).ToBeVisibleAsync();
            Assert.False(string.IsNullOrWhiteSpace(await picture.Locator("title").TextContentAsync()));
        }

        await Expect(page.Locator("#map svg circle")).ToHaveCountAsync(20);
        await page.AssertAccessibleAsync($"the dashboard ({language})");

        await page.Field("Field_Region", culture).SelectOptionAsync(AlmatyCity);
        await page.Field("Stats_Period", culture).SelectOptionAsync(StatsPeriod.LastMonth);
        await page.Button("Stats_Show", culture).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"region={AlmatyCity}.*period={StatsPeriod.LastMonth}"));
        await Expect(page.Locator("#regions-table tr.is-selected")).ToHaveAttributeAsync("data-code", AlmatyCity);
        await Expect(page.Locator("#map svg circle[fill='#f2b632']")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync($"Almaty last month ({language})");

        // The API for the same query: the page links it, the period as days.
        var today = DateOnly.FromDateTime(KazakhstanTime.FromUtc(app.Clock.GetUtcNow().UtcDateTime));
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var query = $"?region={AlmatyCity}&from={month:yyyy-MM-dd}&to={month.AddMonths(1).AddDays(-1):yyyy-MM-dd}";
        await Expect(page.Locator("#api-link")).ToHaveAttributeAsync("href", "/api/v1/stats" + query);
        var api = await JsonAsync(page, "/api/v1/stats" + query);
        var totals = await page.EvaluateAsync<string[][]>("() => [...document.querySelectorAll('.stats-total')].map(e => [e.dataset.api, e.dataset.value])");
        Assert.Equal(7, totals.Length);
        foreach (var total in totals)
        {
            var value = api.GetProperty(total[0]);
            Assert.Equal(value.ValueKind == JsonValueKind.Null ? "" : value.GetInt64().ToString(CultureInfo.InvariantCulture), total[1]);
        }

        var byMonth = Assert.Single(api.GetProperty("byMonth").EnumerateArray());
        Assert.Equal(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), byMonth.GetProperty("month").GetString());

        // Each table is its CSV, row for row.
        foreach (var table in DashboardCsv.Tables)
        {
            await Expect(page.Locator($"#{table}-csv")).ToHaveAttributeAsync("href", $"/stats/{table}.csv{query}");
            var rows = await page.EvaluateAsync<string[][]>(
                "t => [...document.querySelectorAll('#' + t + '-table tbody tr')].map(r => [r.dataset.code, ...[...r.querySelectorAll('td')].map(d => d.dataset.value)])", table);
            var hours = await page.EvaluateAsync<bool[]>(
                "([t, h]) => [...document.querySelectorAll('#' + t + '-table thead th')].slice(1).map(th => th.textContent.trim() === h)", new object[] { table, T("Stats_Col_Hours", culture) });
            // As the browser asks for the download: in the reader's language, so the rows come in the same order.
            var response = await page.APIRequest.GetAsync($"/stats/{table}.csv{query}", new() { Headers = new Dictionary<string, string> { ["Accept-Language"] = culture.Name } });
            Assert.Equal(200, response.Status);
            var lines = Encoding.UTF8.GetString(await response.BodyAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(rows.Length, lines.Length - 1);
            foreach (var (row, line) in rows.Zip(lines.Skip(1)))
            {
                var cells = line.Split(',');
                var values = row.Skip(1).Select((v, i) => v.Length == 0 || !hours[i] ? v : StatsTable.Hours(long.Parse(v, CultureInfo.InvariantCulture)).ToString("0.#", CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(new[] { row[0] }.Concat(values), new[] { cells[0] }.Concat(cells[^values.Count..]));
            }
        }

        await page.Context.CloseAsync();
    }

    private static async Task<JsonElement> JsonAsync(IPage page, string url)
    {
        var response = await page.APIRequest.GetAsync(url);
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.Clone();
    }
}
