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
        // One pass adds every row up three ways (the whole, by region, by month); the figures are then looked up.
        var total = new Dictionary<(string, string), long>();
        var byRegion = new Dictionary<(string, string, string), long>();
        var byMonth = new Dictionary<(DateOnly, string, string), long>();
        var regions = new SortedSet<string>(StringComparer.Ordinal);
        var directions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in all)
        {
            if (query.RegionKato is { } kato && r.RegionKato != kato)
            {
                continue;
            }

            regions.Add(r.RegionKato);
            total[(r.Metric, r.Part)] = total.GetValueOrDefault((r.Metric, r.Part)) + r.Value;
            byRegion[(r.RegionKato, r.Metric, r.Part)] = byRegion.GetValueOrDefault((r.RegionKato, r.Metric, r.Part)) + r.Value;
            byMonth[(r.Month, r.Metric, r.Part)] = byMonth.GetValueOrDefault((r.Month, r.Metric, r.Part)) + r.Value;
            if (r.Part != "" && r.Metric is StatMetric.OpportunitiesPublished or StatMetric.Seats or StatMetric.ConfirmedMinutes)
            {
                directions.Add(r.Part);
            }
        }

        long Sum(string metric, string part = "") => total.GetValueOrDefault((metric, part));
        long InRegion(string kato, string metric) => byRegion.GetValueOrDefault((kato, metric, ""));
        long InMonth(DateOnly month, string metric) => byMonth.GetValueOrDefault((month, metric, ""));
        long Net(Func<string, long> sum) => sum(StatMetric.VolunteersRegistered) - sum(StatMetric.VolunteersLeft);

        var regionList = regions.ToList();
        var volunteers = Suppression.Row([.. regionList.Select(k => Net(m => InRegion(k, m)))], Net(m => Sum(m)));
        var silver = Suppression.Row(
            [.. regionList.Select(k => InRegion(k, StatMetric.SilverRegistered) - InRegion(k, StatMetric.SilverLeft))],
            Sum(StatMetric.SilverRegistered) - Sum(StatMetric.SilverLeft));
        var answered = Suppression.Row([.. regionList.Select(k => InRegion(k, StatMetric.CallOutReplies))], Sum(StatMetric.CallOutReplies));

        var months = query.Months().ToList();
        var monthVolunteers = Suppression.Row([.. months.Select(month => Net(m => InMonth(month, m)))], Net(m => Sum(m)));
        var monthActive = months.Select(m => Suppression.Cell(InMonth(m, StatMetric.ActiveVolunteers))).ToList();

        return new StatsFigures(
            query,
            volunteers.Total,
            silver.Total,
            Sum(StatMetric.OrganizationsVerified),
            Sum(StatMetric.OpportunitiesPublished),
            Sum(StatMetric.Seats),
            Sum(StatMetric.SeatsTaken),
            Sum(StatMetric.ConfirmedMinutes),
            Sum(StatMetric.HelpRequestsOpened),
            Sum(StatMetric.HelpRequestsClosed),
            Sum(StatMetric.CallOutsSent),
            answered.Total,
            [.. regionList.Select((k, i) => new RegionFigures(
                k,
                volunteers.Cells[i],
                InRegion(k, StatMetric.OrganizationsVerified),
                InRegion(k, StatMetric.OpportunitiesPublished),
                InRegion(k, StatMetric.ConfirmedMinutes),
                InRegion(k, StatMetric.HelpRequestsClosed)))],
            [.. directions.Select(d => new DirectionFigures(
                d,
                Sum(StatMetric.OpportunitiesPublished, d),
                Sum(StatMetric.Seats, d),
                Sum(StatMetric.ConfirmedMinutes, d)))],
            [.. months.Select((m, i) => new MonthFigures(
                m,
                monthVolunteers.Cells[i],
                monthActive[i],
                InMonth(m, StatMetric.OpportunitiesPublished),
                InMonth(m, StatMetric.ConfirmedMinutes),
                InMonth(m, StatMetric.HelpRequestsClosed)))]);
    }
}

/// <summary>A region's figures over the period; <see cref="Volunteers"/> null where suppressed.</summary>
public sealed record RegionFigures(string RegionKato, long? Volunteers, long Organizations, long Opportunities, long ConfirmedMinutes, long HelpRequestsClosed);

/// <summary>A direction's figures over the period; an opportunity with two directions counts in both.</summary>
public sealed record DirectionFigures(string Direction, long Opportunities, long Seats, long ConfirmedMinutes);

/// <summary>A month's figures (the first and last month may be partial: the period's days only).</summary>
public sealed record MonthFigures(DateOnly Month, long? Volunteers, long? ActiveVolunteers, long Opportunities, long ConfirmedMinutes, long HelpRequestsClosed);
