using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Attendance;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.CallOuts;

/// <summary>
/// The roster on site: a selected volunteer checks in with the rotating code of the staff's screen (M7's, under the
/// call-out's own secret, from 30 minutes before the start to the end), then checks out; staff confirm the hours
/// (suggested from check-in to check-out) as an <see cref="HoursEntry"/> of the call-out, once per person (the unique
/// index on call-out and volunteer decides).
/// </summary>
public sealed class CallOutRoster(BirgeDb db, TimeProvider clock, AuditLog audit)
{
    public const string DirectionCode = "emergency";

    public static DateTime OpensAt(CallOut callOut) => callOut.StartsAt - CheckinCode.OpensBefore;

    public async Task<Outcome> CheckInAsync(Guid callOutId, Guid accountId, string? code, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var callOut = await db.CallOuts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callOutId, cancellationToken);
        if (callOut is null || !await db.CallOutRecipients.AnyAsync(r => r.CallOutId == callOutId && r.AccountId == accountId, cancellationToken))
        {
            return Outcome.Refused(CallOutErrors.NotRecipient);
        }

        if (callOut.Status == CallOutStatus.Cancelled || !await SelectedAsync(callOutId, accountId, cancellationToken))
        {
            return Outcome.Refused(CallOutErrors.NotSelected);
        }

        if (CheckinCode.Check(callOut.Id, callOut.CheckinSecret, OpensAt(callOut), callOut.EndsAt, code, now) is { } refused)
        {
            return Outcome.Invalid("code", refused == AttendanceErrors.CheckinNotOpen ? refused : CallOutErrors.CheckinCodeWrong);
        }

        // Checked in once: a second scan keeps the first time.
        await db.CallOutRecipients.Where(r => r.CallOutId == callOutId && r.AccountId == accountId && r.CheckedInAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CheckedInAt, now), cancellationToken);
        return Outcome.Done;
    }

    public async Task<Outcome> CheckOutAsync(Guid callOutId, Guid accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var done = await db.CallOutRecipients
            .Where(r => r.CallOutId == callOutId && r.AccountId == accountId && r.Reply == CallOutReply.Selected && r.CheckedInAt != null && r.CheckedOutAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CheckedOutAt, now), cancellationToken);
        return done == 1 ? Outcome.Done : Outcome.Refused(CallOutErrors.NotCheckedIn);
    }

    /// <summary>The minutes suggested for a roster member: check-in to check-out (or now), else the call-out's length.</summary>
    public static int SuggestedMinutes(CallOut callOut, DateTime? checkedInAt, DateTime? checkedOutAt, DateTime now)
    {
        var from = checkedInAt ?? callOut.StartsAt;
        var to = checkedOutAt ?? (checkedInAt is null || now < from ? callOut.EndsAt : now);
        return Math.Clamp((int)Math.Round((to - from).TotalMinutes), 1, HoursEntry.MinutesPerDay);
    }

    /// <summary>Staff confirm a roster member's hours: an entry of the call-out, direction "emergency", confirmed by them.</summary>
    public async Task<Outcome> ConfirmHoursAsync(Guid callOutId, Guid accountId, int? minutes, Guid staffId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var callOut = await db.CallOuts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callOutId, cancellationToken);
        var recipient = await db.CallOutRecipients.FirstOrDefaultAsync(r => r.CallOutId == callOutId && r.AccountId == accountId, cancellationToken);
        if (callOut is null || recipient is null)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        if (recipient.Reply != CallOutReply.Selected)
        {
            return Outcome.Refused(CallOutErrors.NotSelected);
        }

        if (minutes is not (>= 1 and <= HoursEntry.MinutesPerDay))
        {
            return Outcome.Invalid("minutes", CallOutErrors.MinutesInvalid);
        }

        if (recipient.HoursEntryId is not null)
        {
            return Outcome.Refused(CallOutErrors.HoursAlready);
        }

        var startsAt = recipient.CheckedInAt ?? callOut.StartsAt;
        var entry = new HoursEntry
        {
            CallOutId = callOutId,
            VolunteerId = accountId,
            DirectionCode = DirectionCode,
            Date = DateOnly.FromDateTime(KazakhstanTime.FromUtc(startsAt)),
            StartsAt = startsAt,
            EndsAt = startsAt.AddMinutes(minutes.Value),
            Minutes = minutes.Value,
            ConfirmedBy = staffId,
            ConfirmedAt = now,
        };
        db.HoursEntries.Add(entry);
        recipient.HoursEntryId = entry.Id;
        audit.Record("call_out.hours", "call_out", callOutId.ToString(), callOut.RegionKato, accountId.ToString());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone confirmed them in between: the unique index on (call-out, volunteer) kept one.
            return Outcome.Refused(CallOutErrors.HoursAlready);
        }

        return Outcome.Done;
    }

    private Task<bool> SelectedAsync(Guid callOutId, Guid accountId, CancellationToken cancellationToken) =>
        db.CallOutRecipients.AnyAsync(r => r.CallOutId == callOutId && r.AccountId == accountId && r.Reply == CallOutReply.Selected, cancellationToken);
}
