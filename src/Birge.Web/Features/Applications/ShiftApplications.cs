using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Opportunities;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Applications;

/// <summary>An application as an application, a cancellation or a decision left it, with its place in line when waiting.</summary>
public sealed record Applied(Application Application, int? WaitlistPosition = null);

/// <summary>A shift with its opportunity, as the application rules read it.</summary>
public sealed record ShiftWithOpportunity(Shift Shift, Opportunity Opportunity);

/// <summary>
/// Applying to shifts (M6). A seat is taken only by a conditional UPDATE in the database (<c>Taken &lt; Capacity</c>),
/// so any number of parallel applications fill exactly the seats there are; the rest wait in line by
/// <see cref="Application.AppliedAt"/>, and a freed seat goes to the first in line, claimed the same way.
/// </summary>
public sealed class ShiftApplications(BirgeDb db, Outbox outbox, AuditLog audit, TimeProvider clock)
{
    /// <summary>The shift and its opportunity when the public may see them (published or cancelled), else null.</summary>
    public async Task<ShiftWithOpportunity?> FindShiftAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        var found = await db.Shifts.AsNoTracking()
            .Where(s => s.Id == shiftId)
            .Join(db.Opportunities.AsNoTracking(), s => s.OpportunityId, o => o.Id, (s, o) => new { s, o })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null || found.o.Status == OpportunityStatus.Draft ? null : new ShiftWithOpportunity(found.s, found.o);
    }

    /// <summary>Why <paramref name="volunteer"/> may not apply to the shift, or null.</summary>
    public string? Check(ShiftWithOpportunity found, Account volunteer)
    {
        var (shift, opportunity) = found;
        if (opportunity.Status == OpportunityStatus.Cancelled)
        {
            return OpportunityErrors.OpportunityCancelled;
        }

        if (shift.EndsAt <= clock.GetUtcNow().UtcDateTime)
        {
            return ApplicationErrors.ShiftOver;
        }

        // Age on the shift's own day in Kazakhstan, not today: a birthday before the event counts.
        var day = DateOnly.FromDateTime(KazakhstanTime.FromUtc(shift.StartsAt));
        var minAge = opportunity.RequiredMinAge;
        return minAge > 0 && (volunteer.BirthDate is not { } born || Account.AgeOn(born, day) < minAge)
            ? ApplicationErrors.AgeRestricted
            : null;
    }

    public async Task<Outcome<Applied>> ApplyAsync(Guid shiftId, Account volunteer, CancellationToken cancellationToken)
    {
        if (await FindShiftAsync(shiftId, cancellationToken) is not { } found)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        if (Check(found, volunteer) is { } refusal)
        {
            return Outcome.Refused(refusal);
        }

        var existing = await db.Applications.AsNoTracking()
            .FirstOrDefaultAsync(a => a.ShiftId == shiftId && a.VolunteerId == volunteer.Id, cancellationToken);
        if (existing is { IsActive: true })
        {
            return Outcome.Refused(ApplicationErrors.AlreadyApplied);
        }

        if (existing is { Status: ApplicationStatus.Declined })
        {
            // The coordinator said no; applying again would only ask them the same question.
            return Outcome.Refused(ApplicationErrors.ApplicationNotActive);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var inOneStatement = found.Opportunity.AutoAccept && existing is null && db.Provider == DatabaseProvider.Postgres;
        if (inOneStatement && found.Shift.Taken >= found.Shift.Capacity)
        {
            // Full when read: no seat to try for. A seat freed since goes to the first in line, as always.
            return await WaitInLineAsync(shiftId, volunteer.Id, now, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var status = !found.Opportunity.AutoAccept ? ApplicationStatus.Pending
            : await TakeSeatAsync(shiftId, cancellationToken, unlessSomeoneWaits: true) ? ApplicationStatus.Accepted
            : ApplicationStatus.Waitlisted;
        if (status == ApplicationStatus.Waitlisted && inOneStatement)
        {
            // The shift is full and nothing was written: join the line in one statement, not in this transaction.
            await transaction.RollbackAsync(cancellationToken);
            return await WaitInLineAsync(shiftId, volunteer.Id, now, cancellationToken);
        }

        var appliedAt = status == ApplicationStatus.Waitlisted ? await JoinLineAsync(shiftId, now, cancellationToken) : now;
        Application application;
        if (existing is not null)
        {
            // Applying again after cancelling: the same row, at the back of the line. The condition makes a
            // double-clicked form count once.
            var reopened = await db.Applications
                .Where(a => a.Id == existing.Id && a.Status == ApplicationStatus.Cancelled)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.Status, status).SetProperty(x => x.AppliedAt, appliedAt).SetProperty(x => x.UpdatedAt, now), cancellationToken);
            if (reopened == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return Outcome.Refused(ApplicationErrors.AlreadyApplied);
            }

            application = existing;
            application.Status = status;
            application.AppliedAt = appliedAt;
            application.UpdatedAt = now;
        }
        else
        {
            application = new Application { ShiftId = shiftId, VolunteerId = volunteer.Id, Status = status, AppliedAt = appliedAt, UpdatedAt = now };
            db.Applications.Add(application);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same volunteer's second request at the same moment: the unique index decides, the seat goes back.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return Outcome.Refused(ApplicationErrors.AlreadyApplied);
            }
        }

        // Counted while the line is still held: the newcomer is last, and nobody else can join before the commit.
        var position = await WaitlistPositionAsync(application, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return status == ApplicationStatus.Waitlisted ? await ServeLineFirstAsync(application, position, cancellationToken) : new Applied(application, position);
    }

    /// <summary>
    /// After joining a line: seats may be free with others waiting for them (the capacity was just raised, a seat was
    /// freed meanwhile), and the line is served first; the newcomer is told where they stand after that.
    /// </summary>
    private async Task<Applied> ServeLineFirstAsync(Application application, int? position, CancellationToken cancellationToken)
    {
        if (await PromoteWaitlistAsync(application.ShiftId, cancellationToken) > 0)
        {
            application = await db.Applications.AsNoTracking().FirstAsync(a => a.Id == application.Id, cancellationToken);
            position = await WaitlistPositionAsync(application, cancellationToken);
        }

        return new Applied(application, position);
    }

    /// <summary>
    /// Joins the shift's waitlist inside the caller's transaction: holds the shift's row until it ends (an UPDATE that
    /// changes nothing still locks it on PostgreSQL; SQLite has one writer anyway), so people join the line one at a
    /// time, and returns a time after everyone already in it. The line's order (<see cref="Application.AppliedAt"/>) is
    /// then the order people joined, with no two alike even on a coarse or stopped clock, and each newcomer's place is
    /// exact. Microseconds, the finest time PostgreSQL keeps.
    /// </summary>
    private async Task<DateTime> JoinLineAsync(Guid shiftId, DateTime now, CancellationToken cancellationToken)
    {
        await db.Shifts.Where(s => s.Id == shiftId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken), cancellationToken);
        var last = await db.Applications
            .Where(a => a.ShiftId == shiftId && a.Status == ApplicationStatus.Waitlisted)
            .MaxAsync(a => (DateTime?)a.AppliedAt, cancellationToken);
        var at = Microseconds(now);
        at = last is { } previous && Microseconds(previous) >= at ? Microseconds(previous).AddTicks(TimeSpan.TicksPerMicrosecond) : at;
        await db.Shifts.Where(s => s.Id == shiftId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LineJoinedAt, at), cancellationToken);
        return at;
    }

    /// <summary>
    /// A newcomer joins a full shift's waitlist on PostgreSQL in one statement: the shift's row is locked only while
    /// it runs (not for a transaction's round trips), so a thousand people asking for the last seats at once are
    /// answered in about a second, not one after another. The UPDATE waits for the row and then reads its newest
    /// <see cref="Shift.LineJoinedAt"/>, so each newcomer's time is after everyone's before, and the row is inserted in
    /// the same statement: when the count of people ahead runs, everyone ahead is already stored. Refused with
    /// <c>already_applied</c> when the volunteer's second request at the same moment got there first.
    /// </summary>
    private async Task<Outcome<Applied>> WaitInLineAsync(Guid shiftId, Guid volunteerId, DateTime now, CancellationToken cancellationToken)
    {
        var application = new Application { ShiftId = shiftId, VolunteerId = volunteerId, Status = ApplicationStatus.Waitlisted, UpdatedAt = now };
        var status = nameof(ApplicationStatus.Waitlisted);
        var joined = await db.Database.SqlQuery<DateTime>($"""
            WITH line AS (
                UPDATE "Shifts" SET "LineJoinedAt" = greatest({Microseconds(now)}, "LineJoinedAt" + interval '1 microsecond')
                WHERE "Id" = {shiftId} RETURNING "LineJoinedAt")
            INSERT INTO "Applications" ("Id", "ShiftId", "VolunteerId", "Status", "AppliedAt", "UpdatedAt")
            SELECT {application.Id}, {shiftId}, {volunteerId}, {status}, line."LineJoinedAt", {now} FROM line
            ON CONFLICT ("ShiftId", "VolunteerId") DO NOTHING
            RETURNING "AppliedAt" AS "Value"
            """).ToListAsync(cancellationToken);
        if (joined.Count == 0)
        {
            return Outcome.Refused(ApplicationErrors.AlreadyApplied);
        }

        application.AppliedAt = joined[0];
        return await ServeLineFirstAsync(application, await WaitlistPositionAsync(application, cancellationToken), cancellationToken);
    }

    private static DateTime Microseconds(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);

    /// <summary>The volunteer withdraws; a seat they held goes to the first in line.</summary>
    public async Task<Outcome<Applied>> CancelAsync(Guid applicationId, Guid volunteerId, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == applicationId && a.VolunteerId == volunteerId, cancellationToken);
        if (application is null)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        if (!application.IsActive)
        {
            return Outcome.Refused(ApplicationErrors.ApplicationNotActive);
        }

        var endsAt = await db.Shifts.Where(s => s.Id == application.ShiftId).Select(s => s.EndsAt).FirstAsync(cancellationToken);
        if (endsAt <= clock.GetUtcNow().UtcDateTime)
        {
            return Outcome.Refused(ApplicationErrors.ShiftOver);
        }

        if (!await ChangeStatusAsync(application, ApplicationStatus.Cancelled, cancellationToken))
        {
            return Outcome.Refused(ApplicationErrors.ApplicationNotActive);
        }

        await PromoteWaitlistAsync(application.ShiftId, cancellationToken);
        return new Applied(application);
    }

    /// <summary>
    /// A coordinator accepts or declines. Accepting takes a seat (refused with <c>shift_full</c> when none is left);
    /// declining someone who held a seat frees it for the waitlist. The volunteer is told either way.
    /// </summary>
    public async Task<Outcome<Applied>> DecideAsync(Guid shiftId, Guid applicationId, bool accept, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == applicationId && a.ShiftId == shiftId, cancellationToken);
        if (application is null || await FindShiftAsync(shiftId, cancellationToken) is not { } found)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        var allowed = accept
            ? application.Status is ApplicationStatus.Pending or ApplicationStatus.Waitlisted
            : application.IsActive;
        if (!allowed)
        {
            return Outcome.Refused(ApplicationErrors.ApplicationNotActive);
        }

        if (found.Shift.EndsAt <= clock.GetUtcNow().UtcDateTime)
        {
            return Outcome.Refused(ApplicationErrors.ShiftOver);
        }

        var volunteer = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == application.VolunteerId, cancellationToken);
        var region = found.Opportunity.RegionKato;
        if (accept)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await TakeSeatAsync(shiftId, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return Outcome.Refused(ApplicationErrors.ShiftFull);
            }

            if (!await SetStatusIfAsync(application, ApplicationStatus.Accepted, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return Outcome.Refused(ApplicationErrors.ApplicationNotActive);
            }

            await outbox.ToAccountAsync(volunteer, new ApplicationMessages.ApplicationAccepted(volunteer.FullName ?? "", found.Opportunity.Title, found.Shift.StartsAt, MyShiftsLink), cancellationToken: cancellationToken);
            audit.Record("application.accepted", "application", application.Id.ToString(), region);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Applied(application);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var heldSeat = application.HoldsSeat;
            if (!await SetStatusIfAsync(application, ApplicationStatus.Declined, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return Outcome.Refused(ApplicationErrors.ApplicationNotActive);
            }

            if (heldSeat)
            {
                await GiveSeatBackAsync(shiftId, cancellationToken);
            }

            await outbox.ToAccountAsync(volunteer, new ApplicationMessages.ApplicationDeclined(volunteer.FullName ?? "", found.Opportunity.Title, found.Shift.StartsAt, MyShiftsLink), cancellationToken: cancellationToken);
            audit.Record("application.declined", "application", application.Id.ToString(), region);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await PromoteWaitlistAsync(shiftId, cancellationToken);
        return new Applied(application);
    }

    /// <summary>
    /// Gives free seats to the waitlist, first come first served, and tells each person promoted. Safe to run from
    /// any number of requests at once: each promotion claims a seat and a waiting application with conditional
    /// updates in one transaction, so a seat is never given twice. Returns how many were promoted.
    /// </summary>
    public async Task<int> PromoteWaitlistAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        if (await FindShiftAsync(shiftId, cancellationToken) is not { } found
            || found.Opportunity.Status != OpportunityStatus.Published
            || found.Shift.EndsAt <= clock.GetUtcNow().UtcDateTime)
        {
            return 0;
        }

        var promoted = 0;
        while (true)
        {
            // A cheap look first (reads never wait on SQLite or PostgreSQL); the claim below decides.
            if (!await db.Shifts.AnyAsync(s => s.Id == shiftId && s.Taken < s.Capacity, cancellationToken)
                || !await db.Applications.AnyAsync(a => a.ShiftId == shiftId && a.Status == ApplicationStatus.Waitlisted, cancellationToken))
            {
                return promoted;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await TakeSeatAsync(shiftId, cancellationToken))
            {
                return promoted;
            }

            var first = await db.Applications.AsNoTracking()
                .Where(a => a.ShiftId == shiftId && a.Status == ApplicationStatus.Waitlisted)
                .OrderBy(a => a.AppliedAt).ThenBy(a => a.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (first is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return promoted;
            }

            if (!await SetStatusIfAsync(first, ApplicationStatus.Accepted, cancellationToken))
            {
                // They cancelled at this very moment: give the seat back and look again.
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            var volunteer = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == first.VolunteerId, cancellationToken);
            await outbox.ToAccountAsync(volunteer, new ApplicationMessages.ApplicationPromoted(volunteer.FullName ?? "", found.Opportunity.Title, found.Shift.StartsAt, MyShiftsLink), cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            promoted++;
        }
    }

    /// <summary>
    /// The volunteer's place in line (1 = next), or null when not waiting: one more than those who joined before
    /// (<see cref="JoinLineAsync"/> keeps every time in a line distinct).
    /// </summary>
    public async Task<int?> WaitlistPositionAsync(Application application, CancellationToken cancellationToken)
    {
        if (application.Status != ApplicationStatus.Waitlisted)
        {
            return null;
        }

        return 1 + await db.Applications.CountAsync(
            a => a.ShiftId == application.ShiftId && a.Status == ApplicationStatus.Waitlisted
                && a.Id != application.Id && a.AppliedAt < application.AppliedAt,
            cancellationToken);
    }

    /// <summary>
    /// Removes every application of a person who deletes their account; seats they held go back to the shifts and
    /// to the people waiting for them.
    /// </summary>
    public async Task RemoveAllAsync(Guid volunteerId, CancellationToken cancellationToken)
    {
        var applications = await db.Applications.AsNoTracking().Where(a => a.VolunteerId == volunteerId).ToListAsync(cancellationToken);
        foreach (var application in applications)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var removed = await db.Applications
                .Where(a => a.Id == application.Id && a.Status == application.Status)
                .ExecuteDeleteAsync(cancellationToken);
            if (removed == 1 && application.HoldsSeat)
            {
                await GiveSeatBackAsync(application.ShiftId, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var shiftId in applications.Where(a => a.HoldsSeat).Select(a => a.ShiftId).Distinct())
        {
            await PromoteWaitlistAsync(shiftId, cancellationToken);
        }
    }

    /// <summary>
    /// The one place a seat is taken: false when the shift is full, or (for a newcomer) when people are already
    /// waiting, who come first.
    /// </summary>
    private async Task<bool> TakeSeatAsync(Guid shiftId, CancellationToken cancellationToken, bool unlessSomeoneWaits = false) =>
        await db.Shifts
            .Where(s => s.Id == shiftId && s.Taken < s.Capacity)
            .Where(s => !unlessSomeoneWaits || !db.Applications.Any(a => a.ShiftId == shiftId && a.Status == ApplicationStatus.Waitlisted))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken + 1), cancellationToken) == 1;

    private async Task GiveSeatBackAsync(Guid shiftId, CancellationToken cancellationToken) =>
        await db.Shifts
            .Where(s => s.Id == shiftId && s.Taken > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken - 1), cancellationToken);

    /// <summary>Moves the application on only if nobody changed it since it was read.</summary>
    private async Task<bool> SetStatusIfAsync(Application application, ApplicationStatus status, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Applications
            .Where(a => a.Id == application.Id && a.Status == application.Status)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.Status, status).SetProperty(x => x.UpdatedAt, now), cancellationToken) == 1;
        if (changed)
        {
            application.Status = status;
            application.UpdatedAt = now;
        }

        return changed;
    }

    private async Task<bool> ChangeStatusAsync(Application application, ApplicationStatus status, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var heldSeat = application.HoldsSeat;
        if (!await SetStatusIfAsync(application, status, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        if (heldSeat)
        {
            await GiveSeatBackAsync(application.ShiftId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Where a volunteer told about an application sees (and cancels) their shifts.</summary>
    private string MyShiftsLink => outbox.Link("/my/shifts");
}
