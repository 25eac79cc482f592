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

namespace Birge.Web.Features.FrontOffices;

/// <summary>
/// A front office's dashboard: for each region the person covers, how many organisations are pending, verified,
/// rejected or suspended, and the queue of pending ones, oldest first; and the IINs given at sign-up that another
/// account holds, to check (a read of personal data, so it is audited); and the key figures of the region shown for a
/// month (<see cref="Statistics.RegionKpis"/>).
/// </summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class IndexModel(
    BirgeDb db,
    Scopes scopes,
    AuditLog audit,
    TimeProvider clock,
    HelpRequests.HelpRequestCounts helpCounts,
    Statistics.RegionKpis kpis,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int QueueSize = 200;

    public const int IinChecksShown = 50;

    /// <summary>National staff (and anyone covering more than one region) may look at one region.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    /// <summary>The month of the key figures, "2026-11"; this month when empty.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    /// <summary>The key figures of the one region shown; null when several are (or the month is refused).</summary>
    public Statistics.RegionKpiSheet? Kpis { get; private set; }

    public List<RegionCounts> Regions { get; private set; } = [];

    /// <summary>Help requests of the same regions: new, open, claimed, overdue, closed today, median time to close.</summary>
    public List<HelpRequests.HelpRequestRegionCounts> HelpCounts { get; private set; } = [];

    public List<QueueItem> Queue { get; private set; } = [];

    /// <summary>Open checks first, then the latest resolved ones.</summary>
    public List<IinCheckItem> IinChecks { get; private set; } = [];

    public int QueueTotal { get; private set; }

    /// <summary>Verified organisations' changes of legal details asked for in the person's regions, oldest first.</summary>
    public List<ChangeItem> Changes { get; private set; } = [];

    public bool CanFilter { get; private set; }

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    /// <summary>The regions the filter offers: those the person covers.</summary>
    public List<string> Choices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var covered = await scopes.StaffRegionsAsync(User, cancellationToken);
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        var mine = regions.Where(r => covered is null || covered.Contains(r.Kato)).ToList();
        RegionNames = regions.ToDictionary(r => r.Kato, r => r.Name.Resolve());
        CanFilter = mine.Count > 1;
        Choices = [.. mine.Select(r => r.Kato).OrderBy(k => RegionNames[k], StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];
        if (!string.IsNullOrEmpty(Region) && mine.Any(r => r.Kato == Region))
        {
            mine = [.. mine.Where(r => r.Kato == Region)];
        }
        else
        {
            Region = null;
        }

        var katos = mine.Select(r => r.Kato).ToList();
        var counts = await db.Organizations.AsNoTracking()
            .Where(o => katos.Contains(o.RegionKato))
            .GroupBy(o => new { o.RegionKato, o.Status })
            .Select(g => new { g.Key.RegionKato, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(string kato, OrganizationStatus status) =>
            counts.Where(c => c.RegionKato == kato && c.Status == status).Sum(c => c.Count);
        Regions = [.. mine
            .Select(r => new RegionCounts(
                r.Kato,
                RegionNames[r.Kato],
                Count(r.Kato, OrganizationStatus.Pending),
                Count(r.Kato, OrganizationStatus.Verified),
                Count(r.Kato, OrganizationStatus.Rejected),
                Count(r.Kato, OrganizationStatus.Suspended)))
            .OrderBy(r => r.Name, StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];

        HelpCounts = await helpCounts.ForRegionsAsync([.. Regions.Select(r => r.Kato)], cancellationToken);
        var month = Statistics.RegionKpis.ParseMonth(Month, kpis.Today);
        if (!month.Succeeded)
        {
            ModelState.AddRefusal(month, localizer, prefix: "");
        }
        else if (Regions.Count == 1)
        {
            Month = month.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            Kpis = await kpis.ForMonthAsync(Regions[0].Kato, month.Value, cancellationToken);
        }

        var pending = db.Organizations.AsNoTracking()
            .Where(o => katos.Contains(o.RegionKato) && o.Status == OrganizationStatus.Pending);
        QueueTotal = await pending.CountAsync(cancellationToken);
        Queue = await pending
            .OrderBy(o => o.CreatedAt)
            .Take(QueueSize)
            .Select(o => new QueueItem(o.Id, o.RegionKato, o.Bin, o.Name, o.CreatedAt))
            .ToListAsync(cancellationToken);
        Changes = await db.OrganizationChanges.AsNoTracking()
            .Where(c => katos.Contains(c.RegionKato) && c.Status == OrganizationChangeStatus.Pending)
            .Join(db.Organizations, c => c.OrganizationId, o => o.Id, (c, o) => new { c, o })
            .OrderBy(x => x.c.RequestedAt)
            .Take(QueueSize)
            .Select(x => new ChangeItem(x.c.Id, x.o.Name, x.c.Name, x.o.RegionKato, x.c.RegionKato, x.c.RequestedAt))
            .ToListAsync(cancellationToken);

        IinChecks = await db.IinChecks.AsNoTracking()
            .Where(c => katos.Contains(c.RegionKato))
            .Join(db.Accounts, c => c.AccountId, a => a.Id, (c, a) => new { c, a.FullName, Contact = a.Email ?? a.Phone })
            .OrderBy(x => x.c.ResolvedAt != null)
            .ThenByDescending(x => x.c.CreatedAt)
            .Take(IinChecksShown)
            .Select(x => new IinCheckItem(x.c.Id, x.c.RegionKato, x.FullName, x.Contact, x.c.Iin, x.c.CreatedAt, x.c.ResolvedAt))
            .ToListAsync(cancellationToken);
        if (IinChecks.Count > 0)
        {
            foreach (var region in IinChecks.Select(c => c.RegionKato).Distinct())
            {
                audit.Record("account.iin_checks_viewed", "region", region, region);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Staff of the check's region mark it resolved; anyone else is refused, and the attempt audited.</summary>
    public async Task<IActionResult> OnPostResolveIinCheckAsync(Guid checkId, CancellationToken cancellationToken)
    {
        var check = await db.IinChecks.FirstOrDefaultAsync(c => c.Id == checkId, cancellationToken);
        if (check is null)
        {
            return NotFound();
        }

        if (!await scopes.IsStaffOfRegionAsync(User, check.RegionKato, cancellationToken))
        {
            await audit.RecordDeniedAsync("account.iin_check_resolve", "account", check.AccountId.ToString(), check.RegionKato, cancellationToken);
            return Forbid();
        }

        if (check.Resolve(Scopes.AccountId(User)!.Value, clock.GetUtcNow().UtcDateTime))
        {
            audit.Record("account.iin_check_resolved", "account", check.AccountId.ToString(), check.RegionKato);
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Status"] = "IinCheck_Resolved_Done";
        return RedirectToPage(new { Region });
    }
}

public sealed record RegionCounts(string Kato, string Name, int Pending, int Verified, int Rejected, int Suspended);

public sealed record QueueItem(Guid Id, string RegionKato, string Bin, string Name, DateTime CreatedAt);

public sealed record ChangeItem(Guid Id, string Name, string NewName, string RegionKato, string NewRegionKato, DateTime RequestedAt);
public sealed record IinCheckItem(Guid Id, string RegionKato, string? FullName, string? Contact, string? Iin, DateTime CreatedAt, DateTime? ResolvedAt);
