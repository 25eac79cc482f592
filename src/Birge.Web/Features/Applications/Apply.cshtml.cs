using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Opportunities;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Applications;

/// <summary>One shift, one question: "take part?". After applying, the same page shows where the volunteer stands.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class ApplyModel(BirgeDb db, ShiftApplications applications, UserManager<Account> users) : PageModel
{
    public Shift Shift { get; private set; } = null!;

    public Opportunity Opportunity { get; private set; } = null!;

    public string OrganizationName { get; private set; } = "";

    /// <summary>The volunteer's application to this shift while it is active.</summary>
    public Application? Current { get; private set; }

    public int? WaitlistPosition { get; private set; }

    /// <summary>Why the volunteer cannot apply (checked before they try, or the answer to their try).</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } volunteer || !await LoadAsync(shiftId, volunteer, cancellationToken))
        {
            return NotFound();
        }

        Refusal = Current is null ? applications.Check(new ShiftWithOpportunity(Shift, Opportunity), volunteer)
            : Opportunity.Status == OpportunityStatus.Cancelled ? OpportunityErrors.OpportunityCancelled
            : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } volunteer)
        {
            return NotFound();
        }

        var outcome = await applications.ApplyAsync(shiftId, volunteer, cancellationToken);
        if (outcome.Error == ErrorCodes.NotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            await LoadAsync(shiftId, volunteer, cancellationToken);
            Refusal = outcome.Error;
            return Page();
        }

        return Redirect($"/shifts/{shiftId}/apply");
    }

    private async Task<bool> LoadAsync(Guid shiftId, Account volunteer, CancellationToken cancellationToken)
    {
        if (await applications.FindShiftAsync(shiftId, cancellationToken) is not { } found)
        {
            return false;
        }

        (Shift, Opportunity) = found;
        OrganizationName = await db.Organizations.Where(o => o.Id == Opportunity.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        Current = await db.Applications.AsNoTracking()
            .FirstOrDefaultAsync(a => a.ShiftId == shiftId && a.VolunteerId == volunteer.Id && a.Status != ApplicationStatus.Cancelled, cancellationToken);
        WaitlistPosition = Current is null ? null : await applications.WaitlistPositionAsync(Current, cancellationToken);
        return true;
    }
}
