using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Opportunities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Organizations;

/// <summary>
/// An organisation's public page. Only a verified organisation is public; its members and the staff of its region
/// also see it before (or after) that, with its status.
/// </summary>
[AllowAnonymous]
public sealed class ProfileModel(OrganizationDirectory directory, OpportunitySearch search, BirgeDb db) : PageModel
{
    public const int OpportunitiesShown = 20;

    public Organization Organization { get; private set; } = null!;

    public string RegionName { get; private set; } = "";

    public List<string> DirectionNames { get; private set; } = [];

    /// <summary>Its coming published opportunities, the soonest first.</summary>
    public List<OpportunityHit> Opportunities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await directory.ProfileAsync(organizationId, User, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        Organization = organization;
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Kato == organization.RegionKato, cancellationToken);
        RegionName = region?.Name.Resolve() ?? organization.RegionKato;
        var directions = await db.Directions.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(cancellationToken);
        DirectionNames = [.. directions.Where(d => organization.Directions.Contains(d.Code)).Select(d => d.Name.Resolve())];
        Opportunities = await search.ComingOfAsync(organization.Id, OpportunitiesShown, cancellationToken);
        return Page();
    }
}
