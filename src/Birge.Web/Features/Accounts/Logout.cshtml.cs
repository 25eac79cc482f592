using Birge.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Birge.Web.Features.Accounts;

/// <summary>Logging out is a form post (a link could be triggered by another site).</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<Account> signIn) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["Status"] = "Logout_Done";
        return LocalRedirect("/");
    }
}
