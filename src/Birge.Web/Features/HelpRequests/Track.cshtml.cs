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
/// What is happening with a request, by its tracking code, in plain words: the steps so far and next, the category and
/// the dates, and nothing personal (no name, phone, address or volunteer). The person may say they no longer need help,
/// or that they were helped, with the last four digits of their phone.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Verify)]
public sealed class TrackModel(HelpTracking tracking, BirgeDb db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The steps of a request that goes well, in order; <see cref="Step"/> is where it is.</summary>
    public static readonly IReadOnlyList<string> Steps = ["received", "finding", "on_the_way", "done", "closed"];

    [BindProperty]
    public string? Digits { get; set; }

    public CodeCheck Check { get; private set; }

    public string FormattedCode { get; private set; } = "";

    public TrackedHelpRequest? Tracked { get; private set; }

    /// <summary>The index in <see cref="Steps"/> of the current step, or null for a request that did not go that way.</summary>
    public int? Step => Tracked?.Status switch
    {
        "new" or "open" => 1,
        "claimed" => 2,
        "done_unconfirmed" => 3,
        "closed" => 4,
        _ => null,
    };

    public bool CanCancel => Tracked?.Status is "unconfirmed" or "new" or "open" or "claimed";

    public bool CanConfirm => Tracked?.Status == "done_unconfirmed";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        await LoadAsync(code, cancellationToken);
        return Tracked is null ? NotFoundPage() : Page();
    }

    public Task<IActionResult> OnPostCancelAsync(string code, CancellationToken cancellationToken) =>
        ActAsync(code, tracking.CancelAsync, "HelpTrack_CancelledStatus", cancellationToken);

    public Task<IActionResult> OnPostConfirmAsync(string code, CancellationToken cancellationToken) =>
        ActAsync(code, tracking.ConfirmAsync, "HelpTrack_ConfirmedStatus", cancellationToken);

    private async Task<IActionResult> ActAsync(
        string code, Func<string?, string?, CancellationToken, Task<Outcome<HelpRequest>>> act, string done, CancellationToken cancellationToken)
    {
        var result = await act(code, Digits, cancellationToken);
        if (result.Value is { } request)
        {
            TempData["Status"] = done;
            return Redirect("/help/" + request.TrackingCode);
        }

        await LoadAsync(code, cancellationToken);
        if (Tracked is null)
        {
            return NotFoundPage();
        }

        ModelState.AddRefusal(result, localizer, prefix: "");
        Response.StatusCode = result.Error == HelpRequestErrors.PhoneDigitsTooManyAttempts ? StatusCodes.Status429TooManyRequests
            : result.Refusal!.IsInvalidInput ? StatusCodes.Status422UnprocessableEntity
            : StatusCodes.Status409Conflict;
        return Page();
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task LoadAsync(string code, CancellationToken cancellationToken)
    {
        Check = TrackingCode.Parse(code, out var parsed);
        FormattedCode = Check == CodeCheck.Malformed ? "" : TrackingCode.Format(parsed);
        if (Check != CodeCheck.Valid)
        {
            Tracked = null;
            return;
        }

        var found = await db.HelpRequests.AsNoTracking()
            .Where(r => r.TrackingCode == parsed)
            .Select(r => new { r.TrackingCode, r.Status, r.Category, r.CreatedAt, r.UpdatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        Tracked = found is null ? null : new TrackedHelpRequest(found.TrackingCode, found.Status.ApiName(), found.Category, found.CreatedAt, found.UpdatedAt);
    }
}
