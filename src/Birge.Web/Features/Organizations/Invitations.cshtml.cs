using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Organizations;

public sealed class InviteInput
{
    public string? Email { get; set; }

    public string? Phone { get; set; }
}

/// <summary>The owner invites coordinators by e-mail or phone (with a Birge account or not yet), and revokes open invitations.</summary>
[Authorize(Policy = Policies.OrganizationOwner)]
public sealed class InvitationsModel(BirgeDb db, CoordinatorInvitations invitations, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public Organization Organization { get; private set; } = null!;

    public List<OrganizationInvitation> Open { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await LoadAsync(organizationId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(organizationId, cancellationToken))
        {
            return NotFound();
        }

        var result = await invitations.InviteAsync(Organization, Input.Email, Input.Phone, Scopes.AccountId(User)!.Value, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result, localizer);
            return Page();
        }

        TempData["Status"] = "Invitation_Sent";
        return Redirect($"/organizations/{organizationId}/invitations");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid organizationId, Guid invitationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(organizationId, cancellationToken))
        {
            return NotFound();
        }

        if (await invitations.RevokeAsync(organizationId, invitationId, cancellationToken))
        {
            TempData["Status"] = "Invitation_Revoked";
        }

        return Redirect($"/organizations/{organizationId}/invitations");
    }

    private async Task<bool> LoadAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null)
        {
            return false;
        }

        Organization = organization;
        Open = await invitations.OpenAsync(organizationId, cancellationToken);
        return true;
    }
}
