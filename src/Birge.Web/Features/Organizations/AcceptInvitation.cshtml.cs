using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Organizations;

/// <summary>The invited person opens the link, sees the organisation and accepts: they become its coordinator.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class AcceptInvitationModel(CoordinatorInvitations invitations, UserManager<Account> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public Organization? Organization { get; private set; }

    /// <summary>Why this person cannot accept (shown instead of the button), or null.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (found, account) = await CheckAsync(cancellationToken);
        if (Refusal is not null || found is null || account is null)
        {
            return Page();
        }

        var (invitation, organization) = found.Value;
        if ((await invitations.AcceptAsync(invitation, organization, account, cancellationToken)).Error is { } error)
        {
            Refusal = localizer["Error_" + error];
            return Page();
        }

        TempData["Status"] = "Invitation_Accepted";
        return Redirect($"/organizations/{organization.Id}/manage");
    }

    private async Task<((OrganizationInvitation, Organization)? Found, Account? Account)> CheckAsync(CancellationToken cancellationToken)
    {
        var found = await invitations.FindAsync(Token, cancellationToken);
        var account = await users.GetUserAsync(User);
        if (found is null || account is null)
        {
            Refusal = localizer["Error_" + OrganizationErrors.InvitationInvalid];
            return (null, account);
        }

        Organization = found.Value.Organization;
        if (await invitations.CheckAsync(found.Value.Invitation, account, cancellationToken) is { } error)
        {
            Refusal = localizer["Error_" + error];
        }

        return (found, account);
    }
}
