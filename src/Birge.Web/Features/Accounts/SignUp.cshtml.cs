using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
public sealed class SignUpModel(
    SignUp signUp,
    BirgeDb db,
    SignInManager<Account> signIn,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock) : PageModel
{
    private static readonly Dictionary<string, string> FormFields = new() { ["parentConsent"] = "parentName" };

    [BindProperty]
    public SignUpInput Input { get; set; } = new();

    public List<SelectListItem> Regions { get; private set; } = [];

    /// <summary>Where the person was before the login page sent them here; followed only when local.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadRegionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadRegionsAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            // A date the browser could not send as a date: show it together with every other problem.
            ModelState.AddFieldErrors(
                SignUp.Validate(Input, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).Where(e => ModelState[$"Input.{char.ToUpperInvariant(e.Field[0])}{e.Field[1..]}"]?.Errors.Count is null or 0),
                localizer,
                FormFields);
            return Page();
        }

        var result = await signUp.ExecuteAsync(
            Input, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, SignUpLimits.Network(HttpContext.Connection.RemoteIpAddress), cancellationToken);
        if (result.Value is not { } signedUp)
        {
            ModelState.AddRefusal(result, localizer, FormFields);
            if (result.Error == AccountErrors.SignUpLimited)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
            }

            return Page();
        }

        if (signedUp.Account.Status == AccountStatus.AwaitingParentConsent)
        {
            if (signedUp.IinUnderReview)
            {
                TempData["Status"] = "SignUp_IinReview";
            }

            return RedirectToPage("/Accounts/Waiting");
        }

        await signIn.SignInAsync(signedUp.Account, isPersistent: false);
        TempData["Status"] = signedUp.IinUnderReview ? "SignUp_Done_IinReview" : "SignUp_Done";
        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl!) : RedirectToPage("/Accounts/Index");
    }

    private async Task LoadRegionsAsync(CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        Regions = [new SelectListItem(localizer["Field_Region_Choose"], "")];
        Regions.AddRange(regions
            .Select(r => new SelectListItem(r.Name.Resolve(), r.Kato))
            .OrderBy(i => i.Text, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true)));
    }
}
