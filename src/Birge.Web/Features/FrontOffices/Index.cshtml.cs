using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.FrontOffices;

/// <summary>
/// A front office's dashboard: for each region the person covers, how many organisations are pending, verified,
/// rejected or suspended, and the queue of pending ones, oldest first.
/// </summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class IndexModel(BirgeDb db, Scopes scopes) : PageModel
{
    public const int QueueSize = 200;

    /// <summary>National staff (and anyone covering more than one region) may look at one region.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    public List<RegionCounts> Regions { get; private set; } = [];

    public List<QueueItem> Queue { get; private set; } = [];

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
    }
}

public sealed record RegionCounts(string Kato, string Name, int Pending, int Verified, int Rejected, int Suspended);

public sealed record QueueItem(Guid Id, string RegionKato, string Bin, string Name, DateTime CreatedAt);

public sealed record ChangeItem(Guid Id, string Name, string NewName, string RegionKato, string NewRegionKato, DateTime RequestedAt);
