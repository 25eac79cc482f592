using Birge.Web.Domain;

namespace Birge.Web.Features.Statistics;

/// <summary>
/// The figures of a region (or the country) over a period, as the public sees them: what happened in the period
/// (registered, verified, published, confirmed, closed); over the whole history these are the totals. Counts of people
/// are null where they are suppressed. The same object feeds the dashboard, <c>GET /api/v1/stats</c> and the reports.
/// </summary>
public sealed record StatsFigures(
    StatsQuery Query,
    long? Volunteers,
    long? SilverVolunteers,
    long Organizations,
    long Opportunities,
    long Seats,
    long SeatsTaken,
    long ConfirmedMinutes,
    long HelpRequestsOpened,
    long HelpRequestsClosed,
    long CallOutsSent,
    long? CallOutsAnswered,
    IReadOnlyList<RegionFigures> ByRegion,
    IReadOnlyList<DirectionFigures> ByDirection,
    IReadOnlyList<MonthFigures> ByMonth)
{
    /// <summary>The query's figures out of every region's by month (<see cref="StatsReader.MonthlyAsync"/>).</summary>
    public static StatsFigures From(StatsQuery query, IReadOnlyList<MonthlyFigure> all)
    {
        var rows = query.RegionKato is { } kato ? [.. all.Where(r => r.RegionKato == kato)] : all;
        long Sum(IEnumerable<MonthlyFigure> of, string metric, string part = "") =>
            of.Where(r => r.Metric == metric && r.Part == part).Sum(r => r.Value);
        long Net(IEnumerable<MonthlyFigure> of) => Sum(of, StatMetric.VolunteersRegistered) - Sum(of, StatMetric.VolunteersLeft);
        long Silver(IEnumerable<MonthlyFigure> of) => Sum(of, StatMetric.SilverRegistered) - Sum(of, StatMetric.SilverLeft);
        long Answered(IEnumerable<MonthlyFigure> of) => Sum(of, StatMetric.CallOutReplies);

        var regions = rows.Select(r => r.RegionKato).Distinct().Order(StringComparer.Ordinal).ToList();
        var byRegion = rows.GroupBy(r => r.RegionKato).ToDictionary(g => g.Key, g => g.ToList());
        var volunteers = Suppression.Row([.. regions.Select(k => Net(byRegion[k]))], Net(rows));
        var silver = Suppression.Row([.. regions.Select(k => Silver(byRegion[k]))], Silver(rows));
        var answered = Suppression.Row([.. regions.Select(k => Answered(byRegion[k]))], Answered(rows));

        var months = query.Months().ToList();
        var byMonth = rows.GroupBy(r => r.Month).ToDictionary(g => g.Key, g => g.ToList());
        List<MonthlyFigure> Month(DateOnly m) => byMonth.GetValueOrDefault(m) ?? [];
        var monthVolunteers = Suppression.Row([.. months.Select(m => Net(Month(m)))], Net(rows));
        var monthActive = months.Select(m => Suppression.Cell(Sum(Month(m), StatMetric.ActiveVolunteers))).ToList();

        var directions = rows
            .Where(r => r.Part != "" && (r.Metric == StatMetric.OpportunitiesPublished || r.Metric == StatMetric.Seats || r.Metric == StatMetric.ConfirmedMinutes))
            .Select(r => r.Part).Distinct().Order(StringComparer.Ordinal).ToList();

        return new StatsFigures(
            query,
            volunteers.Total,
            silver.Total,
            Sum(rows, StatMetric.OrganizationsVerified),
            Sum(rows, StatMetric.OpportunitiesPublished),
            Sum(rows, StatMetric.Seats),
            Sum(rows, StatMetric.SeatsTaken),
            Sum(rows, StatMetric.ConfirmedMinutes),
            Sum(rows, StatMetric.HelpRequestsOpened),
            Sum(rows, StatMetric.HelpRequestsClosed),
            Sum(rows, StatMetric.CallOutsSent),
            answered.Total,
            [.. regions.Select((k, i) => new RegionFigures(
                k,
                volunteers.Cells[i],
                Sum(byRegion[k], StatMetric.OrganizationsVerified),
                Sum(byRegion[k], StatMetric.OpportunitiesPublished),
                Sum(byRegion[k], StatMetric.ConfirmedMinutes),
                Sum(byRegion[k], StatMetric.HelpRequestsClosed)))],
            [.. directions.Select(d => new DirectionFigures(
                d,
                Sum(rows, StatMetric.OpportunitiesPublished, d),
                Sum(rows, StatMetric.Seats, d),
                Sum(rows, StatMetric.ConfirmedMinutes, d)))],
            [.. months.Select((m, i) => new MonthFigures(
                m,
                monthVolunteers.Cells[i],
                monthActive[i],
                Sum(Month(m), StatMetric.OpportunitiesPublished),
                Sum(Month(m), StatMetric.ConfirmedMinutes),
                Sum(Month(m), StatMetric.HelpRequestsClosed)))]);
    }
}

/// <summary>A region's figures over the period; <see cref="Volunteers"/> null where suppressed.</summary>
public sealed record RegionFigures(string RegionKato, long? Volunteers, long Organizations, long Opportunities, long ConfirmedMinutes, long HelpRequestsClosed);

/// <summary>A direction's figures over the period; an opportunity with two directions counts in both.</summary>
public sealed record DirectionFigures(string Direction, long Opportunities, long Seats, long ConfirmedMinutes);

/// <summary>A month's figures (the first and last month may be partial: the period's days only).</summary>
public sealed record MonthFigures(DateOnly Month, long? Volunteers, long? ActiveVolunteers, long Opportunities, long ConfirmedMinutes, long HelpRequestsClosed);
