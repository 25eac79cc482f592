using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Attendance;

/// <summary>A volunteer disputes their confirmed hours with a reason; the organisation's coordinators are told.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class DisputeModel(ShiftHours hours, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    public HoursEntry Entry { get; private set; } = null!;

    public ShiftInfo Info { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid hoursEntryId, CancellationToken cancellationToken) =>
        await LoadAsync(hoursEntryId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid hoursEntryId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(hoursEntryId, cancellationToken))
        {
            return NotFound();
        }

        var outcome = await hours.DisputeAsync(Entry, Info, Reason, cancellationToken);
        if (!outcome.Succeeded)
        {
            ModelState.AddRefusal(outcome, localizer, prefix: "");
            return Page();
        }

        TempData["Status"] = "Hours_DisputedStatus";
        return Redirect($"/hours/{hoursEntryId}/dispute");
    }

    /// <summary>Only the volunteer whose hours these are finds them; for anyone else they do not exist.</summary>
    private async Task<bool> LoadAsync(Guid hoursEntryId, CancellationToken cancellationToken)
    {
        if (await hours.OwnEntryAsync(hoursEntryId, Scopes.AccountId(User)!.Value, cancellationToken) is not { } own)
        {
            return false;
        }

        (Entry, Info) = own;
        return true;
    }
}
