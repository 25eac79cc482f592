using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// What an operator does to one request from the call centre: a new urgency, the clock paused while waiting for the
/// citizen and restarted, the request linked to the one it repeats, or cancelled on the caller's behalf. Each loads the
/// request, lets the domain decide, and stores the change with its timeline event and audit entry. Who may act (the
/// request's region) is the page's policy.
/// </summary>
public sealed class HelpRequestTriage(BirgeDb db, AuditLog audit, TimeProvider clock, SlaTargets sla)
{
    public Task<Outcome<HelpRequest>> TriageAsync(Guid helpRequestId, string? urgency, Guid actorId, CancellationToken cancellationToken) =>
        ChangeAsync(helpRequestId, actorId, "help_request.triaged", (request, now) =>
        {
            if (HelpRequestIntake.ParseUrgency(urgency) is not { } chosen)
            {
                return Outcome.Invalid("urgency", HelpRequestErrors.UrgencyInvalid);
            }

            if (request.IsClosed)
            {
                return Outcome.Refused(HelpRequestErrors.NotActive);
            }

            request.Triage(chosen, now, sla);
            return Event(HelpRequestEvent.Triaged, chosen.ApiName());
        }, cancellationToken);

    /// <summary>No answer, not at home: the SLA clock stops until <see cref="ResumeAsync"/>.</summary>
    public Task<Outcome<HelpRequest>> WaitAsync(Guid helpRequestId, Guid actorId, CancellationToken cancellationToken) =>
        ChangeAsync(helpRequestId, actorId, "help_request.waiting", (request, now) =>
        {
            if (request.NextDueAt is null)
            {
                return Outcome.Refused(HelpRequestErrors.NotActive);
            }

            if (request.WaitingSince is not null)
            {
                return null;
            }

            request.WaitForCitizen(now);
            return Event(HelpRequestEvent.Waiting);
        }, cancellationToken);

    /// <summary>The clock runs again; the due times move on by the time waited.</summary>
    public Task<Outcome<HelpRequest>> ResumeAsync(Guid helpRequestId, Guid actorId, CancellationToken cancellationToken) =>
        ChangeAsync(helpRequestId, actorId, "help_request.resumed", (request, now) =>
        {
            if (request.WaitingSince is null)
            {
                return null;
            }

            request.StopWaiting(now);
            return Event(HelpRequestEvent.Resumed);
        }, cancellationToken);

    /// <summary>Links the request to the one it repeats (of the same region); it leaves the queue as a duplicate.</summary>
    public async Task<Outcome<HelpRequest>> MarkDuplicateAsync(Guid helpRequestId, Guid? originalId, Guid actorId, CancellationToken cancellationToken)
    {
        var original = originalId is { } id
            ? await db.HelpRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            : null;
        return await ChangeAsync(helpRequestId, actorId, "help_request.marked_duplicate", (request, now) =>
        {
            if (original is null || original.RegionKato != request.RegionKato || original.Status == HelpRequestStatus.Unconfirmed)
            {
                return Outcome.Invalid("duplicateOf", HelpRequestErrors.DuplicateInvalid);
            }

            if (request.MarkDuplicateOf(original, actorId, now) is { } error)
            {
                return error == HelpRequestErrors.DuplicateInvalid ? Outcome.Invalid("duplicateOf", error) : Outcome.Refused(error);
            }

            return Event(HelpRequestEvent.MarkedDuplicate, original.TrackingCode);
        }, cancellationToken);
    }

    /// <summary>The caller no longer needs help and says so on the phone.</summary>
    public Task<Outcome<HelpRequest>> CancelAsync(Guid helpRequestId, Guid actorId, CancellationToken cancellationToken) =>
        ChangeAsync(helpRequestId, actorId, "help_request.cancelled", (request, now) =>
        {
            if (request.Status == HelpRequestStatus.Unconfirmed)
            {
                return Outcome.Refused(HelpRequestErrors.NotActive);
            }

            if (request.Cancel(now) is { } error)
            {
                return Outcome.Refused(error);
            }

            return Event(HelpRequestEvent.Cancelled);
        }, cancellationToken);

    private static Change Event(string kind, string? note = null) => new(kind, note);

    /// <summary>
    /// Applies <paramref name="change"/> (a refusal, the event to write, or null when there is nothing to do) and stores
    /// it. A claim taken or ended in between (ClaimedAt is a concurrency token) is read again and decided once more.
    /// </summary>
    private async Task<Outcome<HelpRequest>> ChangeAsync(
        Guid helpRequestId, Guid actorId, string action, Func<HelpRequest, DateTime, object?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var request = await db.HelpRequests.FirstOrDefaultAsync(r => r.Id == helpRequestId, cancellationToken);
            if (request is null)
            {
                return Outcome.Refused(ErrorCodes.NotFound);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            switch (change(request, now))
            {
                case Refusal refusal:
                    db.ChangeTracker.Clear();
                    return refusal;
                case Change { Kind: var kind, Note: var note }:
                    db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = now, Kind = kind, ActorId = actorId, Note = note });
                    audit.Record(action, "help_request", request.Id.ToString(), request.RegionKato, note);
                    break;
                default:
                    return request;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return request;
            }
            catch (DbUpdateConcurrencyException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private sealed record Change(string Kind, string? Note);
}
