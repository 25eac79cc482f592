using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Opportunities;

/// <summary>Everything the organisation offers, drafts and cancelled ones included, newest first.</summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class ListModel(BirgeDb db) : PageModel
{
    public Organization Organization { get; private set; } = null!;

    public List<Opportunity> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken) is not { } organization)
        {
            return NotFound();
        }

        Organization = organization;
        Items = await db.Opportunities.AsNoTracking().Include(o => o.Shifts)
            .Where(o => o.OrganizationId == organizationId)
            .OrderByDescending(o => o.StartsAt).ThenBy(o => o.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        return Page();
    }
}
