using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics;

/// <summary>
/// The daily snapshot (<c>Jobs:StatsSnapshot</c>, looked at hourly, taken once across nodes): once a day has ended in
/// Kazakhstan, the figures of the last <see cref="RecountDays"/> days up to yesterday are counted again (hours are
/// confirmed and requests closed days after the fact) and replace what was stored for them, in one transaction, with a
/// <see cref="StatsSnapshot"/> row saying how far they go, with the months they touch summed again
/// (<see cref="MonthTotal"/>). The first run counts the whole history.
/// </summary>
public sealed class StatsSnapshots(IServiceScopeFactory scopes, TimeProvider clock, JobServices services)
    : PeriodicJob<int>("StatsSnapshot", TimeSpan.FromHours(1), services)
{
    public int RecountDays { get; } = services.Configuration.GetValue("Statistics:RecountDays", 35);

    /// <summary>Counts and stores the days not yet in the snapshot; returns how many figures were stored.</summary>
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(KazakhstanTime.FromUtc(now));
        var last = await StatsReader.LatestAsync(db, cancellationToken);
        if (last >= today.AddDays(-1))
        {
            return 0;
        }

        var from = last is { } through ? through.AddDays(1 - RecountDays) : await FirstDayAsync(db, today, cancellationToken);
        var counter = scope.ServiceProvider.GetRequiredService<DailyFigures>();
        var figures = await counter.CountAsync(from, today, cancellationToken);
        var firstMonth = new DateOnly(from.Year, from.Month, 1);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.DailyFigures.Where(f => f.Day >= from && f.Day < today).ExecuteDeleteAsync(cancellationToken);
        await BulkInsert.NewRowsAsync(db, figures, cancellationToken);

        // The months the window touches, summed again from their days; active volunteers are counted per month, whole.
        await db.MonthTotals.Where(m => m.Month >= firstMonth).ExecuteDeleteAsync(cancellationToken);
        var months = await db.DailyFigures.AsNoTracking()
            .Where(f => f.Day >= firstMonth)
            .GroupBy(f => new { f.Day.Year, f.Day.Month, f.RegionKato, f.Metric, f.Part })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.RegionKato, g.Key.Metric, g.Key.Part, Value = g.Sum(f => f.Value) })
            .ToListAsync(cancellationToken);
        var totals = months.Select(m => new MonthTotal { Month = new DateOnly(m.Year, m.Month, 1), RegionKato = m.RegionKato, Metric = m.Metric, Part = m.Part, Value = m.Value }).ToList();
        totals.AddRange(await counter.CountActiveAsync(firstMonth, today, cancellationToken));
        await BulkInsert.NewRowsAsync(db, totals, cancellationToken);

        // Two nodes cannot both get here (the job's claim), and a snapshot row is written once per day.
        await BulkInsert.NewRowsAsync(db, [new StatsSnapshot { Through = today.AddDays(-1), MadeAt = now }], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return figures.Count;
    }

    /// <summary>The first day anything happened on the platform (hours may be dated before their account was made).</summary>
    private static async Task<DateOnly> FirstDayAsync(BirgeDb db, DateOnly today, CancellationToken cancellationToken)
    {
        var firstAccount = await db.Accounts.MinAsync(a => (DateTime?)a.CreatedAt, cancellationToken);
        var firstHours = await db.HoursEntries.MinAsync(h => (DateOnly?)h.Date, cancellationToken);
        var firstShift = await db.Shifts.MinAsync(s => (DateTime?)s.StartsAt, cancellationToken);
        var firstRequest = await db.HelpRequests.MinAsync(r => (DateTime?)r.CreatedAt, cancellationToken);
        DateOnly?[] days =
        [
            firstAccount is { } a ? DailyFigures.Day(a) : null,
            firstHours,
            firstShift is { } s ? DailyFigures.Day(s) : null,
            firstRequest is { } r ? DailyFigures.Day(r) : null,
        ];
        var first = days.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(today).Min();
        return first < StatsQuery.Beginning ? StatsQuery.Beginning : first;
    }
}
