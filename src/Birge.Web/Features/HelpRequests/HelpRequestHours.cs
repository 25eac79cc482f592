using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// Help confirmed by the person helped becomes confirmed hours in the helper's volunteer book, once per request: the
/// unique index on <see cref="HoursEntry.HelpRequestId"/> decides when two confirmations race.
/// </summary>
public sealed class HelpRequestHours(BirgeDb db, TimeProvider clock)
{
    /// <summary>What a request counts for when neither the volunteer nor the operator gave the time it took.</summary>
    public const int DefaultMinutes = 60;

    /// <summary>The direction help requests count under in the book's totals: "Social help" of the Directions seed.</summary>
    public const string DirectionCode = "social";

    /// <summary>
    /// Adds (to the caller's <c>SaveChanges</c>) the confirmed entry for a request just closed as
    /// <see cref="HelpRequestStatus.Closed"/>: the helper's time, on the Kazakhstan day it was done, ending when it was
    /// done. <paramref name="confirmedBy"/> is the operator, or null when the person confirmed through their tracking
    /// link; <paramref name="minutes"/> is what the operator heard on the call-back, else the volunteer's, else an hour.
    /// Returns null (and adds nothing) for a request not closed, without a helper, or credited already.
    /// </summary>
    public async Task<HoursEntry?> CreditAsync(HelpRequest closed, Guid? confirmedBy, int? minutes, CancellationToken cancellationToken)
    {
        if (closed.Status != HelpRequestStatus.Closed || closed.HelperId is not { } helper || closed.DoneAt is not { } doneAt
            || await db.HoursEntries.AnyAsync(h => h.HelpRequestId == closed.Id, cancellationToken))
        {
            return null;
        }

        var counted = minutes ?? closed.DoneMinutes ?? DefaultMinutes;
        var entry = new HoursEntry
        {
            VolunteerId = helper,
            HelpRequestId = closed.Id,
            DirectionCode = DirectionCode,
            Date = DateOnly.FromDateTime(KazakhstanTime.FromUtc(doneAt)),
            StartsAt = doneAt.AddMinutes(-counted),
            EndsAt = doneAt,
            Minutes = counted,
            Status = HoursStatus.Confirmed,
            ConfirmedBy = confirmedBy,
            ConfirmedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.HoursEntries.Add(entry);
        return entry;
    }
}
