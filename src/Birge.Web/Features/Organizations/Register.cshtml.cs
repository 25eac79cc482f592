using Birge.Web.Data;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Organizations;

/// <summary>A signed-in person registers an organisation and becomes its owner; it waits for the regional front office.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class RegisterModel(OrganizationRegistration registration, BirgeDb db, IStringLocalizer<SharedResource> localizer)
    : OrganizationFormPage(db, localizer)
{
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadListsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadListsAsync(cancellationToken);
        var result = await registration.RegisterAsync(Input, Scopes.AccountId(User)!.Value, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result, Localizer);
            return Page();
        }

        TempData["Status"] = "Org_Registered";
        return Redirect($"/organizations/{result.Value!.Id}/manage");
    }
}
