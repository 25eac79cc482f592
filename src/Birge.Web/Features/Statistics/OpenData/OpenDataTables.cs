using Birge.Web.Domain;

namespace Birge.Web.Features.Statistics.OpenData;

/// <summary>
/// A column of an open-data table. Its name is a public contract: never rename one. <see cref="Type"/> is its Table
/// Schema type; <see cref="People"/> columns count people and are published empty (CSV) or null (JSON) from 1 to 4
/// (<see cref="Suppression"/>). Its meaning, in three languages, is the string <c>OpenData_Field_{Name}</c>.
/// </summary>
public sealed record OpenDataColumn(string Name, string Type, bool People = false)
{
    public const string CountType = "integer";

    public string TextKey => "OpenData_Field_" + Name;
}

/// <summary>One table of the open data: its columns, the ones that name a row, and its rows (a value per column).</summary>
public sealed record OpenDataTable(string Name, IReadOnlyList<OpenDataColumn> Columns, IReadOnlyList<string> PrimaryKey)
{
    public string TitleKey => $"OpenData_Table_{Name}";

    public string AboutKey => $"OpenData_Table_{Name}_About";
}

/// <summary>
/// The tables of the open data, by Kazakhstan month and region (and direction or help category where it applies), made
/// from what one snapshot holds (<see cref="StatsReader.MonthlyAsync"/> with live false), so the same snapshot always
/// gives the same rows. A row for every month (from the first with any figure to the snapshot's) and region; in
/// <c>opportunities</c> and <c>help_requests</c>, a row for each direction or category with a figure there, and in
/// <c>opportunities</c> a row <c>all</c> for the region as a whole (an opportunity of two directions counts once there,
/// and the hours of help requests and call-outs, which have no direction, count only there).
/// </summary>
public static class OpenDataTables
{
    /// <summary>The direction of an <c>opportunities</c> row that stands for all of them.</summary>
    public const string AllDirections = "all";

    private static readonly OpenDataColumn Month = new("month", "yearmonth");
    private static readonly OpenDataColumn Region = new("region_kato", "string");

    public static readonly OpenDataTable Volunteers = new(
        "volunteers",
        [Month, Region, People("registered"), People("left"), People("silver_registered"), People("silver_left"), People("active_volunteers")],
        ["month", "region_kato"]);

    public static readonly OpenDataTable Organizations = new("organizations", [Month, Region, Count("verified")], ["month", "region_kato"]);

    public static readonly OpenDataTable Opportunities = new(
        "opportunities",
        [Month, Region, new("direction", "string"), Count("published"), Count("seats"), Count("seats_taken"), Count("confirmed_minutes")],
        ["month", "region_kato", "direction"]);

    public static readonly OpenDataTable HelpRequests = new(
        "help_requests",
        [Month, Region, new("category", "string"), Count("opened"), .. StatMetric.HelpOutcomes.Select(Count)],
        ["month", "region_kato", "category"]);

    public static readonly OpenDataTable CallOuts = new(
        "call_outs",
        [Month, Region, Count("sent"), People("recipients"), People("replies"), .. Replies.Select(r => People("replies_" + r))],
        ["month", "region_kato"]);

    public static readonly IReadOnlyList<OpenDataTable> All = [Volunteers, Organizations, Opportunities, HelpRequests, CallOuts];

    /// <summary>The kinds of reply to a call-out (<see cref="StatMetric.CallOutReplies"/>' parts); they add up to <c>replies</c>.</summary>
    private static IReadOnlyList<string> Replies => ["selected", "standby", "not_needed", "declined"];

    public static OpenDataTable? Named(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>Every table's rows out of the snapshot's figures; values are strings, longs, or null where suppressed.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<object?[]>> Rows(IReadOnlyList<MonthlyFigure> figures, IReadOnlyList<string> regions, DateOnly through)
    {
        var value = figures.ToDictionary(f => (f.Month, f.RegionKato, f.Metric, f.Part), f => f.Value);
        long V(DateOnly month, string region, string metric, string part = "") => value.GetValueOrDefault((month, region, metric, part));

        var last = new DateOnly(through.Year, through.Month, 1);
        var first = figures.Count == 0 ? last : figures.Min(f => f.Month);
        var months = new List<DateOnly>();
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        var cells = (from m in months from r in regions select (Month: m, Region: r)).ToList();
        object?[] Key(DateOnly month, string region, params object?[] rest) => [month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), region, .. rest];

        var volunteers = cells.Select(c => Key(
            c.Month,
            c.Region,
            Suppression.Cell(V(c.Month, c.Region, StatMetric.VolunteersRegistered)),
            Suppression.Cell(V(c.Month, c.Region, StatMetric.VolunteersLeft)),
            Suppression.Cell(V(c.Month, c.Region, StatMetric.SilverRegistered)),
            Suppression.Cell(V(c.Month, c.Region, StatMetric.SilverLeft)),
            Suppression.Cell(V(c.Month, c.Region, StatMetric.ActiveVolunteers)))).ToList();

        var organizations = cells.Select(c => Key(c.Month, c.Region, V(c.Month, c.Region, StatMetric.OrganizationsVerified))).ToList();

        string[] opportunityMetrics = [StatMetric.OpportunitiesPublished, StatMetric.Seats, StatMetric.SeatsTaken, StatMetric.ConfirmedMinutes];
        var opportunities = new List<object?[]>();
        foreach (var c in cells)
        {
            var directions = figures
                .Where(f => f.Month == c.Month && f.RegionKato == c.Region && f.Part != "" && f.Value != 0 && opportunityMetrics.Contains(f.Metric))
                .Select(f => f.Part).Distinct().Order(StringComparer.Ordinal);
            foreach (var (direction, part) in directions.Select(d => (d, d)).Prepend((AllDirections, "")))
            {
                opportunities.Add(Key(c.Month, c.Region, [direction, .. opportunityMetrics.Select(m => (object?)V(c.Month, c.Region, m, part))]));
            }
        }

        var helpRequests = new List<object?[]>();
        foreach (var c in cells)
        {
            var categories = figures
                .Where(f => f.Month == c.Month && f.RegionKato == c.Region && f.Value != 0
                    && ((f.Metric == StatMetric.HelpRequestsOpened && f.Part != "") || f.Metric == StatMetric.HelpRequestsEnded))
                .Select(f => f.Part.Split(':')[0]).Distinct().Order(StringComparer.Ordinal);
            foreach (var category in categories)
            {
                helpRequests.Add(Key(c.Month, c.Region, [
                    category,
                    V(c.Month, c.Region, StatMetric.HelpRequestsOpened, category),
                    .. StatMetric.HelpOutcomes.Select(o => (object?)V(c.Month, c.Region, StatMetric.HelpRequestsEnded, $"{category}:{o}"))]));
            }
        }

        var callOuts = cells.Select(c =>
        {
            // The kinds add up to the replies in the same row: one small kind alone would show by subtraction.
            var replies = Suppression.Row(
                [.. Replies.Select(r => V(c.Month, c.Region, StatMetric.CallOutReplies, r))],
                V(c.Month, c.Region, StatMetric.CallOutReplies));
            return Key(c.Month, c.Region, [
                V(c.Month, c.Region, StatMetric.CallOutsSent),
                Suppression.Cell(V(c.Month, c.Region, StatMetric.CallOutRecipients)),
                replies.Total,
                .. replies.Cells.Select(r => (object?)r)]);
        }).ToList();

        return new Dictionary<string, IReadOnlyList<object?[]>>
        {
            [Volunteers.Name] = volunteers,
            [Organizations.Name] = organizations,
            [Opportunities.Name] = opportunities,
            [HelpRequests.Name] = helpRequests,
            [CallOuts.Name] = callOuts,
        };
    }

    private static OpenDataColumn Count(string name) => new(name, OpenDataColumn.CountType);

    private static OpenDataColumn People(string name) => new(name, OpenDataColumn.CountType, People: true);
}
