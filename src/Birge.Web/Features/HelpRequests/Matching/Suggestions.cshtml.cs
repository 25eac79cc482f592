using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.HelpRequests.Matching;

/// <summary>
/// The operator's list of volunteers suggested for one request, best first with their reasons, and the form that offers
/// it to the ones ticked. Only the category, district and urgency of the request are shown here: nothing personal.
/// </summary>
[Authorize(Policy = Policies.RegionStaffOrOperator)]
public sealed class SuggestionsModel(
    BirgeDb db, HelpRequestMatching matching, HelpRequestOffers offers, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int Shown = 30;

    [BindProperty]
    public List<Guid> VolunteerIds { get; set; } = [];

    public HelpRequest HelpRequest { get; private set; } = null!;

    public LocalizedText District { get; private set; } = null!;

    public IReadOnlyList<HelpSuggestion> Suggestions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid helpRequestId, CancellationToken cancellationToken) =>
        await ShowAsync(helpRequestId, cancellationToken);

    public async Task<IActionResult> OnPostOfferAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        var result = await offers.OfferAsync(helpRequestId, VolunteerIds, Scopes.AccountId(User)!.Value, cancellationToken);
        if (result.Error == ErrorCodes.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result, localizer, new Dictionary<string, string> { ["volunteerIds"] = nameof(VolunteerIds) }, prefix: "");
            return await ShowAsync(helpRequestId, cancellationToken);
        }

        TempData["Status"] = result.Value == 0 ? "HelpMatch_OfferedBefore" : "HelpMatch_Offered";
        return RedirectToPage(new { helpRequestId });
    }

    private async Task<IActionResult> ShowAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        var request = await db.HelpRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == helpRequestId, cancellationToken);
        if (request is null || request.Status == HelpRequestStatus.Unconfirmed)
        {
            return NotFound();
        }

        HelpRequest = request;
        District = await offers.DistrictAsync(request, cancellationToken);
        Suggestions = request.IsQueued ? await matching.SuggestAsync(request, Shown, cancellationToken) : [];
        return Page();
    }
}
