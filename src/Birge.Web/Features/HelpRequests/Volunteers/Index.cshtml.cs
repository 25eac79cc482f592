using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.HelpRequests.Volunteers;

/// <summary>
/// "Help nearby": the open requests in the volunteer's region, or near a point they type (a point is not personal, so
/// it may be in the query), those offered to them first; and "My requests": what they hold now and what they did.
/// Nothing here names the person who asked.
/// </summary>
[Authorize(Policy = Policies.Account)]
public sealed class IndexModel(BirgeDb db, NearbyHelpRequests nearby, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int Shown = 50;

    [BindProperty(SupportsGet = true)]
    public double? Lat { get; set; }

    [BindProperty(SupportsGet = true)]
    public double? Lon { get; set; }

    [BindProperty(SupportsGet = true)]
    public double? RadiusKm { get; set; }

    public List<NearbyRequest> Requests { get; private set; } = [];

    public int Total { get; private set; }

    public List<HelpRequest> Holding { get; private set; } = [];

    public List<HelpRequest> Done { get; private set; } = [];

    public Dictionary<Guid, string> Districts { get; private set; } = [];

    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        var id = Scopes.AccountId(User)!.Value;
        var volunteer = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == id, cancellationToken);
        var point = ModelState.IsValid ? NearbyHelpRequests.Check(Lat, Lon, RadiusKm) : null;
        if (point is not null)
        {
            ModelState.AddRefusal(point, localizer, new Dictionary<string, string> { ["lat"] = nameof(Lat), ["lon"] = nameof(Lon), ["radiusKm"] = nameof(RadiusKm) }, prefix: "");
        }

        var (lat, lon) = ModelState.IsValid ? (Lat, Lon) : (null, null);
        var found = await nearby.FindAsync(volunteer, lat, lon, lat is null ? null : RadiusKm, 1, Shown, cancellationToken);
        var offered = await nearby.OfferedToAsync(id, cancellationToken);
        var adult = volunteer.Age(DateOnly.FromDateTime(KazakhstanTime.FromUtc(Now))) >= Account.AdultAge;
        Requests = [.. offered
            .Where(r => adult || !HelpCategories.AdultsOnly.Contains(r.Category))
            .Where(r => found.Items.All(f => f.Request.Id != r.Id))
            .Select(r => new NearbyRequest(r, lat is { } la && lon is { } lo && r.Latitude is { } rla && r.Longitude is { } rlo
                ? NearbyHelpRequests.DistanceKm(la, lo, rla, rlo) : null, true)),
            .. found.Items.Where(f => f.OfferedToYou),
            .. found.Items.Where(f => !f.OfferedToYou)];
        Total = found.Total;
        Holding = await db.HelpRequests.AsNoTracking()
            .Where(r => r.ClaimedBy == id && r.Status == HelpRequestStatus.Claimed)
            .OrderBy(r => r.ClaimExpiresAt)
            .ToListAsync(cancellationToken);
        Done = await db.HelpRequests.AsNoTracking()
            .Where(r => r.HelperId == id && r.DoneAt != null && r.Status != HelpRequestStatus.Claimed)
            .OrderByDescending(r => r.DoneAt)
            .Take(20)
            .ToListAsync(cancellationToken);
        var regions = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Kato, r => r.Name, cancellationToken);
        Districts = Requests.Select(n => n.Request).Concat(Holding).Concat(Done).DistinctBy(r => r.Id).ToDictionary(
            r => r.Id,
            r => !string.IsNullOrWhiteSpace(r.Locality) ? r.Locality : regions.TryGetValue(r.RegionKato, out var name) ? name.Resolve() : r.RegionKato);
        return Page();
    }
}
