using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// The operator's call-back to the person helped, after the volunteer said it was done: confirmed closes the request
/// and turns the helper's time into confirmed hours; not done puts it back in the queue (the volunteer is told, the
/// note is on the timeline); no answer tries again after <c>HelpRequests:CallbackRetry</c> (2 hours unless set) and,
/// after the third, closes it as unresponsive.
/// </summary>
public sealed class HelpRequestCallbacks(BirgeDb db, TimeProvider clock, HelpRequestHours hours, Outbox outbox, AuditLog audit, IConfiguration configuration)
{
    public const string AuditAction = "help_request.callback";

    public static readonly TimeSpan DefaultRetry = TimeSpan.FromHours(2);

    private readonly TimeSpan retry = configuration.GetValue("HelpRequests:CallbackRetry", DefaultRetry);

    /// <summary>The API's and the form's names of the outcomes.</summary>
    public static readonly IReadOnlyDictionary<string, CallbackOutcome> Outcomes = new Dictionary<string, CallbackOutcome>(StringComparer.Ordinal)
    {
        ["confirmed"] = CallbackOutcome.Confirmed,
        ["not_done"] = CallbackOutcome.NotDone,
        ["no_answer"] = CallbackOutcome.NoAnswer,
    };

    /// <summary>Records the call-back's outcome (<c>confirmed</c>, <c>not_done</c> or <c>no_answer</c>) by the operator.</summary>
    public async Task<Outcome<HelpRequest>> CallBackAsync(
        Guid helpRequestId, string? outcome, string? note, int? minutes, Guid operatorId, CancellationToken cancellationToken)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var errors = new List<FieldError>();
        if (outcome is null || !Outcomes.TryGetValue(outcome.Trim(), out var chosen))
        {
            errors.Add(new FieldError("outcome", HelpRequestErrors.OutcomeInvalid));
            chosen = default;
        }

        if (note?.Length > HelpRequest.MaxNoteLength)
        {
            errors.Add(new FieldError("note", ErrorCodes.TooLong));
        }

        if (minutes is < 1 or > HelpRequest.MaxMinutes)
        {
            errors.Add(new FieldError("minutes", HelpRequestErrors.MinutesInvalid));
        }

        var request = await db.HelpRequests.FirstOrDefaultAsync(r => r.Id == helpRequestId, cancellationToken);
        if (request is null || request.Status == HelpRequestStatus.Unconfirmed)
        {
            return Outcome.Refused(ErrorCodes.NotFound);
        }

        if (request.Status != HelpRequestStatus.DoneUnconfirmed)
        {
            return Outcome.Refused(HelpRequestErrors.NotDone);
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var helper = request.HelperId;
        var attempts = request.CallbackAttempts;
        if (request.CallBack(chosen, operatorId, now, retry) is { } refused)
        {
            return Outcome.Refused(refused);
        }

        // One call-back outcome at a time: the row is taken only while it is still done and unconfirmed with the
        // attempts this outcome was decided on, so parallel confirmations close it (and write its timeline) once and two
        // "no answer" at once count as one attempt each, one after the other, or the second is refused.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var held = await db.HelpRequests
            .Where(r => r.Id == request.Id && r.Status == HelpRequestStatus.DoneUnconfirmed && r.CallbackAttempts == attempts)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedAt, now), cancellationToken);
        if (held != 1)
        {
            return Outcome.Refused(HelpRequestErrors.NotDone);
        }

        switch (request.Status)
        {
            case HelpRequestStatus.Closed:
                Event(HelpRequestEvent.Closed, note);
                await hours.CreditAsync(request, operatorId, minutes, cancellationToken);
                break;
            case HelpRequestStatus.Open:
                Event(HelpRequestEvent.CallbackNotDone, note);
                if (helper is { } helperId && await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == helperId, cancellationToken) is { } volunteer)
                {
                    await outbox.ToAccountAsync(volunteer, new HelpRequestMessages.CallbackNotDone(TrackingCode.Format(request.TrackingCode), note ?? "—", outbox.Link("/help-requests")), cancellationToken: cancellationToken);
                }

                break;
            case HelpRequestStatus.ClosedUnresponsive:
                Event(HelpRequestEvent.CallbackNoAnswer, note);
                Event(HelpRequestEvent.ClosedUnresponsive, null);
                break;
            default:
                Event(HelpRequestEvent.CallbackNoAnswer, note);
                break;
        }

        audit.Record(AuditAction, "help_request", request.Id.ToString(), request.RegionKato, chosen.ToString());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone confirmed it in between (the hours' unique index, or the claim's concurrency token): it is done.
            return Outcome.Refused(HelpRequestErrors.NotDone);
        }

        return request;

        void Event(string kind, string? text) =>
            db.HelpRequestEvents.Add(new HelpRequestEvent { HelpRequestId = request.Id, At = now, Kind = kind, ActorId = operatorId, Note = text });
    }

    /// <summary>
    /// The regions whose call-backs a person makes: null for the national office and the admin (every region), else the
    /// regions of the offices where they are staff or an operator.
    /// </summary>
    public static async Task<IReadOnlySet<string>?> RegionsAsync(BirgeDb db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.IsInRole(AccountRole.Admin))
        {
            return null;
        }

        var id = Scopes.AccountId(user);
        var offices = await db.FrontOfficeStaff.AsNoTracking().Where(s => s.AccountId == id).Select(s => s.FrontOfficeKato).ToListAsync(cancellationToken);
        return offices.Contains(FrontOffice.NationalKato) ? null : offices.ToHashSet();
    }
}
