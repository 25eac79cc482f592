using System.Globalization;
using Birge.Web.Features.Statistics.Charts;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Statistics.Dashboard;

/// <summary>
/// A headline number: its label's resource key, its name in <c>GET /api/v1/stats</c>, the number (null: suppressed),
/// whether it is minutes shown as hours.
/// </summary>
public sealed record StatsTotal(string Key, string ApiName, long? Value, bool Hours = false);

/// <summary>
/// <c>/stats</c>: the public dashboard (M17). A GET form whose address is the shareable link picks the region and the
/// period; the page shows the totals, a map of Kazakhstan with a bubble per region, bars by direction and lines by
/// month, each picture followed by its numbers as a table and a CSV link. No account and no JavaScript needed.
/// </summary>
[AllowAnonymous]
public sealed class StatsModel(StatsDashboard dashboard, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public DashboardFigures Dashboard { get; private set; } = null!;

    public IReadOnlyList<StatsTotal> Totals { get; private set; } = [];

    public StatsTable? Regions { get; private set; }

    public StatsTable? Directions { get; private set; }

    public StatsTable? Months { get; private set; }

    public ChartScene? Map { get; private set; }

    public ChartScene? DirectionBars { get; private set; }

    public ChartScene? VolunteerLine { get; private set; }

    public ChartScene? HoursLine { get; private set; }

    /// <summary>The query the figures answer, with the period as days: the CSV and API links carry it.</summary>
    public QueryString Resolved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dashboard = await dashboard.ReadAsync(DashboardRequest.Of(Request.Query), cancellationToken);
        if (Dashboard.Query.Value is not { } query)
        {
            foreach (var error in Dashboard.Query.Errors)
            {
                ModelState.AddModelError(error.Field, localizer[error.Message]);
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return;
        }

        var f = Dashboard.Figures!;
        Totals =
        [
            new("Stats_Total_Volunteers", "volunteers", f.Volunteers),
            new("Stats_Total_Silver", "silverVolunteers", f.SilverVolunteers),
            new("Stats_Total_Organizations", "organizations", f.Organizations),
            new("Stats_Total_Opportunities", "opportunities", f.Opportunities),
            new("Stats_Total_Hours", "confirmedMinutes", f.ConfirmedMinutes, Hours: true),
            new("Stats_Total_HelpClosed", "helpRequestsClosed", f.HelpRequestsClosed),
            new("Stats_Total_CallOutReplies", "callOutsAnswered", f.CallOutsAnswered),
        ];
        Regions = StatsTable.Regions(Dashboard);
        Directions = StatsTable.Directions(Dashboard);
        Months = StatsTable.Months(Dashboard);
        Resolved = QueryString.Create(new Dictionary<string, string?>
        {
            ["region"] = query.RegionKato,
            ["from"] = Day(query.From),
            ["to"] = Day(query.To),
        }.Where(p => p.Value is not null));
        DrawCharts();
    }

    public string PeriodText
    {
        get
        {
            var q = Dashboard.Figures!.Query;
            return q.From == StatsQuery.Beginning && Dashboard.Period == StatsPeriod.All
                ? localizer["Stats_Period_Through", q.To.ToString("d", CultureInfo.CurrentCulture)]
                : $"{q.From.ToString("d", CultureInfo.CurrentCulture)} – {q.To.ToString("d", CultureInfo.CurrentCulture)}";
        }
    }

    public string PlaceName => Dashboard.SelectedRegion?.Name.Resolve() ?? localizer["Stats_Country"];

    /// <summary>The map's metric column in the regions' table.</summary>
    public int MetricColumn => StatsDashboard.MapMetrics.ToList().IndexOf(Dashboard.Metric);

    public string Show(long? value, bool hours = false) => StatsTable.Show(value, hours, localizer);

    public string CsvLink(string table) => DashboardCsv.Link(table, Resolved);

    public string ApiLink => "/api/v1/stats" + Resolved;

    /// <summary>What was typed in a field; a ready-made period leaves the dates empty.</summary>
    public string? Typed(string name)
    {
        if (name is "from" or "to" && Dashboard.Period != StatsPeriod.Custom)
        {
            return null;
        }

        var typed = Request.Query[name].FirstOrDefault();
        return Dashboard.Query.Value is { } q && !string.IsNullOrWhiteSpace(typed) && name is "from" or "to"
            ? Day(name == "from" ? q.From : q.To)
            : typed;
    }

    public string? ErrorFor(string name) =>
        ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    private void DrawCharts()
    {
        var column = MetricColumn;
        var metricName = localizer[Regions!.Columns[column].Header];
        var hours = Regions.Columns[column].Hours;
        var regions = Dashboard.Regions.ToDictionary(r => r.Kato);
        var bubbles = Regions.Rows.Select(row => new MapBubble(
            regions[row.Code].Latitude,
            regions[row.Code].Longitude,
            row.Values[column] is { } v ? hours ? StatsTable.Hours(v) : v : null,
            row.Selected ? $"{row.Name}: {Show(row.Values[column], hours)}" : row.Values[column] is null ? "<5" : Show(row.Values[column], hours),
            row.Selected)).ToList();
        Map = StatsCharts.Map(
            bubbles,
            localizer["Stats_Map_Title", metricName, PeriodText],
            localizer["Stats_Map_Desc", Largest(Regions, column)]);

        DirectionBars = StatsCharts.Bars(
            [.. Directions!.Rows.Select(r => new ChartValue(r.Name, r.Values[0], Show(r.Values[0])))],
            localizer["Stats_Directions_Title", PlaceName, PeriodText],
            localizer["Stats_Directions_Desc", Largest(Directions, 0)]);

        VolunteerLine = Line(0, "Stats_Months_Volunteers_Title");
        HoursLine = Line(3, "Stats_Months_Hours_Title");
    }

    private ChartScene Line(int column, string title)
    {
        var hours = Months!.Columns[column].Hours;
        var months = Dashboard.Figures!.ByMonth;
        var points = Months.Rows.Select((r, i) => new ChartValue(
            months[i].Month.ToString("MMM yy", CultureInfo.CurrentCulture),
            r.Values[column] is { } v ? hours ? StatsTable.Hours(v) : v : null,
            Show(r.Values[column], hours))).ToList();
        var top = Months.Rows.Where(r => r.Values[column] is not null).MaxBy(r => r.Values[column]);
        var description = top is null
            ? localizer["Stats_Months_Desc_Empty"]
            : localizer["Stats_Months_Desc", Months.Rows[0].Name, Months.Rows[^1].Name, top.Name, Show(top.Values[column], hours)];
        return StatsCharts.Line(
            points,
            v => hours ? v.ToString("#,0.#", CultureInfo.CurrentCulture) : Math.Round(v).ToString("#,0", CultureInfo.CurrentCulture),
            localizer[title, PlaceName, PeriodText],
            description);
    }

    /// <summary>"Almaty 120, Astana 95, Shymkent 40": the three largest of a column, for a picture's description.</summary>
    private string Largest(StatsTable table, int column)
    {
        var top = table.Rows.Where(r => r.Values[column] > 0).OrderByDescending(r => r.Values[column]).Take(3).ToList();
        return top.Count == 0
            ? localizer["Stats_Nothing_Yet"]
            : string.Join(", ", top.Select(r => $"{r.Name} {Show(r.Values[column], table.Columns[column].Hours)}"));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
