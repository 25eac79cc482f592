using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Book;
using Birge.Web.Features.Opportunities;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Attendance;

/// <summary>One accepted (or attending) volunteer of a shift as the coordinator's hours page shows them.</summary>
public sealed record VolunteerHours(Guid VolunteerId, string? FullName, Domain.Attendance? Attendance, HoursEntry? Entry, int? AttendedMinutes, int SuggestedMinutes)
{
    public bool Attended => Attendance is not null;

    public bool Confirmed => Entry is { Status: HoursStatus.Confirmed };
}

/// <summary>Minutes to confirm for one volunteer; null takes the attended time.</summary>
public sealed record HoursToConfirm(Guid VolunteerId, int? Minutes);

/// <summary>
/// The coordinator turns attendance into confirmed hours (M7), marks attendance by hand, and revokes hours; the
/// volunteer disputes them. Only confirmed hours count. An entry never exceeds its shift, never overlaps another
/// entry of the same volunteer, and a day never holds more than 24 hours; a refusal changes nothing.
/// </summary>
public sealed class ShiftHours(BirgeDb db, Outbox outbox, AuditLog audit, VolunteerBook book, TimeProvider clock)
{
    public async Task<List<VolunteerHours>> VolunteersAsync(ShiftInfo info, CancellationToken cancellationToken)
    {
        var shift = info.Shift;
        var accepted = await db.Applications.AsNoTracking()
            .Where(a => a.ShiftId == shift.Id && a.Status == ApplicationStatus.Accepted)
            .Select(a => a.VolunteerId)
            .ToListAsync(cancellationToken);
        var attendances = await db.Attendances.AsNoTracking().Where(a => a.ShiftId == shift.Id).ToListAsync(cancellationToken);
        var entries = await db.HoursEntries.AsNoTracking().Where(h => h.ShiftId == shift.Id).ToListAsync(cancellationToken);

        // Someone who attended or has hours stays on the list even if their application was cancelled afterwards.
        var ids = accepted.Concat(attendances.Select(a => a.VolunteerId)).Concat(entries.Select(e => e.VolunteerId)).Distinct().ToList();
        var names = await db.Accounts.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.FullName })
            .ToDictionaryAsync(a => a.Id, a => a.FullName, cancellationToken);
        return [.. ids
            .Select(id =>
            {
                var attendance = attendances.FirstOrDefault(a => a.VolunteerId == id);
                return new VolunteerHours(
                    id,
                    names.GetValueOrDefault(id),
                    attendance,
                    entries.FirstOrDefault(e => e.VolunteerId == id),
                    attendance?.MinutesWithin(shift),
                    attendance is null ? 0 : SuggestedMinutes(attendance, shift));
            })
            .OrderBy(v => v.FullName ?? "", StringComparer.CurrentCulture)];
    }

    /// <summary>
    /// Confirms hours for each volunteer in one transaction: all or nothing. An entry already confirmed stays as it is
    /// (confirming twice is harmless). A refusal names each volunteer refused by their id as the field.
    /// </summary>
    public async Task<Outcome<List<HoursEntry>>> ConfirmAsync(
        ShiftInfo info, IReadOnlyList<HoursToConfirm> wanted, Guid coordinatorId, CancellationToken cancellationToken)
    {
        var shift = info.Shift;
        var now = clock.GetUtcNow().UtcDateTime;
        var volunteerIds = wanted.Select(w => w.VolunteerId).Distinct().Order().ToList();
        if (volunteerIds.Count == 0)
        {
            return new List<HoursEntry>();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Hours of one volunteer are confirmed one organisation at a time: touching the account row locks it until
        // commit, so two coordinators cannot both pass the overlap and daily checks for the same person.
        await db.Accounts.Where(a => volunteerIds.Contains(a.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ConcurrencyStamp, a => a.ConcurrencyStamp), cancellationToken);

        var attendances = await db.Attendances.AsNoTracking()
            .Where(a => a.ShiftId == shift.Id && volunteerIds.Contains(a.VolunteerId))
            .ToDictionaryAsync(a => a.VolunteerId, cancellationToken);
        var existing = await db.HoursEntries
            .Where(h => h.ShiftId == shift.Id && volunteerIds.Contains(h.VolunteerId))
            .ToDictionaryAsync(h => h.VolunteerId, cancellationToken);
        // Only entries near this shift can overlap it or share a day with it; a volunteer's older years stay unread.
        var (near, far) = (shift.StartsAt.AddDays(-1), shift.EndsAt.AddDays(1));
        var theirs = await db.HoursEntries.AsNoTracking()
            .Where(h => volunteerIds.Contains(h.VolunteerId) && h.ShiftId != shift.Id && h.Status == HoursStatus.Confirmed)
            .Where(h => h.EndsAt > near && h.StartsAt < far)
            .ToListAsync(cancellationToken);
        var recipients = await db.Accounts.Where(a => volunteerIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);

        var entries = new List<HoursEntry>();
        var errors = new List<FieldError>();
        foreach (var want in wanted.DistinctBy(w => w.VolunteerId))
        {
            var field = want.VolunteerId.ToString();
            if (existing.TryGetValue(want.VolunteerId, out var earlier))
            {
                if (earlier.Counts)
                {
                    entries.Add(earlier);
                }
                else
                {
                    errors.Add(new FieldError(field, AttendanceErrors.HoursRevoked));
                }

                continue;
            }

            if (!attendances.TryGetValue(want.VolunteerId, out var attendance))
            {
                errors.Add(new FieldError(field, AttendanceErrors.NotAttended));
                continue;
            }

            var minutes = want.Minutes ?? SuggestedMinutes(attendance, shift);
            if (Refusal(shift, attendance, minutes, theirs.Where(h => h.VolunteerId == want.VolunteerId).ToList()) is { } refusal)
            {
                errors.Add(new FieldError(field, refusal));
                continue;
            }

            var startsAt = StartOf(attendance, shift, minutes);
            var entry = new HoursEntry
            {
                ShiftId = shift.Id,
                OpportunityId = info.Opportunity.Id,
                OrganizationId = info.Organization.Id,
                VolunteerId = want.VolunteerId,
                DirectionCode = info.Opportunity.Directions.FirstOrDefault() ?? "",
                Date = DateOnly.FromDateTime(KazakhstanTime.FromUtc(startsAt)),
                StartsAt = startsAt,
                EndsAt = startsAt.AddMinutes(minutes),
                Minutes = minutes,
                ConfirmedBy = coordinatorId,
                ConfirmedAt = now,
            };
            db.HoursEntries.Add(entry);
            entries.Add(entry);
            audit.Record("hours.confirmed", "hours", entry.Id.ToString(), info.Organization.RegionKato, $"minutes={minutes}");
            if (recipients.TryGetValue(want.VolunteerId, out var volunteer) && volunteer.IsActive)
            {
                await outbox.ToAccountAsync(volunteer, new AttendanceMessages.HoursConfirmed(
                    volunteer.FullName ?? "",
                    TimeSpan.FromMinutes(minutes),
                    info.Opportunity.Title,
                    info.Organization.Name,
                    entry.Date,
                    outbox.Link("/book"),
                    outbox.Link($"/hours/{entry.Id}/dispute")), cancellationToken: cancellationToken);
            }
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Outcome.Invalid(errors);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another coordinator confirmed the same volunteer's shift in between: the unique index kept theirs.
            db.ChangeTracker.Clear();
            return Outcome.Invalid([.. volunteerIds.Select(v => new FieldError(v.ToString(), ErrorCodes.StatusChangeInvalid))]);
        }

        return entries;
    }

    /// <summary>The coordinator records (or corrects) attendance by hand for a volunteer accepted on the shift.</summary>
    public async Task<Outcome> MarkAsync(ShiftInfo info, Guid volunteerId, DateTime checkedInAt, DateTime? checkedOutAt, Guid coordinatorId, CancellationToken cancellationToken)
    {
        var shift = info.Shift;
        // The arrival as a scan could have recorded it; time outside the shift is clipped when minutes are counted.
        if (checkedInAt > shift.EndsAt || checkedInAt < CheckinCode.OpensAt(shift) || checkedOutAt <= checkedInAt)
        {
            return Outcome.Invalid("checkedOut", OpportunityErrors.ShiftTimesInvalid);
        }

        var onShift = await db.Applications.AnyAsync(
            a => a.ShiftId == shift.Id && a.VolunteerId == volunteerId && a.Status == ApplicationStatus.Accepted, cancellationToken);
        if (!onShift)
        {
            return Outcome.Refused(AttendanceErrors.NotOnShift, "volunteerId");
        }

        var attendance = await db.Attendances.FirstOrDefaultAsync(a => a.ShiftId == shift.Id && a.VolunteerId == volunteerId, cancellationToken);
        if (attendance is null)
        {
            attendance = new Domain.Attendance { ShiftId = shift.Id, VolunteerId = volunteerId };
            db.Attendances.Add(attendance);
        }

        attendance.CheckedInAt = checkedInAt;
        attendance.CheckedOutAt = checkedOutAt;
        attendance.MarkedBy = coordinatorId;
        audit.Record("attendance.marked", "attendance", attendance.Id.ToString(), info.Organization.RegionKato);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The volunteer scanned in at the same moment; their own record stands.
            db.ChangeTracker.Clear();
            return Outcome.Refused(ErrorCodes.StatusChangeInvalid, "checkedOut");
        }

        return Outcome.Done;
    }

    /// <summary>Revokes confirmed hours and every certificate that counted them.</summary>
    /// <returns>How many certificates were revoked with the hours.</returns>
    public async Task<Outcome<int>> RevokeAsync(ShiftInfo info, Guid hoursEntryId, string? reason, CancellationToken cancellationToken)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var entry = await db.HoursEntries.FirstOrDefaultAsync(h => h.Id == hoursEntryId && h.ShiftId == info.Shift.Id, cancellationToken);
        if (entry is null)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        if (!entry.Counts)
        {
            return Outcome.Refused(AttendanceErrors.HoursRevoked, "reason");
        }

        if (reason is null)
        {
            return Outcome.Invalid("reason", ErrorCodes.ReasonRequired);
        }

        if (reason.Length > HoursEntry.MaxReasonLength)
        {
            return Outcome.Invalid("reason", ErrorCodes.TooLong);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.HoursEntries
            .Where(h => h.Id == entry.Id && h.Status == HoursStatus.Confirmed)
            .ExecuteUpdateAsync(
                s => s.SetProperty(h => h.Status, HoursStatus.Revoked).SetProperty(h => h.RevokedAt, now).SetProperty(h => h.RevokeReason, reason),
                cancellationToken);
        if (changed == 0)
        {
            return Outcome.Refused(AttendanceErrors.HoursRevoked, "reason");
        }

        var certificates = await book.RevokeCountingAsync([entry.Id], cancellationToken);
        audit.Record("hours.revoked", "hours", entry.Id.ToString(), info.Organization.RegionKato, $"certificates={certificates}");
        if (await db.Accounts.FirstOrDefaultAsync(a => a.Id == entry.VolunteerId, cancellationToken) is { IsActive: true } volunteer)
        {
            await outbox.ToAccountAsync(
                volunteer,
                new AttendanceMessages.HoursRevoked(volunteer.FullName ?? "", TimeSpan.FromMinutes(entry.Minutes), info.Opportunity.Title, info.Organization.Name, reason), cancellationToken: cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return certificates;
    }

    /// <summary>The volunteer's own entry with its shift, for the dispute page; null for anyone else's.</summary>
    public async Task<(HoursEntry Entry, ShiftInfo Shift)?> OwnEntryAsync(Guid hoursEntryId, Guid volunteerId, CancellationToken cancellationToken)
    {
        var entry = await db.HoursEntries.AsNoTracking().FirstOrDefaultAsync(h => h.Id == hoursEntryId && h.VolunteerId == volunteerId, cancellationToken);
        return entry?.ShiftId is { } shiftId && await ShiftInfo.FindAsync(db, shiftId, cancellationToken) is { } shift ? (entry, shift) : null;
    }

    /// <summary>The volunteer disputes their hours; the organisation's coordinators are told.</summary>
    public async Task<Outcome> DisputeAsync(HoursEntry entry, ShiftInfo info, string? reason, CancellationToken cancellationToken)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!entry.Counts)
        {
            return Outcome.Refused(AttendanceErrors.HoursRevoked, "reason");
        }

        if (entry.DisputedAt is not null)
        {
            return Outcome.Refused(AttendanceErrors.AlreadyDisputed, "reason");
        }

        if (reason is null)
        {
            return Outcome.Invalid("reason", ErrorCodes.ReasonRequired);
        }

        if (reason.Length > HoursEntry.MaxReasonLength)
        {
            return Outcome.Invalid("reason", ErrorCodes.TooLong);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.HoursEntries
            .Where(h => h.Id == entry.Id && h.DisputedAt == null && h.Status == HoursStatus.Confirmed)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.DisputedAt, now).SetProperty(h => h.DisputeReason, reason), cancellationToken);
        if (changed == 0)
        {
            return Outcome.Refused(AttendanceErrors.AlreadyDisputed, "reason");
        }

        var volunteerName = await db.Accounts.Where(a => a.Id == entry.VolunteerId).Select(a => a.FullName).FirstOrDefaultAsync(cancellationToken);
        var coordinators = await db.OrganizationMembers.AsNoTracking()
            .Where(m => m.OrganizationId == entry.OrganizationId)
            .Join(db.Accounts, m => m.AccountId, a => a.Id, (m, a) => a)
            .Where(a => a.Status == AccountStatus.Active)
            .ToListAsync(cancellationToken);
        foreach (var coordinator in coordinators)
        {
            await outbox.ToAccountAsync(
                coordinator,
                new AttendanceMessages.HoursDisputed(volunteerName ?? "", info.Opportunity.Title, entry.Date, reason, outbox.Link($"/shifts/{entry.ShiftId}/hours")), cancellationToken: cancellationToken);
        }

        audit.Record("hours.disputed", "hours", entry.Id.ToString(), info.Organization.RegionKato);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>Attended time, or, for someone who never checked out, from their arrival to the shift's end.</summary>
    public static int SuggestedMinutes(Domain.Attendance attendance, Shift shift)
    {
        if (attendance.MinutesWithin(shift) is { } attended)
        {
            return attended;
        }

        var arrival = attendance.CheckedInAt > shift.StartsAt ? attendance.CheckedInAt : shift.StartsAt;
        return arrival < shift.EndsAt ? (int)(shift.EndsAt - arrival).TotalMinutes : 0;
    }

    private static string? Refusal(Shift shift, Domain.Attendance attendance, int minutes, List<HoursEntry> others)
    {
        if (minutes <= 0)
        {
            return AttendanceErrors.MinutesInvalid;
        }

        if (minutes > shift.LengthMinutes)
        {
            return AttendanceErrors.HoursExceedShift;
        }

        if (minutes > HoursEntry.MinutesPerDay)
        {
            return AttendanceErrors.HoursOverDayLimit;
        }

        var startsAt = StartOf(attendance, shift, minutes);
        var endsAt = startsAt.AddMinutes(minutes);
        if (others.Any(h => h.StartsAt < endsAt && h.EndsAt > startsAt))
        {
            return AttendanceErrors.HoursOverlap;
        }

        var date = DateOnly.FromDateTime(KazakhstanTime.FromUtc(startsAt));
        return others.Where(h => h.Date == date).Sum(h => h.Minutes) + minutes > HoursEntry.MinutesPerDay
            ? AttendanceErrors.HoursOverDayLimit
            : null;
    }

    /// <summary>The counted interval starts at the arrival (not before the shift) and ends by the shift's end.</summary>
    private static DateTime StartOf(Domain.Attendance attendance, Shift shift, int minutes)
    {
        var arrival = attendance.CheckedInAt > shift.StartsAt ? attendance.CheckedInAt : shift.StartsAt;
        var latest = shift.EndsAt.AddMinutes(-minutes);
        return arrival < latest ? arrival : latest;
    }
}
