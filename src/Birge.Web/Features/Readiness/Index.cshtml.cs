using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Readiness;

/// <summary>
/// A region's readiness: ready people (available members aged 18+) by team and by certificate valid today, the teams'
/// last drills, and the certificates expiring within 30 days with their holders. For {kato} = national (the national
/// office only, by the region scope), every region's totals.
/// </summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class IndexModel(BirgeDb db, ReadinessReport report) : PageModel
{
    [FromRoute]
    public string Kato { get; set; } = "";

    public bool IsNational => Kato == FrontOffice.NationalKato;

    public string RegionName { get; private set; } = "";

    public RegionReadiness? Region { get; private set; }

    public List<RegionTotals> Totals { get; private set; } = [];

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public DateOnly Today => report.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        RegionNames = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Kato, r => r.Name.Resolve(), cancellationToken);
        if (IsNational)
        {
            Totals = [.. (await report.NationalAsync(cancellationToken)).OrderBy(t => RegionNames[t.RegionKato], StringComparer.CurrentCultureIgnoreCase)];
            return Page();
        }

        if (!RegionNames.TryGetValue(Kato, out var name))
        {
            return NotFound();
        }

        RegionName = name;
        Region = await report.ForRegionAsync(Kato, cancellationToken);
        return Page();
    }
}
