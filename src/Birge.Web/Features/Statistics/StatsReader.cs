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
    public async Task<IReadOnlyList<MonthlyFigure>> MonthlyAsync(DateOnly from, DateOnly to, bool live, CancellationToken cancellationToken)
    {
        if (keep <= TimeSpan.Zero)
        {
            return await CountMonthlyAsync(from, to, live, cancellationToken);
        }

        return (await cache.GetOrCreateAsync(("stats", from, to, live), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = keep;
            return CountMonthlyAsync(from, to, live, cancellationToken);
        }))!;
    }

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
        var stored = await db.DailyFigures.AsNoTracking()
            .Where(f => f.Day >= from && f.Day <= storedTo && f.Metric != StatMetric.ActiveVolunteers)
            .GroupBy(f => new { f.Day.Year, f.Day.Month, f.RegionKato, f.Metric, f.Part })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.RegionKato, g.Key.Metric, g.Key.Part, Value = g.Sum(f => f.Value) })
            .ToListAsync(cancellationToken);
        var rows = stored.Select(r => new MonthlyFigure(new DateOnly(r.Year, r.Month, 1), r.RegionKato, r.Metric, r.Part, r.Value)).ToList();

        // Active volunteers are a month's distinct people: whole months, from the snapshot up to the month it was
        // taken in, live from then on.
        var firstMonth = new DateOnly(from.Year, from.Month, 1);
        var liveMonth = FirstOfMonth(through.AddDays(1));
        var storedActive = await db.DailyFigures.AsNoTracking()
            .Where(f => f.Metric == StatMetric.ActiveVolunteers && f.Day >= firstMonth && f.Day <= to && (!live || f.Day < liveMonth))
            .ToListAsync(cancellationToken);
        rows.AddRange(storedActive.Select(f => new MonthlyFigure(f.Day, f.RegionKato, f.Metric, f.Part, f.Value)));

        if (live && to > through)
        {
            var liveFrom = from > through ? from : through.AddDays(1);
            var days = await counter.CountAsync(liveFrom, to.AddDays(1), cancellationToken);
            days.AddRange(await counter.CountActiveAsync(liveMonth > firstMonth ? liveMonth : firstMonth, to.AddDays(1), cancellationToken));
            rows.AddRange(days.Select(f => new MonthlyFigure(FirstOfMonth(f.Day), f.RegionKato, f.Metric, f.Part, f.Value)));
        }

        return [.. rows
            .GroupBy(r => (r.Month, r.RegionKato, r.Metric, r.Part))
            .Select(g => new MonthlyFigure(g.Key.Month, g.Key.RegionKato, g.Key.Metric, g.Key.Part, g.Sum(r => r.Value)))
            .OrderBy(r => r.Month).ThenBy(r => r.RegionKato).ThenBy(r => r.Metric).ThenBy(r => r.Part, StringComparer.Ordinal)];
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
