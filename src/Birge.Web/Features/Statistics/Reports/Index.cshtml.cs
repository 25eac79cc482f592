using System.Globalization;
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
/// A region's reports ({kato} is the region's scope; "national" the country's, for the national office), newest
/// period first, and "Make a report now": a month (the national office also a half-year) in a language.
/// </summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class IndexModel(BirgeDb db, ReportRequests requests, StatsReader reader, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int Shown = 200;

    [FromRoute]
    public string Kato { get; set; } = "";

    [BindProperty]
    public ReportForm Input { get; set; } = new();

    public bool IsNational => Kato == FrontOffice.NationalKato;

    public string Place { get; private set; } = "";

    public List<ReportItem> Reports { get; private set; } = [];

    public List<string> Halves { get; private set; } = [];

    /// <summary>For the national office: every region, to open its reports.</summary>
    public List<(string Kato, string Name)> Regions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var last = reader.Today.AddMonths(-1);
        Input.Month = $"{last:yyyy-MM}";
        Input.Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var asked = await requests.AskAsync(Kato, Input, Scopes.AccountId(User)!.Value, cancellationToken);
        if (asked.Value is { } report)
        {
            return Redirect($"/front-office/{Kato}/reports/{report.Id}");
        }

        ModelState.AddRefusal(asked, localizer);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        if (IsNational)
        {
            Place = localizer["Reports_Kazakhstan"];
            Halves = [.. requests.Halves()];
            Input.Half ??= Halves.FirstOrDefault();
            Regions = [.. regions.Select(r => (r.Kato, r.Name.Resolve())).OrderBy(r => r.Item2, StringComparer.Create(CultureInfo.CurrentCulture, true))];
        }
        else if (regions.FirstOrDefault(r => r.Kato == Kato) is { } region)
        {
            Place = region.Name.Resolve();
        }
        else
        {
            return false;
        }

        Reports = await ReportItem.OfAsync(db.Reports.Where(r => r.RegionKato == Kato), Shown, cancellationToken);
        return true;
    }
}

/// <summary>A report as lists and its progress page show it (never its PDF).</summary>
public sealed record ReportItem(Guid Id, string Kind, string RegionKato, DateOnly From, DateOnly To, string Language, string Status, int Progress, bool Scheduled, DateTime CreatedAt, DateTime? ReadyAt)
{
    public bool IsPending => Status is Report.Queued or Report.Making;

    public static Task<List<ReportItem>> OfAsync(IQueryable<Report> reports, int take, CancellationToken cancellationToken) =>
        reports.OrderByDescending(r => r.From).ThenByDescending(r => r.CreatedAt).Take(take)
            .Select(r => new ReportItem(r.Id, r.Kind, r.RegionKato, r.From, r.To, r.Language, r.Status, r.Progress, r.RequestedBy == null, r.CreatedAt, r.ReadyAt))
            .ToListAsync(cancellationToken);

    /// <summary>"November 2026", or "1 January 2026 — 30 June 2026" for a half-year.</summary>
    public string Period(CultureInfo culture) =>
        Kind == Report.Monthly ? From.ToString("Y", culture) : $"{From.ToString("d", culture)} — {To.ToString("d", culture)}";
}
