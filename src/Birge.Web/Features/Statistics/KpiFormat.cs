using System.Globalization;
using Birge.Web.Localization;

namespace Birge.Web.Features.Statistics;

/// <summary>A key figure as a reader sees it: counts with the language's separators, shares as percentages, durations in hours and minutes.</summary>
public static class KpiFormat
{
    public static string Value(KpiKind kind, double? value, CultureInfo culture) => value switch
    {
        null => "—",
        { } v when kind == KpiKind.Share => v.ToString("P0", culture),
        { } v when kind == KpiKind.Minutes => Durations.Format((int)Math.Round(v), culture),
        { } v => v.ToString("#,0.#", culture),
    };

    /// <summary>
    /// The change on the previous month in words ("3 more than the previous month"); a share's in percentage points.
    /// Null when there is nothing to compare with.
    /// </summary>
    public static string? Change(Kpi figure, CultureInfo culture)
    {
        if (figure.Change is not { } change)
        {
            return null;
        }

        var size = Math.Abs(change);
        var amount = figure.Kind == KpiKind.Share
            ? string.Format(culture, Cultures.Text("Kpis_Points", culture), (size * 100).ToString("0.#", culture))
            : Value(figure.Kind, size, culture);
        var key = change > 0 ? "Kpis_Up" : change < 0 ? "Kpis_Down" : "Kpis_Same";
        return string.Format(culture, Cultures.Text(key, culture), amount);
    }

    /// <summary>"▲", "▼" or "=", shown beside the words.</summary>
    public static string Arrow(Kpi figure) => figure.Change switch
    {
        > 0 => "▲",
        < 0 => "▼",
        _ => "=",
    };
}
