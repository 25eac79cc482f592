using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Opportunities;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Attendance;

/// <summary>A shift with what the attendance pages show and check: its opportunity and organisation.</summary>
public sealed record ShiftInfo(Shift Shift, Opportunity Opportunity, Organization Organization)
{
    public string Title => Opportunity.Title.Resolve();

    public static async Task<ShiftInfo?> FindAsync(BirgeDb db, Guid shiftId, CancellationToken cancellationToken)
    {
        var found = await db.Shifts.AsNoTracking()
            .Where(s => s.Id == shiftId)
            .Join(db.Opportunities, s => s.OpportunityId, o => o.Id, (s, o) => new { Shift = s, Opportunity = o })
            .Join(db.Organizations, x => x.Opportunity.OrganizationId, o => o.Id, (x, o) => new { x.Shift, x.Opportunity, Organization = o })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new ShiftInfo(found.Shift, found.Opportunity, found.Organization);
    }
}

/// <summary>What a scan recorded: the volunteer's attendance (new, or the earlier one when repeated).</summary>
public sealed record Scan(Domain.Attendance Attendance, bool Repeated = false, int? Minutes = null);

/// <summary>
/// A volunteer checks in and out by the shift's rotating code (M7). One attendance per volunteer and shift, kept by
/// the unique index: a second scan, even at the same instant from a second tab, records nothing new.
/// </summary>
public sealed class ShiftCheckin(BirgeDb db, TimeProvider clock)
{
    public Task<ShiftInfo?> FindAsync(Guid shiftId, CancellationToken cancellationToken) => ShiftInfo.FindAsync(db, shiftId, cancellationToken);

    public async Task<Domain.Attendance?> AttendanceAsync(Guid shiftId, Guid volunteerId, CancellationToken cancellationToken) =>
        await db.Attendances.AsNoTracking().FirstOrDefaultAsync(a => a.ShiftId == shiftId && a.VolunteerId == volunteerId, cancellationToken);

    public async Task<Outcome<Scan>> CheckInAsync(ShiftInfo shift, Guid volunteerId, string? code, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await RefusalAsync(shift, volunteerId, code, now, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (await AttendanceAsync(shift.Shift.Id, volunteerId, cancellationToken) is { } earlier)
        {
            return new Scan(earlier, Repeated: true);
        }

        var attendance = new Domain.Attendance { ShiftId = shift.Shift.Id, VolunteerId = volunteerId, CheckedInAt = now };
        db.Attendances.Add(attendance);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same code scanned twice at once: the unique index kept the first, which is the answer to both.
            db.ChangeTracker.Clear();
            return await AttendanceAsync(shift.Shift.Id, volunteerId, cancellationToken) is { } first
                ? new Scan(first, Repeated: true)
                : throw new InvalidOperationException("The attendance was neither stored nor found.");
        }

        return new Scan(attendance);
    }

    /// <summary>Checks out with a fresh code; a second check-out changes nothing and answers as the first.</summary>
    public async Task<Outcome<Scan>> CheckOutAsync(ShiftInfo shift, Guid volunteerId, string? code, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await RefusalAsync(shift, volunteerId, code, now, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var id = shift.Shift.Id;
        var changed = await db.Attendances
            .Where(a => a.ShiftId == id && a.VolunteerId == volunteerId && a.CheckedOutAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CheckedOutAt, now), cancellationToken);
        var attendance = await AttendanceAsync(id, volunteerId, cancellationToken);
        return attendance is null
            ? Outcome.Refused(AttendanceErrors.NotCheckedIn, "code")
            : new Scan(attendance, Repeated: changed == 0, Minutes: attendance.MinutesWithin(shift.Shift));
    }

    /// <summary>A bad code is the volunteer's input; the rest are about the shift or the person. Forms show each at the code.</summary>
    private async Task<Refusal?> RefusalAsync(ShiftInfo shift, Guid volunteerId, string? code, DateTime now, CancellationToken cancellationToken)
    {
        if (CheckinCode.Check(shift.Shift, code, now) is { } error)
        {
            return error == AttendanceErrors.CheckinCodeInvalid ? Outcome.Invalid("code", error) : Outcome.Refused(error, "code");
        }

        if (shift.Opportunity.Status == OpportunityStatus.Cancelled)
        {
            return Outcome.Refused(OpportunityErrors.OpportunityCancelled, "code");
        }

        var id = shift.Shift.Id;
        var accepted = await db.Applications.AnyAsync(
            a => a.ShiftId == id && a.VolunteerId == volunteerId && a.Status == ApplicationStatus.Accepted, cancellationToken);
        return accepted ? null : Outcome.Refused(AttendanceErrors.NotOnShift, "code");
    }
}
