using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.HelpRequests.CallCentre;

/// <summary>
/// One request in full for the staff and operators of its region (the policy refuses, and audits, everyone else): the
/// caller's name, phone and address, the clock, the claim, the helper's note and the timeline. Every open is a read of
/// personal data and is audited. The operator triages, pauses and restarts the clock, links a duplicate or cancels.
/// </summary>
[Authorize(Policy = Policies.RegionStaffOrOperator)]
public sealed class RequestModel(BirgeDb db, HelpRequestTriage triage, HelpRequestLookup lookup, TimeProvider clock, AuditLog audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string ReadAction = "help_request.read";

    [BindProperty]
    public string? Urgency { get; set; }

    [BindProperty]
    public Guid? DuplicateOf { get; set; }

    public HelpRequest Case { get; private set; } = null!;

    public List<TimelineEntry> Timeline { get; private set; } = [];

    public List<CallerRequest> Duplicates { get; private set; } = [];

    public Dictionary<Guid, string> Names { get; private set; } = [];

    public string RegionName { get; private set; } = "";

    /// <summary>The tracking code of the request this one repeats, when it was linked as a duplicate.</summary>
    public string? OriginalTrackingCode { get; private set; }

    public DateTime Now { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid helpRequestId, CancellationToken cancellationToken) => ShowAsync(helpRequestId, cancellationToken);

    public Task<IActionResult> OnPostTriageAsync(Guid helpRequestId, CancellationToken cancellationToken) =>
        DoneAsync(helpRequestId, triage.TriageAsync(helpRequestId, Urgency, Actor, cancellationToken), "CallCentre_Done_triaged", cancellationToken);

    public Task<IActionResult> OnPostWaitAsync(Guid helpRequestId, CancellationToken cancellationToken) =>
        DoneAsync(helpRequestId, triage.WaitAsync(helpRequestId, Actor, cancellationToken), "CallCentre_Done_waiting", cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(Guid helpRequestId, CancellationToken cancellationToken) =>
        DoneAsync(helpRequestId, triage.ResumeAsync(helpRequestId, Actor, cancellationToken), "CallCentre_Done_resumed", cancellationToken);

    public Task<IActionResult> OnPostDuplicateAsync(Guid helpRequestId, CancellationToken cancellationToken) =>
        DoneAsync(helpRequestId, triage.MarkDuplicateAsync(helpRequestId, DuplicateOf, Actor, cancellationToken), "CallCentre_Done_duplicate", cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(Guid helpRequestId, CancellationToken cancellationToken) =>
        DoneAsync(helpRequestId, triage.CancelAsync(helpRequestId, Actor, cancellationToken), "CallCentre_Done_cancelled", cancellationToken);

    private Guid Actor => Scopes.AccountId(User)!.Value;

    private async Task<IActionResult> DoneAsync(Guid helpRequestId, Task<Outcome<HelpRequest>> action, string done, CancellationToken cancellationToken)
    {
        var outcome = await action;
        if (outcome.Error == ErrorCodes.NotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            ModelState.AddRefusal(outcome, localizer, prefix: "");
            return await ShowAsync(helpRequestId, cancellationToken);
        }

        TempData["Status"] = done;
        return RedirectToPage(new { helpRequestId });
    }

    private async Task<IActionResult> ShowAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        if (await db.HelpRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == helpRequestId, cancellationToken) is not { } request)
        {
            return NotFound();
        }

        Case = request;
        Now = clock.GetUtcNow().UtcDateTime;
        RegionName = (await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Kato == request.RegionKato, cancellationToken))?.Name.Resolve() ?? request.RegionKato;
        var events = await db.HelpRequestEvents.AsNoTracking()
            .Where(e => e.HelpRequestId == helpRequestId)
            .OrderBy(e => e.At)
            .ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        Timeline = [.. events.Select(e => new TimelineEntry(e.At, e.Kind, e.ActorId, e.Note))];

        Guid?[] people = [request.ClaimedBy, request.HelperId, request.OperatorId, request.ClosedBy, .. events.Select(e => e.ActorId)];
        var ids = people.OfType<Guid>().Distinct().ToList();
        Names = await db.Accounts.AsNoTracking()
            .Where(a => ids.Contains(a.Id) && a.FullName != null)
            .ToDictionaryAsync(a => a.Id, a => a.FullName!, cancellationToken);

        if (request.DuplicateOfId is { } originalId)
        {
            OriginalTrackingCode = await db.HelpRequests.AsNoTracking().Where(r => r.Id == originalId).Select(r => r.TrackingCode).FirstOrDefaultAsync(cancellationToken);
        }

        if (request.IsQueued)
        {
            // A duplicate is linked within the region: a request the same phone made elsewhere is another office's.
            var found = await lookup.PossibleDuplicatesAsync(
                new DuplicateProbe(request.Phone, request.Category, request.RegionKato, request.Address, request.Latitude, request.Longitude, request.Id),
                cancellationToken);
            Duplicates = [.. found.Where(d => d.RegionKato == request.RegionKato)];
        }

        // The name, phone and address are on the page: every open by staff is a read of personal data.
        audit.Record(ReadAction, "help_request", request.Id.ToString(), request.RegionKato);
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }
}

public sealed record TimelineEntry(DateTime At, string Kind, Guid? ActorId, string? Note);
