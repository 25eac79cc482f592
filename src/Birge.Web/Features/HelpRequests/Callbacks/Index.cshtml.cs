using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests.Callbacks;

/// <summary>
/// The call-back queue: requests a volunteer marked done, waiting for an operator to call the person helped, in the
/// person's regions (the national office: all, with a region filter); those due now first, then the later ones.
/// Nothing personal is shown here: the call page has the name and phone, and is audited.
/// </summary>
[Authorize(Policy = Policies.RegionStaffOrOperator)]
public sealed class IndexModel(BirgeDb db, HelpRequestCounts counts, TimeProvider clock) : PageModel
{
    public const int QueueSize = 200;

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    public List<CallbackItem> Due { get; private set; } = [];

    public List<CallbackItem> Later { get; private set; } = [];

    public int Total { get; private set; }

    public List<HelpRequestRegionCounts> Counts { get; private set; } = [];

    public bool CanFilter { get; private set; }

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public List<string> Choices { get; private set; } = [];

    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var covered = await HelpRequestCallbacks.RegionsAsync(db, User, cancellationToken);
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        RegionNames = regions.ToDictionary(r => r.Kato, r => r.Name.Resolve());
        var mine = regions.Where(r => covered is null || covered.Contains(r.Kato)).Select(r => r.Kato).ToList();
        CanFilter = mine.Count > 1;
        Choices = [.. mine.OrderBy(k => RegionNames[k], StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];
        if (!string.IsNullOrEmpty(Region) && mine.Contains(Region))
        {
            mine = [Region];
        }
        else
        {
            Region = null;
        }

        Now = clock.GetUtcNow().UtcDateTime;
        var now = Now;
        var waiting = db.HelpRequests.AsNoTracking().Where(r => r.Status == HelpRequestStatus.DoneUnconfirmed && mine.Contains(r.RegionKato));
        Total = await waiting.CountAsync(cancellationToken);
        var items = await waiting
            .OrderBy(r => r.NextCallbackAt > now)
            .ThenBy(r => r.NextCallbackAt)
            .Take(QueueSize)
            .Select(r => new CallbackItem(r.Id, r.TrackingCode, r.Category, r.RegionKato, r.Locality, r.Language, r.DoneAt, r.CallbackAttempts, r.NextCallbackAt))
            .ToListAsync(cancellationToken);
        Due = [.. items.Where(i => i.NextCallbackAt is not { } next || next <= now)];
        Later = [.. items.Where(i => i.NextCallbackAt > now)];
        Counts = await counts.ForRegionsAsync(mine.Count == 1 ? mine : [.. Choices.Where(mine.Contains)], cancellationToken);
    }
}

public sealed record CallbackItem(
    Guid Id, string TrackingCode, string Category, string RegionKato, string? Locality, string Language, DateTime? DoneAt, int Attempts, DateTime? NextCallbackAt);
