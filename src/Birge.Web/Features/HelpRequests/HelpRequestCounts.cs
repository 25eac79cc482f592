using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>A region's help requests at a glance; the median is over the requests closed (confirmed) in the last 30 days.</summary>
public sealed record HelpRequestRegionCounts(string Kato, int New, int Open, int Claimed, int Overdue, int ClosedToday, TimeSpan? MedianToClose);

/// <summary>
/// The front office's counts of help requests per region: new, open, claimed, overdue (past its SLA target with the
/// clock running), closed today (confirmed or unresponsive, Kazakhstan day) and the median time from asking to a
/// confirmed close over the last 30 days. The median is computed in memory from the closed rows' two dates: a region
/// closes at most a few thousand requests a month.
/// </summary>
public sealed class HelpRequestCounts(BirgeDb db, TimeProvider clock)
{
    public static readonly TimeSpan MedianWindow = TimeSpan.FromDays(30);

    public async Task<List<HelpRequestRegionCounts>> ForRegionsAsync(IReadOnlyCollection<string> katos, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = KazakhstanTime.ToUtc(KazakhstanTime.FromUtc(now).Date);
        var since = now - MedianWindow;
        var requests = db.HelpRequests.AsNoTracking().Where(r => katos.Contains(r.RegionKato));
        var byStatus = await requests
            .Where(r => r.Status == HelpRequestStatus.New || r.Status == HelpRequestStatus.Open || r.Status == HelpRequestStatus.Claimed)
            .GroupBy(r => new { r.RegionKato, r.Status })
            .Select(g => new { g.Key.RegionKato, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var overdue = await requests
            .Where(r => r.WaitingSince == null
                && (((r.Status == HelpRequestStatus.New || r.Status == HelpRequestStatus.Open) && r.ClaimDueAt <= now)
                    || (r.Status == HelpRequestStatus.Claimed && r.DoneDueAt <= now)))
            .GroupBy(r => r.RegionKato)
            .Select(g => new { Kato = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Kato, g => g.Count, cancellationToken);
        var closedToday = await requests
            .Where(r => (r.Status == HelpRequestStatus.Closed || r.Status == HelpRequestStatus.ClosedUnresponsive) && r.ClosedAt >= today)
            .GroupBy(r => r.RegionKato)
            .Select(g => new { Kato = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Kato, g => g.Count, cancellationToken);
        var closed = await requests
            .Where(r => r.Status == HelpRequestStatus.Closed && r.ClosedAt >= since)
            .Select(r => new { r.RegionKato, r.CreatedAt, r.ClosedAt })
            .ToListAsync(cancellationToken);
        var medians = closed.GroupBy(r => r.RegionKato).ToDictionary(g => g.Key, g => Median([.. g.Select(r => r.ClosedAt!.Value - r.CreatedAt)]));
        int Count(string kato, HelpRequestStatus status) => byStatus.Where(c => c.RegionKato == kato && c.Status == status).Sum(c => c.Count);
        return [.. katos.Select(k => new HelpRequestRegionCounts(
            k,
            Count(k, HelpRequestStatus.New),
            Count(k, HelpRequestStatus.Open),
            Count(k, HelpRequestStatus.Claimed),
            overdue.GetValueOrDefault(k),
            closedToday.GetValueOrDefault(k),
            medians.TryGetValue(k, out var median) ? median : null))];
    }

    /// <summary>The middle one; for an even count, halfway between the two middle ones.</summary>
    public static TimeSpan? Median(IReadOnlyList<TimeSpan> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : sorted[middle - 1] + ((sorted[middle] - sorted[middle - 1]) / 2);
    }
}
