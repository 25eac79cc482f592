using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Organizations;

/// <summary>The owner or a coordinator corrects the details; after a rejection, saving sends them back for checking.</summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class EditModel(OrganizationRegistration registration, BirgeDb db, IStringLocalizer<SharedResource> localizer)
    : OrganizationFormPage(db, localizer)
{
    private readonly BirgeDb db = db;

    public Organization Organization { get; private set; } = null!;

    public override bool BinEditable => false;

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await FindAsync(organizationId, cancellationToken) is not { } organization)
        {
            return NotFound();
        }

        Input = OrganizationInput.From(organization);
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await FindAsync(organizationId, cancellationToken) is not { } organization)
        {
            return NotFound();
        }

        await LoadListsAsync(cancellationToken);
        Input.Bin = organization.Bin;
        var result = await registration.UpdateAsync(organization, Input, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.Errors, Localizer);
            return Page();
        }

        TempData["Status"] = result.Resubmitted ? "Org_Resubmitted" : "Org_Saved";
        return Redirect($"/organizations/{organization.Id}/manage");
    }

    private async Task<Organization?> FindAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is not null)
        {
            Organization = organization;
        }

        return organization;
    }
}
