using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics;

/// <summary>One sum of <see cref="DailyFigure"/> over a month of one region.</summary>
public sealed record MonthlyFigure(DateOnly Month, string RegionKato, string Metric, string Part, long Value);

/// <summary>
/// The one way anything reads the statistics: the snapshot's stored days, plus the days since it counted live the
/// same way (<see cref="DailyFigures"/>), summed by month and region. Public figures go through
/// <see cref="ReadAsync"/>, which keeps counts of people from 1 to 4 out of sight (<see cref="Suppression"/>). Answers
/// are kept by <see cref="StatsCache"/>, the same for every reader of a node.
/// </summary>
public sealed class StatsReader([FromKeyedServices(DatabaseSetup.Standby)] BirgeDb db, StatsCache cache, TimeProvider clock)
{
    private readonly DailyFigures counter = new(db);

    public DateOnly Today => DateOnly.FromDateTime(KazakhstanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>The last day the snapshot holds; null before its first run.</summary>
    public static async Task<DateOnly?> LatestAsync(BirgeDb db, CancellationToken cancellationToken) =>
        await db.StatsSnapshots.AsNoTracking().MaxAsync(s => (DateOnly?)s.Through, cancellationToken);

    /// <summary>
    /// Every region's figures by month over the query's days (its region is ignored). With <paramref name="live"/>
    /// false, only what the snapshot holds (what open data publishes as of that snapshot).
    /// </summary>
    public async Task<IReadOnlyList<MonthlyFigure>> MonthlyAsync(DateOnly from, DateOnly to, bool live, CancellationToken cancellationToken) =>
        cache.Fresh <= TimeSpan.Zero
            ? await CountMonthlyAsync(from, to, live, cancellationToken)
            : (await PeriodAsync(from, to, live)).Rows;

    /// <summary>The figures the public sees: the dashboard, the API and the reports read these.</summary>
    public async Task<StatsFigures> ReadAsync(StatsQuery query, CancellationToken cancellationToken) =>
        (await ReadEachAsync([query], cancellationToken))[0];

    /// <summary>Several regions' (or the country's) figures over one period, out of one count.</summary>
    public async Task<StatsFigures[]> ReadEachAsync(IReadOnlyList<StatsQuery> queries, CancellationToken cancellationToken)
    {
        var (from, to) = (queries[0].From, queries[0].To);
        if (queries.Any(q => q.From != from || q.To != to))
        {
            throw new ArgumentException("The queries are of one period.", nameof(queries));
        }

        if (cache.Fresh <= TimeSpan.Zero)
        {
            var rows = await CountMonthlyAsync(from, to, live: true, cancellationToken);
            return [.. queries.Select(q => StatsFigures.From(q, rows))];
        }

        var period = await PeriodAsync(from, to, live: true);
        return [.. queries.Select(q => period.Derived(q, rows => StatsFigures.From(q, rows)))];
    }

    // A count kept for every reader is not cancelled with the request that started it.
    private Task<StatsCache.Period> PeriodAsync(DateOnly from, DateOnly to, bool live) =>
        cache.GetAsync(("stats", from, to, live), reader => reader.CountMonthlyAsync(from, to, live, CancellationToken.None));

    private async Task<IReadOnlyList<MonthlyFigure>> CountMonthlyAsync(DateOnly from, DateOnly to, bool live, CancellationToken cancellationToken)
    {
        var through = await LatestAsync(db, cancellationToken) ?? StatsQuery.Beginning.AddDays(-1);
        var storedTo = to < through ? to : through;

        // Whole months the snapshot holds are one row each; the days of a month the period cuts are added up.
        var fullFrom = from.Day == 1 ? from : FirstOfMonth(from).AddMonths(1);
        var fullUntil = storedTo.AddDays(1).Day == 1 ? storedTo.AddDays(1) : FirstOfMonth(storedTo);
        var rows = new List<MonthlyFigure>();
        if (fullFrom < fullUntil)
        {
            rows.AddRange(await db.MonthTotals.AsNoTracking()
                .Where(m => m.Month >= fullFrom && m.Month < fullUntil && m.Metric != StatMetric.ActiveVolunteers)
                .Select(m => new MonthlyFigure(m.Month, m.RegionKato, m.Metric, m.Part, m.Value))
                .ToListAsync(cancellationToken));
            rows.AddRange(await SumDaysAsync(from, fullFrom.AddDays(-1), cancellationToken));
            rows.AddRange(await SumDaysAsync(fullUntil, storedTo, cancellationToken));
        }
        else
        {
            rows.AddRange(await SumDaysAsync(from, storedTo, cancellationToken));
        }

        // Active volunteers are a month's distinct people: whole months, from the snapshot up to the month it was
        // taken in, live from then on.
        var firstMonth = FirstOfMonth(from);
        var liveMonth = FirstOfMonth(through.AddDays(1));
        rows.AddRange(await db.MonthTotals.AsNoTracking()
            .Where(m => m.Metric == StatMetric.ActiveVolunteers && m.Month >= firstMonth && m.Month <= to && (!live || m.Month < liveMonth))
            .Select(m => new MonthlyFigure(m.Month, m.RegionKato, m.Metric, m.Part, m.Value))
            .ToListAsync(cancellationToken));

        if (live && to > through)
        {
            var liveFrom = from > through ? from : through.AddDays(1);
            rows.AddRange(await LiveAsync(liveFrom, to, cancellationToken));
            rows.AddRange(await LiveActiveAsync(liveMonth > firstMonth ? liveMonth : firstMonth, to, cancellationToken));
        }

        return [.. rows
            .GroupBy(r => (r.Month, r.RegionKato, r.Metric, r.Part))
            .Select(g => new MonthlyFigure(g.Key.Month, g.Key.RegionKato, g.Key.Metric, g.Key.Part, g.Sum(r => r.Value)))
            .OrderBy(r => r.Month).ThenBy(r => r.RegionKato, StringComparer.Ordinal).ThenBy(r => r.Metric, StringComparer.Ordinal).ThenBy(r => r.Part, StringComparer.Ordinal)];
    }

    /// <summary>The stored days from <paramref name="first"/> to <paramref name="last"/>, both included, by month.</summary>
    private async Task<List<MonthlyFigure>> SumDaysAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        if (last < first)
        {
            return [];
        }

        var sums = await db.DailyFigures.AsNoTracking()
            .Where(f => f.Day >= first && f.Day <= last)
            .GroupBy(f => new { f.Day.Year, f.Day.Month, f.RegionKato, f.Metric, f.Part })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.RegionKato, g.Key.Metric, g.Key.Part, Value = g.Sum(f => f.Value) })
            .ToListAsync(cancellationToken);
        return [.. sums.Select(r => new MonthlyFigure(new DateOnly(r.Year, r.Month, 1), r.RegionKato, r.Metric, r.Part, r.Value))];
    }

    /// <summary>The days since the snapshot, counted now.</summary>
    private async Task<List<MonthlyFigure>> LiveAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        [.. (await counter.CountAsync(first, last.AddDays(1), cancellationToken))
            .Select(f => new MonthlyFigure(FirstOfMonth(f.Day), f.RegionKato, f.Metric, f.Part, f.Value))];

    private async Task<List<MonthlyFigure>> LiveActiveAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        [.. (await counter.CountActiveAsync(first, last.AddDays(1), cancellationToken))
            .Select(m => new MonthlyFigure(m.Month, m.RegionKato, m.Metric, m.Part, m.Value))];

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
