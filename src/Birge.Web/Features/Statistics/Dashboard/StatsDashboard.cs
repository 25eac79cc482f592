using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics.Dashboard;

/// <summary>What a link to the dashboard asks for, as typed: <c>?region=&amp;period=&amp;from=&amp;to=&amp;metric=</c>.</summary>
public sealed record DashboardRequest(string? Region, string? Period, string? From, string? To, string? Metric)
{
    public static DashboardRequest Of(IQueryCollection query)
    {
        string? Text(string name) => string.IsNullOrWhiteSpace(query[name]) ? null : query[name].ToString().Trim();
        return new(Text("region"), Text("period"), Text("from"), Text("to"), Text("metric"));
    }
}

/// <summary>
/// The dashboard's figures for a request: the region's (or the country's) over the period, and every region's over the
/// same period for the map and the regions' table. Both come from one read
/// (<see cref="StatsReader.ReadEachAsync"/>), so the page, its CSV and
/// <c>GET /api/v1/stats</c> agree.
/// </summary>
public sealed record DashboardFigures(
    DashboardRequest Request,
    string Period,
    string Metric,
    IReadOnlyList<Region> Regions,
    IReadOnlyList<Direction> Directions,
    Outcome<StatsQuery> Query,
    StatsFigures? Figures,
    StatsFigures? Country)
{
    public Region? SelectedRegion => Regions.FirstOrDefault(r => r.Kato == Figures?.Query.RegionKato);
}

public sealed class StatsDashboard(BirgeDb db, StatsReader reader)
{
    /// <summary>The metrics the map can show, volunteers first (the default).</summary>
    public static readonly IReadOnlyList<string> MapMetrics = ["volunteers", "organizations", "opportunities", "hours", "help-requests"];

    public DateOnly Today => reader.Today;

    public async Task<DashboardFigures> ReadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        var directions = await db.Directions.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(cancellationToken);
        var period = StatsPeriod.Of(request.Period, request.From, request.To);
        var (from, to) = StatsPeriod.Days(period, request.From, request.To, reader.Today);
        var query = StatsQuery.Parse(request.Region, from, to, reader.Today, [.. regions.Select(r => r.Kato)]);
        var metric = MapMetrics.Contains(request.Metric ?? "") ? request.Metric! : MapMetrics[0];
        var byName = StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true);
        regions = [.. regions.OrderBy(r => r.Name.Resolve(), byName)];
        if (query.Value is not { } valid)
        {
            return new(request, period, metric, regions, directions, query, null, null);
        }

        var read = await reader.ReadEachAsync([valid, valid with { RegionKato = null }], cancellationToken);
        return new(request, period, metric, regions, directions, query, read[0], read[1]);
    }
}
