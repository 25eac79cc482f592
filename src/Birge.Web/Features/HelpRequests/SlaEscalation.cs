using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// SLA breaches (<c>Jobs:SlaEscalation</c>, every minute): a request still waiting for a volunteer past its claim
/// target, or claimed past its done target, with the clock running, is escalated once per target: the region's
/// front-office staff and operators (the national office's when the region has none) are told, and the timeline says
/// so. The breach is stamped with a conditional UPDATE, so two nodes never tell twice.
/// </summary>
public sealed class SlaEscalation(IServiceScopeFactory scopes, TimeProvider clock, JobServices services)
    : PeriodicJob<int>("SlaEscalation", TimeSpan.FromMinutes(1), services)
{
    private const int BatchSize = 100;

    /// <summary>Escalates the breaches that are due; returns how many.</summary>
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var escalated = 0;
        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.HelpRequests.AsNoTracking()
                .Where(r => r.WaitingSince == null
                    && (((r.Status == HelpRequestStatus.New || r.Status == HelpRequestStatus.Open) && r.ClaimDueAt <= now && r.ClaimBreachNotifiedAt == null)
                        || (r.Status == HelpRequestStatus.Claimed && r.DoneDueAt <= now && r.DoneBreachNotifiedAt == null)))
                .OrderBy(r => r.CreatedAt)
                .Take(BatchSize)
                .Select(r => new { r.Id, r.Status, r.RegionKato, r.TrackingCode, r.Category, r.ClaimDueAt, r.DoneDueAt })
                .ToListAsync(cancellationToken);
            var regions = due.Select(r => r.RegionKato).Append(FrontOffice.NationalKato).Distinct().ToList();
            var people = await db.FrontOfficeStaff.AsNoTracking()
                .Where(s => regions.Contains(s.FrontOfficeKato))
                .Join(db.Accounts.Where(a => a.Status == AccountStatus.Active), s => s.AccountId, a => a.Id, (s, a) => new { s.FrontOfficeKato, Account = a })
                .ToListAsync(cancellationToken);
            foreach (var breach in due)
            {
                var claimBreach = breach.Status != HelpRequestStatus.Claimed;
                // The stamp, the event and the messages commit together: a node that dies in between leaves the
                // breach untold and unstamped, for the next run, never stamped and untold.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var changed = claimBreach
                    ? await db.HelpRequests.Where(r => r.Id == breach.Id && r.ClaimBreachNotifiedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimBreachNotifiedAt, now), cancellationToken)
                    : await db.HelpRequests.Where(r => r.Id == breach.Id && r.DoneBreachNotifiedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.DoneBreachNotifiedAt, now), cancellationToken);
                if (changed != 1)
                {
                    continue;
                }

                db.HelpRequestEvents.Add(new HelpRequestEvent
                {
                    HelpRequestId = breach.Id,
                    At = now,
                    Kind = HelpRequestEvent.Escalated,
                    Note = claimBreach ? "claim" : "done",
                });
                var told = people.Where(p => p.FrontOfficeKato == breach.RegionKato).ToList();
                if (told.Count == 0)
                {
                    told = [.. people.Where(p => p.FrontOfficeKato == FrontOffice.NationalKato)];
                }

                var message = new HelpRequestMessages.SlaBreached(
                    TrackingCode.Format(breach.TrackingCode),
                    Cultures.Texts("HelpCategory_" + breach.Category),
                    (claimBreach ? breach.ClaimDueAt : breach.DoneDueAt) ?? now,
                    outbox.Link($"/call-centre/requests/{breach.Id}"));
                var target = claimBreach ? "claim" : "done";
                await outbox.ToAccountsAsync(
                    [.. told.Select(p => p.Account).DistinctBy(a => a.Id)],
                    _ => message,
                    account => $"sla:{breach.Id}:{target}:{account.Id}",
                    cancellationToken);

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                escalated++;
            }

            if (due.Count < BatchSize)
            {
                return escalated;
            }
        }
    }
}
