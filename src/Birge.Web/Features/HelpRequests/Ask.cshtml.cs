using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// A person asks for help without an account, on a phone: what is needed, where, and the phone the 6-digit code goes
/// to. The request waits for that code (<see cref="ConfirmModel"/>) before it enters the queue.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Auth)]
public sealed class AskModel(HelpRequestIntake intake, BirgeDb db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public HelpRequestForm Input { get; set; } = new();

    public List<SelectListItem> Regions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Russian readers are most likely to want to be spoken to in Russian; everyone else in Kazakh, the default.
        Input.Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" ? "ru" : "kk";
        await LoadRegionsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The person's form does not triage: that is the operator's call.
        Input.Urgency = null;
        var errors = new List<FieldError>();
        var input = Input.ToInput(errors);
        if (errors.Count > 0)
        {
            // A point that is not a number at all: nothing is asked until it is one (or left empty).
            ModelState.AddFieldErrors(errors, localizer);
            await LoadRegionsAsync(cancellationToken);
            return Page();
        }

        var result = await intake.AskAsync(
            input,
            operatorId: null,
            cancellationToken);
        if (result.Value is not { } asked)
        {
            ModelState.AddRefusal(result, localizer);
            await LoadRegionsAsync(cancellationToken);
            return Page();
        }

        return RedirectToPage("/HelpRequests/Confirm", new { helpRequestId = asked.Request.Id });
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
