using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests.Volunteers;

/// <summary>
/// The open requests a volunteer may take: near a point (nearest first) or, without one, in the volunteer's own region
/// (soonest due first). Requests that need an adult are left out for anyone under 18 (or of unknown age), as claiming
/// them would be refused. Used by <c>GET /api/v1/help-requests</c> and the "Help nearby" page.
/// </summary>
public sealed class NearbyHelpRequests(BirgeDb db, TimeProvider clock)
{
    public const double DefaultRadiusKm = 10;
    public const double MinRadiusKm = 1;
    public const double MaxRadiusKm = 100;

    private const double KmPerDegree = 111.32;

    /// <summary>Checks a point search: both coordinates or neither, each finite and on the globe, the radius 1–100 km.</summary>
    public static Refusal? Check(double? latitude, double? longitude, double? radiusKm)
    {
        var errors = new List<FieldError>();
        if (latitude is null != longitude is null)
        {
            errors.Add(new FieldError(latitude is null ? "lat" : "lon", ErrorCodes.ValueInvalid));
        }

        if (latitude is { } lat && (!double.IsFinite(lat) || lat is < -90 or > 90))
        {
            errors.Add(new FieldError("lat", ErrorCodes.ValueInvalid));
        }

        if (longitude is { } lon && (!double.IsFinite(lon) || lon is < -180 or > 180))
        {
            errors.Add(new FieldError("lon", ErrorCodes.ValueInvalid));
        }

        if (radiusKm is { } r && (!double.IsFinite(r) || r < MinRadiusKm || r > MaxRadiusKm))
        {
            errors.Add(new FieldError("radiusKm", ErrorCodes.ValueInvalid));
        }

        return errors.Count == 0 ? null : Outcome.Invalid(errors);
    }

    public async Task<NearbyPage> FindAsync(
        Account volunteer, double? latitude, double? longitude, double? radiusKm, int page, int pageSize, CancellationToken cancellationToken)
    {
        var adult = volunteer.Age(DateOnly.FromDateTime(KazakhstanTime.FromUtc(clock.GetUtcNow().UtcDateTime))) >= Account.AdultAge;
        var open = db.HelpRequests.AsNoTracking().Where(r => r.Status == HelpRequestStatus.New || r.Status == HelpRequestStatus.Open);
        if (!adult)
        {
            open = open.Where(r => !HelpCategories.AdultsOnly.Contains(r.Category));
        }

        List<(HelpRequest Request, double? DistanceKm)> found;
        int total;
        if (latitude is { } lat && longitude is { } lon)
        {
            // A box around the point, then the equirectangular distance (well under 1 % off the great circle within
            // 100 km): the database counts, sorts and pages by it; the page shows the great-circle distance.
            var radius = radiusKm ?? DefaultRadiusKm;
            var kmPerLon = KmPerDegree * Math.Max(Math.Cos(lat * Math.PI / 180), 0.01);
            var dLat = radius / KmPerDegree;
            var dLon = radius / kmPerLon;
            var (south, north, west, east) = (lat - dLat, lat + dLat, lon - dLon, lon + dLon);
            var near = open
                .Where(r => r.Latitude >= south && r.Latitude <= north && r.Longitude >= west && r.Longitude <= east)
                .Select(r => new
                {
                    Request = r,
                    Squared = ((r.Latitude!.Value - lat) * KmPerDegree * (r.Latitude!.Value - lat) * KmPerDegree)
                        + ((r.Longitude!.Value - lon) * kmPerLon * (r.Longitude!.Value - lon) * kmPerLon),
                })
                .Where(x => x.Squared <= radius * radius);
            total = await near.CountAsync(cancellationToken);
            var rows = await near.OrderBy(x => x.Squared).ThenBy(x => x.Request.ClaimDueAt).ThenBy(x => x.Request.Id)
                .Skip((page - 1) * pageSize).Take(pageSize).Select(x => x.Request)
                .ToListAsync(cancellationToken);
            found = [.. rows.Select(r => (r, (double?)DistanceKm(lat, lon, r.Latitude!.Value, r.Longitude!.Value)))];
        }
        else
        {
            var inRegion = open.Where(r => r.RegionKato == volunteer.RegionKato);
            total = await inRegion.CountAsync(cancellationToken);
            var rows = await inRegion.OrderBy(r => r.ClaimDueAt).ThenBy(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
            found = [.. rows.Select(r => (r, (double?)null))];
        }

        var ids = found.Select(f => f.Request.Id).ToList();
        var offered = await db.HelpRequestOffers.AsNoTracking()
            .Where(o => o.VolunteerId == volunteer.Id && ids.Contains(o.HelpRequestId))
            .Select(o => o.HelpRequestId)
            .ToListAsync(cancellationToken);
        return new NearbyPage([.. found.Select(f => new NearbyRequest(f.Request, f.DistanceKm, offered.Contains(f.Request.Id)))], total);
    }

    /// <summary>The open requests an operator offered to this volunteer: shown first on their page.</summary>
    public async Task<List<HelpRequest>> OfferedToAsync(Guid volunteerId, CancellationToken cancellationToken) =>
        await (from o in db.HelpRequestOffers.AsNoTracking()
               join r in db.HelpRequests.AsNoTracking() on o.HelpRequestId equals r.Id
               where o.VolunteerId == volunteerId && (r.Status == HelpRequestStatus.New || r.Status == HelpRequestStatus.Open)
               orderby o.OfferedAt descending
               select r).Take(20).ToListAsync(cancellationToken);

    /// <summary>The great-circle distance in kilometres.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double EarthRadiusKm = 6371.0;
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

public sealed record NearbyRequest(HelpRequest Request, double? DistanceKm, bool OfferedToYou);

public sealed record NearbyPage(IReadOnlyList<NearbyRequest> Items, int Total);
