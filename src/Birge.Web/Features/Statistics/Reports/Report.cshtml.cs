using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Statistics.Reports;

/// <summary>
/// One report while it is made: its status and percent, the page reloading itself (no JavaScript) until it is ready
/// or failed; then the download, or "try again". A report of another region than {kato} is not found here.
/// </summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class ReportModel(BirgeDb db, ReportRequests requests, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int RefreshSeconds = 2;

    [FromRoute]
    public string Kato { get; set; } = "";

    [FromRoute]
    public Guid ReportId { get; set; }

    public ReportItem Report { get; private set; } = null!;

    public string Place { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>A post without a handler only looks again.</summary>
    public IActionResult OnPost() => Redirect($"/front-office/{Kato}/reports/{ReportId}");

    public async Task<IActionResult> OnPostAgainAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await requests.AgainAsync(ReportId, cancellationToken);
        return Redirect($"/front-office/{Kato}/reports/{ReportId}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if ((await ReportItem.OfAsync(db.Reports.Where(r => r.Id == ReportId && r.RegionKato == Kato), 1, cancellationToken)).FirstOrDefault() is not { } report)
        {
            return false;
        }

        Report = report;
        Place = report.RegionKato == FrontOffice.NationalKato
            ? localizer["Reports_Kazakhstan"]
            : (await db.Regions.AsNoTracking().FirstAsync(r => r.Kato == Kato, cancellationToken)).Name.Resolve();
        return true;
    }
}
