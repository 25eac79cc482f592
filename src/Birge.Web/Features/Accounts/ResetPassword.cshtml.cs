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
public sealed class ResetPasswordModel(PasswordReset reset, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "account")]
    public string? AccountId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public LoginModel.LoginForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await reset.ResetAsync(AccountId, Token, Input.Password);
        if (!outcome.Succeeded)
        {
            ModelState.AddRefusal(outcome, localizer);
            return Page();
        }

        TempData["Status"] = "Reset_Done";
        return LocalRedirect("/account/login");
    }
}
