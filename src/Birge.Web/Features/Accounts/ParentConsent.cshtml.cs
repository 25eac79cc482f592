using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Accounts;

/// <summary>A parent opens the link sent to them and consents for their child under 14.</summary>
[AllowAnonymous]
public sealed class ParentConsentModel(ParentConsentConfirmation confirmation, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public string? ChildName { get; private set; }

    public string? ParentName { get; private set; }

    public bool Done { get; private set; }

    [BindProperty]
    public bool Agree { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var found = await confirmation.FindAsync(Token, cancellationToken);
        ChildName = found?.Child.FullName;
        ParentName = found?.Request.ParentName;
        Done = found?.Request.ConfirmedAt is not null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var found = await confirmation.FindAsync(Token, cancellationToken);
        if (found is null)
        {
            return Page();
        }

        var (request, child) = found.Value;
        ChildName = child.FullName;
        ParentName = request.ParentName;
        if (!Agree)
        {
            ModelState.AddError("Agree", AccountErrors.ConfirmationRequired, localizer);
            return Page();
        }

        await confirmation.ConfirmAsync(request, child, cancellationToken);
        Done = true;
        return Page();
    }
}
