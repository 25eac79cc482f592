using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Birge.Web.Features.Applications;

/// <summary>A volunteer's applications: what is coming (with cancel and the calendar file) and what is past.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class MyShiftsModel(Rosters rosters, ShiftApplications applications, TimeProvider clock) : PageModel
{
    /// <summary>The most a person sees at once; older ones are in the data export and the API.</summary>
    public const int Shown = 100;

    public List<MyShift> Upcoming { get; private set; } = [];

    public List<MyShift> Past { get; private set; } = [];

    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCancelAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var outcome = await applications.CancelAsync(applicationId, Scopes.AccountId(User)!.Value, cancellationToken);
        if (outcome.Error == ErrorCodes.NotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            Refusal = outcome.Error;
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Status"] = "Apply_Cancelled";
        return Redirect("/my/shifts");
    }

    public static bool CanCancel(MyShift shift) =>
        shift.Status is ApplicationStatus.Accepted or ApplicationStatus.Pending or ApplicationStatus.Waitlisted && !shift.OpportunityCancelled;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (items, _) = await rosters.MineAsync(Scopes.AccountId(User)!.Value, 1, Shown, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        Upcoming = [.. items.Where(s => s.EndsAt > now && s.Status != ApplicationStatus.Cancelled).OrderBy(s => s.StartsAt)];
        Past = [.. items.Where(s => s.EndsAt <= now && s.Status == ApplicationStatus.Accepted)];
    }
}
