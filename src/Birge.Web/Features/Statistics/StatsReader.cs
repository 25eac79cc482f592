using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Birge.Web.Features.Statistics;

/// <summary>One sum of <see cref="DailyFigure"/> over a month of one region.</summary>
public sealed record MonthlyFigure(DateOnly Month, string RegionKato, string Metric, string Part, long Value);

/// <summary>
/// The one way anything reads the statistics: the snapshot's stored days, plus the days since it counted live the
/// same way (<see cref="DailyFigures"/>), summed by month and region. Public figures go through
/// <see cref="ReadAsync"/>, which keeps counts of people from 1 to 4 out of sight (<see cref="Suppression"/>). Answers
/// are kept for <c>Statistics:CacheSeconds</c> (60; 0 turns it off), the same for every reader.
/// </summary>
public sealed class StatsReader(BirgeDb db, DailyFigures counter, IMemoryCache cache, IConfiguration configuration, TimeProvider clock)
{
    private readonly TimeSpan keep = TimeSpan.FromSeconds(configuration.GetValue("Statistics:CacheSeconds", 60));

    public DateOnly Today => DateOnly.FromDateTime(KazakhstanTime.FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>The last day the snapshot holds; null before its first run.</summary>
    public static async Task<DateOnly?> LatestAsync(BirgeDb db, CancellationToken cancellationToken) =>
        await db.StatsSnapshots.AsNoTracking().MaxAsync(s => (DateOnly?)s.Through, cancellationToken);

    /// <summary>
    /// Every region's figures by month over the query's days (its region is ignored). With <paramref name="live"/>
    /// false, only what the snapshot holds (what open data publishes as of that snapshot).
    /// </summary>
    public Task<IReadOnlyList<MonthlyFigure>> MonthlyAsync(DateOnly from, DateOnly to, bool live, CancellationToken cancellationToken) =>
        Kept(("stats", from, to, live), () => CountMonthlyAsync(from, to, live, cancellationToken));

    /// <summary>The figures the public sees: the dashboard, the API and the reports read these.</summary>
    public async Task<StatsFigures> ReadAsync(StatsQuery query, CancellationToken cancellationToken)
    {
        var rows = await MonthlyAsync(query.From, query.To, live: true, cancellationToken);
        return StatsFigures.From(query, rows);
    }

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
            .OrderBy(r => r.Month).ThenBy(r => r.RegionKato).ThenBy(r => r.Metric).ThenBy(r => r.Part, StringComparer.Ordinal)];
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

    /// <summary>
    /// The days since the snapshot, counted now. Nearly every query ends today, so they share this count, kept
    /// for as long as the answers are.
    /// </summary>
    private Task<List<MonthlyFigure>> LiveAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        Kept<List<MonthlyFigure>>(("stats-live", first, last), async () =>
            [.. (await counter.CountAsync(first, last.AddDays(1), cancellationToken))
                .Select(f => new MonthlyFigure(FirstOfMonth(f.Day), f.RegionKato, f.Metric, f.Part, f.Value))]);

    private Task<List<MonthlyFigure>> LiveActiveAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        Kept<List<MonthlyFigure>>(("stats-live-active", first, last), async () =>
            [.. (await counter.CountActiveAsync(first, last.AddDays(1), cancellationToken))
                .Select(m => new MonthlyFigure(m.Month, m.RegionKato, m.Metric, m.Part, m.Value))]);

    private async Task<T> Kept<T>(object key, Func<Task<T>> count)
    {
        if (keep <= TimeSpan.Zero)
        {
            return await count();
        }

        return (await cache.GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = keep;
            return count();
        }))!;
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
