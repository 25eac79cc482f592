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
            ModelState.AddError("Input.Login", AccountErrors.LoginRequired, localizer);
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddError("Input.Password", AccountErrors.PasswordRequired, localizer);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var checkedLogin = await login.CheckAsync(Input.Login, Input.Password, cancellationToken);
        if (checkedLogin.Value is not { } account)
        {
            ModelState.AddRefusal(checkedLogin, localizer);
            return Page();
        }

        await signIn.SignInAsync(account, Input.RememberMe);
        // Back where the person was, else their start page; only a local URL (never //host, /\host or https://host).
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    /// <summary>
    /// The login page, asked to come back to the page the person is on; not from the home, nor from the account's own
    /// pages (whose links carry one-time tokens).
    /// </summary>
    public static string LinkBack(HttpRequest request) =>
        request.Path == "/" || request.Path.StartsWithSegments("/account") || request.Path.StartsWithSegments("/parent-consent")
            ? "/account/login"
            : "/account/login?returnUrl=" + Uri.EscapeDataString(request.Path + request.QueryString);

    public sealed class LoginForm
    {
        public string? Login { get; set; }

        public string? Password { get; set; }

        public bool RememberMe { get; set; }
    }
}
