using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.HelpRequests;

/// <summary>Someone types the tracking code from the SMS and goes to its page; a mistyped character is caught here.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Verify)]
public sealed class FindModel(IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        switch (TrackingCode.Parse(Code, out var code))
        {
            case CodeCheck.Valid:
                return Redirect("/help/" + code);
            case CodeCheck.Typo:
                ModelState.AddModelError(nameof(Code), localizer["HelpTrack_Typo"]);
                break;
            default:
                ModelState.AddModelError(nameof(Code), localizer["HelpTrack_Malformed"]);
                break;
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
