using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Opportunities;

/// <summary>
/// The coordinator corrects an opportunity (draft or published): shifts may be added, changed or removed, except
/// that a shift someone applied to stays and no shift gets fewer seats than are taken.
/// </summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class EditModel(OpportunityEditor editor, BirgeDb db, IStringLocalizer<SharedResource> localizer)
    : OpportunityFormPage(db, localizer)
{
    public Opportunity Opportunity { get; private set; } = null!;

    public Organization Organization { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid opportunityId, CancellationToken cancellationToken)
    {
        if (await editor.FindAsync(opportunityId, cancellationToken) is not (var opportunity, var organization))
        {
            return NotFound();
        }

        (Opportunity, Organization) = (opportunity, organization);
        Input = OpportunityForm.From(opportunity);
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid opportunityId, CancellationToken cancellationToken)
    {
        if (await editor.FindAsync(opportunityId, cancellationToken) is not (var opportunity, var organization))
        {
            return NotFound();
        }

        (Opportunity, Organization) = (opportunity, organization);
        await LoadListsAsync(cancellationToken);
        if (AddingShift)
        {
            AddShiftRow();
            return Page();
        }

        var result = await editor.UpdateAsync(opportunity, organization.Name, Input.ToInput(), cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result);
            return Page();
        }

        TempData["Status"] = "Opp_Saved";
        return Redirect($"/opportunities/{opportunity.Id}/manage");
    }
}
