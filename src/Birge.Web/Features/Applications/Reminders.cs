using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Applications;

/// <summary>
/// The day-before reminder (<c>Jobs:Reminders</c>, every 5 minutes): shifts of published opportunities that start
/// within 24 hours and have not been reminded are claimed one by one with a conditional UPDATE of
/// <see cref="Shift.RemindedAt"/>, so even two runs at once remind each shift's volunteers once. The claim and the
/// messages are stored in one transaction: a node that fails midway leaves the shift to the next run.
/// </summary>
public sealed class Reminders(IServiceScopeFactory scopes, TimeProvider clock, JobServices services)
    : PeriodicJob<int>("Reminders", TimeSpan.FromMinutes(5), services)
{
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);

    private const int BatchSize = 50;

    /// <summary>Queues the reminders that are due; returns how many shifts were reminded.</summary>
    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var reminded = 0;
        while (true)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            var now = clock.GetUtcNow().UtcDateTime;
            var until = now + Ahead;
            var due = await db.Shifts.AsNoTracking()
                .Where(s => s.RemindedAt == null && s.StartsAt > now && s.StartsAt <= until)
                .Join(db.Opportunities.Where(o => o.Status == OpportunityStatus.Published), s => s.OpportunityId, o => o.Id, (s, o) => new { s, o })
                .OrderBy(x => x.s.StartsAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var x in due)
            {
                if (await RemindAsync(db, outbox, x.s, x.o, now, cancellationToken))
                {
                    reminded++;
                }
            }

            if (due.Count < BatchSize)
            {
                return reminded;
            }
        }
    }

    private static async Task<bool> RemindAsync(BirgeDb db, Outbox outbox, Shift shift, Opportunity opportunity, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Shifts
            .Where(s => s.Id == shift.Id && s.RemindedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RemindedAt, now), cancellationToken);
        if (claimed == 0)
        {
            // Another node took it.
            return false;
        }

        var volunteers = await db.Applications.AsNoTracking()
            .Where(a => a.ShiftId == shift.Id && a.Status == ApplicationStatus.Accepted)
            .Join(db.Accounts, a => a.VolunteerId, p => p.Id, (a, p) => p)
            .Where(p => p.Status == AccountStatus.Active)
            .ToListAsync(cancellationToken);
        var place = opportunity.Online ? Cultures.Texts("Apply_Online") : new LocalizedText(opportunity.Address ?? "", null, null);
        await outbox.ToAccountsAsync(
            volunteers,
            volunteer => new ApplicationMessages.ShiftReminder(volunteer.FullName ?? "", shift.Named(opportunity.Title), new DayAndTime(shift.StartsAt, now), place, outbox.Link("/my/shifts")),
            volunteer => $"reminder:{shift.Id}:{volunteer.Id}",
            cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
