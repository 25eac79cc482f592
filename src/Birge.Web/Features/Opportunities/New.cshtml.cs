using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Opportunities;

/// <summary>A coordinator writes an opportunity with its shifts; it is saved as a draft to check before publishing.</summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class NewModel(OpportunityEditor editor, BirgeDb db, IStringLocalizer<SharedResource> localizer)
    : OpportunityFormPage(db, localizer)
{
    private readonly BirgeDb db = db;

    public Organization Organization { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken) is not { } organization)
        {
            return NotFound();
        }

        Organization = organization;
        Input = OpportunityForm.Blank();
        Input.RegionKato = organization.RegionKato;
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken) is not { } organization)
        {
            return NotFound();
        }

        Organization = organization;
        await LoadListsAsync(cancellationToken);
        if (AddingShift)
        {
            AddShiftRow();
            return Page();
        }

        var result = await editor.CreateAsync(organization, Input.ToInput(), Scopes.AccountId(User)!.Value, cancellationToken);
        if (!result.Succeeded)
        {
            ShowErrors(result);
            return Page();
        }

        TempData["Status"] = "Opp_Saved";
        return Redirect($"/opportunities/{result.Value!.Id}/manage");
    }
}
