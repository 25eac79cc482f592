using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Features.Statistics;

/// <summary>Figures written straight into the snapshot, as the snapshot job writes them.</summary>
public static class StoredFigures
{
    /// <summary>Each day's figure, and its month's total with it (added to the month's total already stored).</summary>
    public static void AddFigures(this BirgeDb db, params IEnumerable<DailyFigure> figures)
    {
        var days = figures.ToList();
        db.DailyFigures.AddRange(days);
        foreach (var month in days.GroupBy(f => (Month: new DateOnly(f.Day.Year, f.Day.Month, 1), f.RegionKato, f.Metric, f.Part)))
        {
            var (first, region, metric, part) = month.Key;
            var sum = month.Sum(f => f.Value);
            if (db.MonthTotals.Find(first, region, metric, part) is { } total)
            {
                total.Value += sum;
            }
            else
            {
                db.MonthTotals.Add(new MonthTotal { Month = first, RegionKato = region, Metric = metric, Part = part, Value = sum });
            }
        }
    }

    /// <summary>No snapshot at all: the tests of one database share it, so a test that writes one starts and ends with none.</summary>
    public static async Task<int> ForgetSnapshotsAsync(this BirgeDb db) =>
        await db.StatsSnapshots.ExecuteDeleteAsync() + await db.DailyFigures.ExecuteDeleteAsync() + await db.MonthTotals.ExecuteDeleteAsync();
}
