using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
public sealed class ForgotPasswordModel(PasswordReset reset, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public LoginModel.LoginForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Input.Login))
        {
            ModelState.AddError("Input.Login", AccountErrors.LoginRequired, localizer);
            return Page();
        }

        await reset.RequestAsync(Input.Login, cancellationToken);

        // The same answer whether or not the account exists.
        TempData["Status"] = "Forgot_Sent";
        return RedirectToPage();
    }
}
