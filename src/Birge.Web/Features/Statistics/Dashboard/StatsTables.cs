using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Statistics.Dashboard;

/// <summary>A column of a statistics table: its header's resource key, and whether its numbers are minutes shown as hours.</summary>
public sealed record StatsColumn(string Header, bool Hours = false);

/// <summary>A row: its code (a KATO code, a direction's code, a month "2026-11"), its name, its numbers (null: suppressed).</summary>
public sealed record StatsRow(string Code, string Name, IReadOnlyList<long?> Values, bool Selected = false);

/// <summary>
/// The numbers under a picture, the same on the page and in its CSV: <see cref="Show"/> writes a number for the
/// reader (hours in the culture's way, a suppressed count as "fewer than 5"), <see cref="Csv"/> the file.
/// </summary>
public sealed record StatsTable(string Name, string CodeHeader, string NameHeader, IReadOnlyList<StatsColumn> Columns, IReadOnlyList<StatsRow> Rows)
{
    /// <summary>The regions' columns, in the order of <see cref="StatsDashboard.MapMetrics"/>.</summary>
    public static readonly IReadOnlyList<string> MetricHeaders =
        ["Stats_Col_Volunteers", "Stats_Col_Organizations", "Stats_Col_Opportunities", "Stats_Col_Hours", "Stats_Col_HelpClosed"];

    /// <summary>Every region over the period (the country's figures cut by region), the selected one marked.</summary>
    public static StatsTable Regions(DashboardFigures d)
    {
        var byKato = d.Country!.ByRegion.ToDictionary(r => r.RegionKato);
        return new("regions", "Stats_Col_Kato", "Stats_Col_Region",
            [.. MetricHeaders.Select(h => new StatsColumn(h, Hours: h == "Stats_Col_Hours"))],
            [.. d.Regions.Select(region => byKato.GetValueOrDefault(region.Kato) is { } r
                ? new StatsRow(region.Kato, region.Name.Resolve(), [r.Volunteers, r.Organizations, r.Opportunities, r.ConfirmedMinutes, r.HelpRequestsClosed], region.Kato == d.Figures!.Query.RegionKato)
                : new StatsRow(region.Kato, region.Name.Resolve(), [0, 0, 0, 0, 0], region.Kato == d.Figures!.Query.RegionKato))]);
    }

    /// <summary>Every direction in its order; an opportunity with two directions counts in both.</summary>
    public static StatsTable Directions(DashboardFigures d)
    {
        var byCode = d.Figures!.ByDirection.ToDictionary(r => r.Direction);
        var known = d.Directions.Select(x => (x.Code, Name: x.Name.Resolve()))
            .Concat(byCode.Keys.Where(code => d.Directions.All(x => x.Code != code)).Select(code => (Code: code, Name: code)));
        return new("directions", "Stats_Col_DirectionCode", "Stats_Col_Direction",
            [new("Stats_Col_Opportunities"), new("Stats_Col_Seats"), new("Stats_Col_Hours", Hours: true)],
            [.. known.Select(x => byCode.GetValueOrDefault(x.Code) is { } r
                ? new StatsRow(x.Code, x.Name, [r.Opportunities, r.Seats, r.ConfirmedMinutes])
                : new StatsRow(x.Code, x.Name, [0, 0, 0]))]);
    }

    /// <summary>Every month of the period (the first and last may be partial).</summary>
    public static StatsTable Months(DashboardFigures d) =>
        new("months", "Stats_Col_MonthCode", "Stats_Col_Month",
            [new("Stats_Col_NewVolunteers"), new("Stats_Col_ActiveVolunteers"), new("Stats_Col_Opportunities"), new("Stats_Col_Hours", Hours: true), new("Stats_Col_HelpClosed")],
            [.. d.Figures!.ByMonth.Select(m => new StatsRow(
                m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                m.Month.ToString("Y", CultureInfo.CurrentCulture),
                [m.Volunteers, m.ActiveVolunteers, m.Opportunities, m.ConfirmedMinutes, m.HelpRequestsClosed]))]);

    public static StatsTable Of(string name, DashboardFigures d) => name switch
    {
        "regions" => Regions(d),
        "directions" => Directions(d),
        _ => Months(d),
    };

    /// <summary>Minutes as hours, to a tenth.</summary>
    public static double Hours(long minutes) => Math.Round(minutes / 60.0, 1, MidpointRounding.AwayFromZero);

    /// <summary>A number as the reader sees it: "1 234", "12,5" hours in Russian, "fewer than 5" where suppressed.</summary>
    public static string Show(long? value, bool hours, IStringLocalizer localizer) => value switch
    {
        null => localizer["Stats_Suppressed"],
        { } minutes when hours => Hours(minutes).ToString("#,0.#", CultureInfo.CurrentCulture),
        { } count => count.ToString("#,0", CultureInfo.CurrentCulture),
    };

    /// <summary>The table as CSV for a spreadsheet: UTF-8 with a byte-order mark, headers in the reader's language, plain numbers (a suppressed count empty).</summary>
    public byte[] Csv(IStringLocalizer localizer)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteRecord([localizer[CodeHeader], localizer[NameHeader], .. Columns.Select(c => (string)localizer[c.Header])]);
            foreach (var row in Rows)
            {
                csv.WriteRecord([row.Code, row.Name, .. row.Values.Select((v, i) => v switch
                {
                    null => "",
                    { } minutes when Columns[i].Hours => Hours(minutes).ToString("0.#", CultureInfo.InvariantCulture),
                    { } count => count.ToString(CultureInfo.InvariantCulture),
                })]);
            }
        }

        return stream.ToArray();
    }
}
