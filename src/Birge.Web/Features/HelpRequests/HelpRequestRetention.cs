using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// Retention (<c>Jobs:HelpRequestRetention</c>, daily): <see cref="HelpRequest.RetainedAfterClosing"/> after a request
/// closed (closed, unresponsive, cancelled or a duplicate), the requester's name, phone, address and the notes go, in
/// batches; the category, region, dates and statuses stay for the statistics.
/// </summary>
public sealed class HelpRequestRetention(IServiceScopeFactory scopes, TimeProvider clock, JobServices services)
    : PeriodicJob<int>("HelpRequestRetention", TimeSpan.FromDays(1), services)
{
    private const int BatchSize = 200;

    /// <summary>Erases what is due; returns how many requests.</summary>
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var erased = 0;
        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            var before = now - HelpRequest.RetainedAfterClosing;
            var batch = await db.HelpRequests
                .Where(r => r.ErasedAt == null && r.ClosedAt <= before
                    && (r.Status == HelpRequestStatus.Closed || r.Status == HelpRequestStatus.ClosedUnresponsive
                        || r.Status == HelpRequestStatus.Cancelled || r.Status == HelpRequestStatus.Duplicate))
                .OrderBy(r => r.ClosedAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return erased;
            }

            var ids = batch.Select(r => r.Id).ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.HelpRequestEvents.Where(e => ids.Contains(e.HelpRequestId) && e.Note != null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Note, (string?)null), cancellationToken);
            foreach (var request in batch)
            {
                request.Erase(now);
                db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = now, Kind = HelpRequestEvent.Erased });
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            erased += batch.Count;
            if (batch.Count < BatchSize)
            {
                return erased;
            }
        }
    }
}
