using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Organizations;

/// <summary>
/// The owner or a coordinator corrects the details; after a rejection, saving sends them back for checking. Only the
/// owner changes the legal details, and on a verified organisation such a change waits for the front office.
/// </summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class EditModel(OrganizationRegistration registration, BirgeDb db, IStringLocalizer<SharedResource> localizer)
    : OrganizationFormPage(db, localizer)
{
    private readonly BirgeDb db = db;

    public Organization Organization { get; private set; } = null!;

    /// <summary>The change of legal details the front office has not decided yet.</summary>
    public OrganizationChange? PendingChange { get; private set; }

    public bool IsOwner { get; private set; }

    public override bool BinEditable => false;

    public override bool LegalDetailsEditable => IsOwner;

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await FindAsync(organizationId, cancellationToken) is not { } organization)
        {
            return NotFound();
        }

        Input = OrganizationInput.From(organization);
        if (PendingChange is { } change)
        {
            // The form shows what the owner asked for; saving it again keeps the request.
            (Input.Name, Input.LegalForm, Input.RegionKato) = (change.Name, change.LegalForm, change.RegionKato);
        }

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
        var result = await registration.UpdateAsync(organization, Input, Scopes.AccountId(User)!.Value, IsOwner, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result, Localizer);
            return Page();
        }

        TempData["Status"] = result.Value!.Resubmitted ? "Org_Resubmitted" : result.Value.ChangeRequested ? "Org_ChangeRequested" : "Org_Saved";
        return Redirect($"/organizations/{organization.Id}/manage");
    }

    private async Task<Organization?> FindAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.Include(o => o.Members).FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is not null)
        {
            Organization = organization;
            IsOwner = organization.IsOwner(Scopes.AccountId(User)!.Value);
            PendingChange = await registration.PendingChangeAsync(organizationId, cancellationToken);
        }

        return organization;
    }
}
