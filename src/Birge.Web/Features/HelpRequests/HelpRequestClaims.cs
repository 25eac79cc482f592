using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// A volunteer takes a request, gives it back, or says it is done. Of any number of parallel claims exactly one wins:
/// the claim is a conditional update in the database, and a volunteer's own claims are counted while their account row
/// is held, so the cap stays exact too.
/// </summary>
public sealed class HelpRequestClaims(BirgeDb db, TimeProvider clock, SlaTargets sla)
{
    public const int MaxActiveClaims = 3;

    /// <summary>A volunteer who finished fewer than half of their last claims holds one at a time.</summary>
    public const int MaxActiveClaimsWhenRarelyFinishing = 1;

    private const int RecentClaims = 6;

    public async Task<Outcome<HelpRequest>> ClaimAsync(Guid helpRequestId, Guid volunteerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var request = await db.HelpRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == helpRequestId, cancellationToken);
        var volunteer = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == volunteerId, cancellationToken);
        if (request is null || request.Status == HelpRequestStatus.Unconfirmed || volunteer is null)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        if (request.ClaimedBy == volunteerId)
        {
            return request;
        }

        if (!request.IsQueued)
        {
            return Outcome.Refused(request.Status == HelpRequestStatus.Claimed ? HelpRequestErrors.AlreadyClaimed : HelpRequestErrors.NotActive);
        }

        if (volunteer.Phone is not null && volunteer.Phone == request.Phone)
        {
            return Outcome.Refused(HelpRequestErrors.OwnRequest);
        }

        if (HelpCategories.AdultsOnly.Contains(request.Category) && !(volunteer.Age(DateOnly.FromDateTime(now)) >= 18))
        {
            return Outcome.Refused(ApplicationErrors.AgeRestricted);
        }

        var hold = sla.For(request.Urgency).Hold;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Holds the volunteer's row until the end (an UPDATE that changes nothing still locks it on PostgreSQL; SQLite
        // has one writer anyway), so two parallel claims of one volunteer are counted one after the other.
        await db.Accounts.Where(a => a.Id == volunteerId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, a => a.Status), cancellationToken);
        var active = await db.HelpRequests.CountAsync(r => r.ClaimedBy == volunteerId && r.Status == HelpRequestStatus.Claimed, cancellationToken);
        if (active >= await CapAsync(volunteerId, cancellationToken))
        {
            return Outcome.Refused(HelpRequestErrors.ClaimLimit);
        }

        var expires = now + hold;
        var claimed = await db.HelpRequests
            .Where(r => r.Id == helpRequestId && r.ClaimedBy == null && (r.Status == HelpRequestStatus.New || r.Status == HelpRequestStatus.Open))
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, HelpRequestStatus.Claimed)
                    .SetProperty(r => r.ClaimedBy, volunteerId)
                    .SetProperty(r => r.ClaimedAt, now)
                    .SetProperty(r => r.ClaimExpiresAt, expires)
                    .SetProperty(r => r.UpdatedAt, now),
                cancellationToken);
        if (claimed != 1)
        {
            return Outcome.Refused(HelpRequestErrors.AlreadyClaimed);
        }

        db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = helpRequestId, At = now, Kind = HelpRequestEvent.Claimed, ActorId = volunteerId });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        request.Claimed(volunteerId, now, hold);
        return request;
    }

    /// <summary>The claimant gives the request back to the queue.</summary>
    public Task<Outcome<HelpRequest>> ReleaseAsync(Guid helpRequestId, Guid volunteerId, CancellationToken cancellationToken) =>
        ChangeAsync(helpRequestId, volunteerId, HelpRequestEvent.Released, (request, now) => (request.Release(volunteerId, now), null), cancellationToken);

    /// <summary>The claimant says it is done; the operator's call-back to the person helped closes it.</summary>
    public Task<Outcome<HelpRequest>> CompleteAsync(Guid helpRequestId, Guid volunteerId, string? note, int? minutes, CancellationToken cancellationToken) =>
        ChangeAsync(helpRequestId, volunteerId, HelpRequestEvent.Done, (request, now) => (request.Complete(volunteerId, note, minutes, now), note), cancellationToken);

    private async Task<Outcome<HelpRequest>> ChangeAsync(
        Guid helpRequestId, Guid volunteerId, string kind, Func<HelpRequest, DateTime, (string? Error, string? Note)> change, CancellationToken cancellationToken)
    {
        var request = await db.HelpRequests.FirstOrDefaultAsync(r => r.Id == helpRequestId, cancellationToken);
        if (request is null || request.Status == HelpRequestStatus.Unconfirmed)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (error, note) = change(request, now);
        if (error is not null)
        {
            return error == ErrorCodes.TooLong || error == HelpRequestErrors.MinutesInvalid
                ? Outcome.Invalid(error == ErrorCodes.TooLong ? "note" : "minutes", error)
                : Outcome.Refused(error);
        }

        db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = now, Kind = kind, ActorId = volunteerId, Note = note?.Trim() });

        // ClaimedAt is a concurrency token: a claim that expired and was taken by someone else in between is not
        // theirs to release or complete.
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Refused(HelpRequestErrors.NotClaimant);
        }

        return request;
    }

    /// <summary>Three claims at a time; one for a volunteer who finished fewer than half of their recent claims.</summary>
    public async Task<int> CapAsync(Guid volunteerId, CancellationToken cancellationToken) =>
        (await CapsAsync([volunteerId], cancellationToken))[volunteerId];

    /// <summary><see cref="CapAsync"/> of several volunteers in one query (the suggestions ask it of everyone holding a claim).</summary>
    public async Task<Dictionary<Guid, int>> CapsAsync(IReadOnlyCollection<Guid> volunteerIds, CancellationToken cancellationToken)
    {
        var ids = volunteerIds.Select(id => (Guid?)id).ToList();
        var events = await db.HelpRequestEvents
            .Where(e => ids.Contains(e.ActorId) && (e.Kind == HelpRequestEvent.Claimed || e.Kind == HelpRequestEvent.Done))
            .Select(e => new { e.ActorId, e.Kind, e.At })
            .ToListAsync(cancellationToken);
        var byVolunteer = events.ToLookup(e => e.ActorId!.Value);
        return volunteerIds.Distinct().ToDictionary(id => id, id =>
        {
            var recent = byVolunteer[id].OrderByDescending(e => e.At).Take(RecentClaims * 2).Select(e => e.Kind).ToList();
            var claims = recent.Count(k => k == HelpRequestEvent.Claimed);
            var done = recent.Count(k => k == HelpRequestEvent.Done);
            return claims >= RecentClaims / 2 && done * 2 < claims ? MaxActiveClaimsWhenRarelyFinishing : MaxActiveClaims;
        });
    }
}
