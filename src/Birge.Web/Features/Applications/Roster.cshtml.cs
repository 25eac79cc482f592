using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Birge.Web.Features.Applications;

/// <summary>
/// A shift's people for its organisation's coordinators: who is coming, who waits for a decision (accept or decline),
/// and the waitlist in the order seats will be offered.
/// </summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class RosterModel(Rosters rosters, ShiftApplications applications) : PageModel
{
    public Roster Roster { get; private set; } = null!;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid shiftId, CancellationToken cancellationToken) =>
        await LoadAsync(shiftId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDecideAsync(Guid shiftId, Guid applicationId, bool accept, CancellationToken cancellationToken)
    {
        var outcome = await applications.DecideAsync(shiftId, applicationId, accept, cancellationToken);
        if (outcome.Error == ErrorCodes.NotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            Refusal = outcome.Error;
            return await LoadAsync(shiftId, cancellationToken) ? Page() : NotFound();
        }

        TempData["Status"] = accept ? "Apply_Roster_Accepted" : "Apply_Roster_Declined";
        return Redirect($"/shifts/{shiftId}/roster");
    }

    private async Task<bool> LoadAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        if (await rosters.RosterAsync(shiftId, cancellationToken) is not { } roster)
        {
            return false;
        }

        Roster = roster;
        return true;
    }
}
