using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
public sealed class LoginModel(LoginCheck login, SignInManager<Account> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public LoginForm Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Input.Login))
        {
            ModelState.AddModelError("Input.Login", localizer["Error_" + ErrorCodes.LoginRequired]);
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", localizer["Error_" + ErrorCodes.PasswordRequired]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (account, error) = await login.CheckAsync(Input.Login, Input.Password, cancellationToken);
        if (account is null)
        {
            ModelState.AddModelError("Input.Login", localizer["Error_" + error]);
            return Page();
        }

        await signIn.SignInAsync(account, Input.RememberMe);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account");
    }

    public sealed class LoginForm
    {
        public string? Login { get; set; }

        public string? Password { get; set; }

        public bool RememberMe { get; set; }
    }
}
