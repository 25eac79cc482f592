using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics.Reports;

/// <summary>A ready report's PDF, for the staff of its region and the national office ({kato} must be its region).</summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class DownloadModel(BirgeDb db) : PageModel
{
    [FromRoute]
    public string Kato { get; set; } = "";

    [FromRoute]
    public Guid ReportId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking()
            .Where(r => r.Id == ReportId && r.RegionKato == Kato && r.Status == Report.Ready)
            .Select(r => new { r.Kind, r.From, r.Language, r.Pdf })
            .FirstOrDefaultAsync(cancellationToken);
        return report?.Pdf is { } pdf
            ? File(pdf, "application/pdf", string.Create(CultureInfo.InvariantCulture, $"birge-{report.Kind}-{Kato}-{report.From:yyyy-MM}-{report.Language}.pdf"))
            : NotFound();
    }
}
