using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics.Reports;

/// <summary>What one report shows: its place, its period's figures and the months around it, names in its language.</summary>
public sealed record ReportContent(
    Report Report,
    string Place,
    StatsFigures Figures,
    StatsFigures Trend,
    IReadOnlyDictionary<string, string> Directions,
    IReadOnlyDictionary<string, string> Regions,
    DateTime MadeAt);

/// <summary>
/// Makes a report's PDF from the statistics: the figures of its region and period exactly as
/// <see cref="StatsReader.ReadAsync"/> gives them to the dashboard and the API, and for a monthly report the six months up
/// to it. Within one writer (one run of the job) a period's figures are read once for every region and language.
/// </summary>
public sealed class ReportWriter(BirgeDb db, StatsReader reader, TimeProvider clock)
{
    private readonly Dictionary<(DateOnly, DateOnly), IReadOnlyList<MonthlyFigure>> read = [];

    /// <summary>The query of a report's figures: its region (none for the country) and period, up to today at most.</summary>
    public static StatsQuery Query(Report report, DateOnly today) =>
        new(report.IsNational ? null : report.RegionKato, report.From, report.To < today ? report.To : today);

    /// <summary>The months its line shows: the half-year's own, or the six months up to a monthly report's month.</summary>
    public static StatsQuery TrendQuery(Report report, DateOnly today)
    {
        var query = Query(report, today);
        var from = report.Kind == Report.Monthly ? report.From.AddMonths(-5) : report.From;
        return query with { From = from < StatsQuery.Beginning ? StatsQuery.Beginning : from };
    }

    public async Task<byte[]> WriteAsync(Report report, Func<int, Task> progress, CancellationToken cancellationToken)
    {
        var culture = Cultures.FromLanguage(report.Language);
        var figures = await ReadAsync(Query(report, reader.Today), cancellationToken);
        await progress(40);
        var trend = await ReadAsync(TrendQuery(report, reader.Today), cancellationToken);
        await progress(60);
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Kato, r => r.Name.Resolve(culture), cancellationToken);
        var directions = await db.Directions.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name.Resolve(culture), cancellationToken);
        var place = report.IsNational ? Cultures.Text("Reports_Kazakhstan", culture) : regions.GetValueOrDefault(report.RegionKato, report.RegionKato);
        var content = new ReportContent(report, place, figures, trend, directions, regions, KazakhstanTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        var pdf = ReportPdf.Render(content);
        await progress(90);
        return pdf;
    }

    /// <summary>The same as <see cref="StatsReader.ReadAsync"/>, with every region's rows of a period read once.</summary>
    private async Task<StatsFigures> ReadAsync(StatsQuery query, CancellationToken cancellationToken)
    {
        if (!read.TryGetValue((query.From, query.To), out var rows))
        {
            rows = read[(query.From, query.To)] = await reader.MonthlyAsync(query.From, query.To, live: true, cancellationToken);
        }

        return StatsFigures.From(query, rows);
    }
}
