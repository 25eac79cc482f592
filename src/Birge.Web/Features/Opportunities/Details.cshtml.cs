using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Opportunities;

/// <summary>
/// An opportunity as a volunteer reads it, with each shift's time, role, seats left and the way to apply; for a shift
/// the signed-in person applied to, where they stand (signed up, waitlisted with their place, waiting for the
/// organiser) and a cancel button that works as on "my shifts".
/// </summary>
[AllowAnonymous]
public sealed class DetailsModel(OpportunitySearch search, Scopes scopes, BirgeDb db, ShiftApplications applications, TimeProvider clock) : PageModel
{
    public Opportunity Opportunity { get; private set; } = null!;

    public Organization Organization { get; private set; } = null!;

    public bool IsMember { get; private set; }

    public string RegionName { get; private set; } = "";

    public Dictionary<string, string> DirectionNames { get; private set; } = [];

    public DateTime Now { get; private set; }

    /// <summary>The person's active application on each shift, with the place in line when waitlisted.</summary>
    public Dictionary<Guid, (Application Application, int? Position)> Standing { get; private set; } = [];

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid opportunityId, CancellationToken cancellationToken)
    {
        if (await search.VisibleAsync(opportunityId, User, cancellationToken) is not (var opportunity, var organization))
        {
            return NotFound();
        }

        (Opportunity, Organization) = (opportunity, organization);
        Now = clock.GetUtcNow().UtcDateTime;
        IsMember = await scopes.OrganizationRoleAsync(User, organization.Id, cancellationToken) is not null;
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Kato == opportunity.RegionKato, cancellationToken);
        RegionName = region?.Name.Resolve() ?? opportunity.RegionKato;
        DirectionNames = await db.Directions.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name.Resolve(), cancellationToken);
        if (Scopes.AccountId(User) is { } me)
        {
            var shiftIds = opportunity.Shifts.Select(s => s.Id).ToList();
            var mine = await db.Applications.AsNoTracking()
                .Where(a => a.VolunteerId == me && shiftIds.Contains(a.ShiftId) && Application.ActiveStatuses.Contains(a.Status))
                .Take(shiftIds.Count)
                .ToListAsync(cancellationToken);
            foreach (var application in mine)
            {
                Standing[application.ShiftId] = (application, await applications.WaitlistPositionAsync(application, cancellationToken));
            }
        }

        return Page();
    }

    /// <summary>Cancels the person's own application, as "my shifts" does, and comes back to the opportunity.</summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid opportunityId, Guid applicationId, CancellationToken cancellationToken)
    {
        if (Scopes.AccountId(User) is not { } me)
        {
            return Challenge();
        }

        var outcome = await applications.CancelAsync(applicationId, me, cancellationToken);
        if (outcome.Error == ErrorCodes.NotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            Refusal = outcome.Error;
            return await OnGetAsync(opportunityId, cancellationToken);
        }

        TempData["Status"] = "Apply_Cancelled";
        return Redirect($"/opportunities/{opportunityId}");
    }
}
