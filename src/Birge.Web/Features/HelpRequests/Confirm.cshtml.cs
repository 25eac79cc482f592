using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// The 6-digit code from the SMS puts the request in the queue; a right code leads to the tracking page. The page names
/// only the last two digits of the phone, so that its address (a request's id) gives nothing away.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
public sealed class ConfirmModel(HelpRequestIntake intake, BirgeDb db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>"12" of +77011234512; empty once the phone is erased.</summary>
    public string PhoneEnd { get; private set; } = "";

    public bool Waiting { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid helpRequestId, CancellationToken cancellationToken) =>
        await LoadAsync(helpRequestId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        var result = await intake.ConfirmPhoneAsync(helpRequestId, Code, cancellationToken);
        if (result.Value is { } request)
        {
            return Redirect("/help/" + request.TrackingCode);
        }

        if (result.Error == ErrorCodes.NotFound || !await LoadAsync(helpRequestId, cancellationToken))
        {
            return NotFound();
        }

        ModelState.AddRefusal(result, localizer, prefix: "");
        if (result.Error == HelpRequestErrors.PhoneCodeTooManyAttempts)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        var result = await intake.ResendCodeAsync(helpRequestId, cancellationToken);
        if (result.Error == ErrorCodes.NotFound || !await LoadAsync(helpRequestId, cancellationToken))
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            ModelState.AddRefusal(result, localizer, prefix: "");
            if (result.Error is HelpRequestErrors.PhoneCodeTooSoon or HelpRequestErrors.PhoneCodeResendLimit)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
            }

            return Page();
        }

        TempData["Status"] = "HelpAsk_CodeSent";
        return RedirectToPage(new { helpRequestId });
    }

    private async Task<bool> LoadAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        var request = await db.HelpRequests.AsNoTracking()
            .Where(r => r.Id == helpRequestId)
            .Select(r => new { r.Phone, r.Status })
            .FirstOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return false;
        }

        PhoneEnd = request.Phone is { Length: > 2 } phone ? phone[^2..] : "";
        Waiting = request.Status == HelpRequestStatus.Unconfirmed;
        return true;
    }
}
