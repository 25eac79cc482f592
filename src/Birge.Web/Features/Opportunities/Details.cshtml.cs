using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Opportunities;

/// <summary>An opportunity as a volunteer reads it, with each shift's time, role, seats left and the way to apply.</summary>
[AllowAnonymous]
public sealed class DetailsModel(OpportunitySearch search, Scopes scopes, BirgeDb db, TimeProvider clock) : PageModel
{
    public Opportunity Opportunity { get; private set; } = null!;

    public Organization Organization { get; private set; } = null!;

    public bool IsMember { get; private set; }

    public string RegionName { get; private set; } = "";

    public Dictionary<string, string> DirectionNames { get; private set; } = [];

    public DateTime Now { get; private set; }

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
        return Page();
    }
}
