using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.HelpRequests.Matching;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.HelpRequests.Volunteers;

/// <summary>
/// One request as a volunteer sees it. Without the claim: the category, district and urgency, and "Take it". With the
/// claim: the person's name, phone, address and description, the claim's expiry, "Give it back" and "Done".
/// </summary>
[Authorize(Policy = Policies.Account)]
public sealed class DetailModel(
    BirgeDb db, HelpRequestClaims claims, HelpRequestOffers offers, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public int? Minutes { get; set; }

    public HelpRequest HelpRequest { get; private set; } = null!;

    public LocalizedText District { get; private set; } = null!;

    /// <summary>The signed-in volunteer holds the claim: the full record is theirs to see.</summary>
    public bool Holds { get; private set; }

    /// <summary>They said it is done and it waits for the call-back.</summary>
    public bool DidIt { get; private set; }

    public bool OfferedToYou { get; private set; }

    public DateTime Now { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid helpRequestId, CancellationToken cancellationToken) => ShowAsync(helpRequestId, cancellationToken);

    public async Task<IActionResult> OnPostClaimAsync(Guid helpRequestId, CancellationToken cancellationToken) =>
        await AfterAsync(helpRequestId, await claims.ClaimAsync(helpRequestId, Me, cancellationToken), "HelpVolunteer_Claimed", cancellationToken);

    public async Task<IActionResult> OnPostReleaseAsync(Guid helpRequestId, CancellationToken cancellationToken) =>
        await AfterAsync(helpRequestId, await claims.ReleaseAsync(helpRequestId, Me, cancellationToken), "HelpVolunteer_Released", cancellationToken);

    public async Task<IActionResult> OnPostDoneAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ShowAsync(helpRequestId, cancellationToken);
        }

        return await AfterAsync(helpRequestId, await claims.CompleteAsync(helpRequestId, Me, Note, Minutes, cancellationToken), "HelpVolunteer_DoneSaved", cancellationToken);
    }

    private Guid Me => Scopes.AccountId(User)!.Value;

    private async Task<IActionResult> AfterAsync(Guid helpRequestId, Outcome<HelpRequest> result, string status, CancellationToken cancellationToken)
    {
        if (result.Error == ErrorCodes.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result, localizer, new Dictionary<string, string> { ["note"] = nameof(Note), ["minutes"] = nameof(Minutes) }, prefix: "");
            return await ShowAsync(helpRequestId, cancellationToken);
        }

        TempData["Status"] = status;
        return RedirectToPage(new { helpRequestId });
    }

    private async Task<IActionResult> ShowAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        // Fresh from the database: a refused change must show the stored state.
        db.ChangeTracker.Clear();
        var request = await db.HelpRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == helpRequestId, cancellationToken);
        if (request is null || request.Status == HelpRequestStatus.Unconfirmed)
        {
            return NotFound();
        }

        Now = clock.GetUtcNow().UtcDateTime;
        HelpRequest = request;
        Holds = request.Status == HelpRequestStatus.Claimed && request.ClaimedBy == Me;
        DidIt = request.HelperId == Me && request.Status != HelpRequestStatus.Claimed && request.DoneAt is not null;
        District = await offers.DistrictAsync(request, cancellationToken);
        OfferedToYou = await db.HelpRequestOffers.AnyAsync(o => o.HelpRequestId == request.Id && o.VolunteerId == Me, cancellationToken);
        return Page();
    }
}
