using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// Claims that run out (<c>Jobs:ClaimExpiry</c>, every minute). An hour before, the volunteer is warned once per claim
/// (a critical message: mark it done or give it back), and the warning is in the timeline. When it has run out, it goes
/// back to the queue with a conditional UPDATE on the claim it found, so a claim released, completed or renewed in
/// between is left alone and two runs release it once. The volunteer is told, and the release is in the timeline and the
/// audit log.
/// </summary>
public sealed class ClaimExpiry(IServiceScopeFactory scopes, TimeProvider clock, JobServices services)
    : PeriodicJob<int>("ClaimExpiry", TimeSpan.FromMinutes(1), services)
{
    public const string AuditAction = "help_request.claim_expired";

    /// <summary>How long before a claim runs out its volunteer is warned.</summary>
    public static readonly TimeSpan WarnBefore = TimeSpan.FromHours(1);

    private const int BatchSize = 100;

    /// <summary>Warns the volunteers whose claims run out within the hour, then releases the claims that are due; returns how many were released.</summary>
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await WarnAsync(cancellationToken);
        var released = 0;
        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.HelpRequests.AsNoTracking()
                .Where(r => r.Status == HelpRequestStatus.Claimed && r.ClaimExpiresAt <= now)
                .OrderBy(r => r.ClaimExpiresAt)
                .Take(BatchSize)
                .Select(r => new { r.Id, r.ClaimedBy, r.ClaimedAt, r.RegionKato, r.TrackingCode })
                .ToListAsync(cancellationToken);
            var volunteerIds = due.Select(c => c.ClaimedBy!.Value).Distinct().ToList();
            var volunteers = await db.Accounts.AsNoTracking().Where(a => volunteerIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
            foreach (var claim in due)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var changed = await db.HelpRequests
                    .Where(r => r.Id == claim.Id && r.Status == HelpRequestStatus.Claimed && r.ClaimedBy == claim.ClaimedBy && r.ClaimedAt == claim.ClaimedAt)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(r => r.Status, HelpRequestStatus.Open)
                            .SetProperty(r => r.ClaimedBy, (Guid?)null)
                            .SetProperty(r => r.ClaimedAt, (DateTime?)null)
                            .SetProperty(r => r.ClaimExpiresAt, (DateTime?)null)
                            .SetProperty(r => r.UpdatedAt, now),
                        cancellationToken);
                if (changed != 1)
                {
                    continue;
                }

                db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = claim.Id, At = now, Kind = HelpRequestEvent.ClaimExpired, ActorId = claim.ClaimedBy });
                scope.ServiceProvider.GetRequiredService<AuditLog>().Record(AuditAction, "help_request", claim.Id.ToString(), claim.RegionKato);
                if (volunteers.TryGetValue(claim.ClaimedBy!.Value, out var volunteer))
                {
                    var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
                    await outbox.ToAccountAsync(volunteer, new HelpRequestMessages.ClaimExpired(TrackingCode.Format(claim.TrackingCode), outbox.Link("/help-requests")), $"claim-expired:{claim.Id}:{claim.ClaimedAt:O}", cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                released++;
            }

            if (due.Count < BatchSize)
            {
                return released;
            }
        }
    }

    /// <summary>
    /// Claims running out within <see cref="WarnBefore"/> whose volunteer has not been warned since the claim: a
    /// <c>claim_expiring</c> event and the message, keyed by the claim, so a second run or a second node warns once.
    /// </summary>
    private async Task WarnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            var now = clock.GetUtcNow().UtcDateTime;
            var soon = now + WarnBefore;
            var due = await db.HelpRequests.AsNoTracking()
                .Where(r => r.Status == HelpRequestStatus.Claimed && r.ClaimExpiresAt > now && r.ClaimExpiresAt <= soon)
                .Where(r => !db.HelpRequestEvents.Any(e => e.HelpRequestId == r.Id && e.Kind == HelpRequestEvent.ClaimExpiring && e.At >= r.ClaimedAt))
                .OrderBy(r => r.ClaimExpiresAt)
                .Take(BatchSize)
                .Select(r => new { r.Id, r.ClaimedBy, r.ClaimedAt, r.ClaimExpiresAt, r.TrackingCode })
                .ToListAsync(cancellationToken);
            var volunteerIds = due.Select(c => c.ClaimedBy!.Value).Distinct().ToList();
            var volunteers = await db.Accounts.AsNoTracking().Where(a => volunteerIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
            foreach (var claim in due)
            {
                db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = claim.Id, At = now, Kind = HelpRequestEvent.ClaimExpiring, ActorId = claim.ClaimedBy });
                if (volunteers.TryGetValue(claim.ClaimedBy!.Value, out var volunteer))
                {
                    var message = new HelpRequestMessages.ClaimExpiring(TrackingCode.Format(claim.TrackingCode), new DayAndTime(claim.ClaimExpiresAt!.Value, now), outbox.Link($"/help-requests/{claim.Id}"));
                    await outbox.ToAccountAsync(volunteer, message, $"claim-expiring:{claim.Id}:{claim.ClaimedAt:O}", cancellationToken);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            if (due.Count < BatchSize)
            {
                return;
            }
        }
    }
}
