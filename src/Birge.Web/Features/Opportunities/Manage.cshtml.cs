using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Opportunities;

/// <summary>
/// The coordinator's page for one opportunity: where it stands, publishing it, its shifts with their roster,
/// check-in code and hours, and cancelling it with a reason the applicants receive.
/// </summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class ManageModel(OpportunityEditor editor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Opportunity Opportunity { get; private set; } = null!;

    public Organization Organization { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid opportunityId, CancellationToken cancellationToken) =>
        await LoadAsync(opportunityId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(Guid opportunityId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(opportunityId, cancellationToken))
        {
            return NotFound();
        }

        var published = await editor.PublishAsync(Opportunity, Organization, cancellationToken);
        if (!published.Succeeded)
        {
            ModelState.AddRefusal(published, localizer);
            return Page();
        }

        TempData["Status"] = "Opp_Published";
        return Redirect($"/opportunities/{opportunityId}/manage");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid opportunityId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(opportunityId, cancellationToken))
        {
            return NotFound();
        }

        var cancelled = await editor.CancelAsync(Opportunity, Reason, cancellationToken);
        if (!cancelled.Succeeded)
        {
            ModelState.AddRefusal(cancelled, localizer, prefix: "");
            return Page();
        }

        TempData["Status"] = "Opp_Cancelled";
        return Redirect($"/opportunities/{opportunityId}/manage");
    }

    private async Task<bool> LoadAsync(Guid opportunityId, CancellationToken cancellationToken)
    {
        if (await editor.FindAsync(opportunityId, cancellationToken) is not (var opportunity, var organization))
        {
            return false;
        }

        (Opportunity, Organization) = (opportunity, organization);
        return true;
    }
}
