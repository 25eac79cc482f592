using System.Globalization;
using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Opportunities;

/// <summary>
/// What a volunteer asks for, as the page's GET form and the API's query string both carry it (same names).
/// Dates are days in Kazakhstan; <see cref="Lat"/>/<see cref="Lon"/> with <see cref="RadiusKm"/> ask for nearby ones.
/// </summary>
public sealed record OpportunityQuery(
    string? Q = null,
    string? Region = null,
    string? Direction = null,
    DateOnly? From = null,
    DateOnly? To = null,
    double? Lat = null,
    double? Lon = null,
    double? RadiusKm = null,
    int? Age = null,
    bool Free = false,
    int Page = 1,
    int PageSize = OpportunitySearch.DefaultPageSize)
{
    public bool Near => Lat is not null && Lon is not null;
}

/// <summary>One result: enough to choose, with the distance when the search was by a point.</summary>
public sealed record OpportunityHit(
    Guid Id,
    LocalizedText Title,
    string Organization,
    string RegionKato,
    DateTime StartsAt,
    bool Online,
    int SeatsLeft,
    double? DistanceKm);

/// <summary>
/// Search of published opportunities that are not over, used alike by <c>/opportunities</c> and
/// <c>GET /api/v1/opportunities</c>. Text is matched in lower case against <see cref="Opportunity.SearchText"/>
/// (lower-cased the same way, so Kazakh capitals find lower-case words on both databases; PostgreSQL serves it
/// from a trigram index). Near a point: a bounding box in SQL, then the exact great-circle distance, nearest first;
/// otherwise the soonest first. A stranger's search reads a standby when one is configured (<see cref="DatabaseSetup.Standby"/>).
/// </summary>
public sealed class OpportunitySearch([FromKeyedServices(DatabaseSetup.Standby)] BirgeDb db, Scopes scopes, SearchResults results, TimeProvider clock)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const double DefaultRadiusKm = 50;
    public const double MaxRadiusKm = 2000;
    private const double EarthRadiusKm = 6371.0;
    private const double KmPerDegree = 111.32;

    /// <summary>
    /// Refusals of the query, each on its field: days outside <see cref="DateWindow"/>, a point that is half given or
    /// not a number (NaN and infinities included), a radius out of range.
    /// </summary>
    public List<FieldError> Validate(OpportunityQuery query)
    {
        var errors = DateWindow.Check(query.From, query.To, clock.GetUtcNow().UtcDateTime);
        if (query.Lat is null != query.Lon is null || query.Lat is not (null or (>= -90 and <= 90)) || query.Lon is not (null or (>= -180 and <= 180)))
        {
            errors.Add(new FieldError("lat", OpportunityErrors.CoordinatesInvalid));
        }

        if (query.RadiusKm is not (null or (> 0 and <= MaxRadiusKm)))
        {
            errors.Add(new FieldError("radiusKm", OpportunityErrors.CoordinatesInvalid));
        }

        if (query.Age is < 0 or > 150)
        {
            errors.Add(new FieldError("age", ErrorCodes.ValueInvalid));
        }

        return errors;
    }

    /// <summary>The search; a stranger's may be answered as it was a few seconds ago (<see cref="SearchResults"/>).</summary>
    public Task<(List<OpportunityHit> Items, int Total)> SearchAsync(OpportunityQuery query, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.Identity?.IsAuthenticated == true || !results.Enabled
            ? SearchAsync(query, cancellationToken)
            // Shared by everyone who asks in the meantime, so not cancelled with the request that started it.
            : results.GetAsync(query, () => SearchAsync(query, CancellationToken.None));

    /// <summary>The search, as the database answers it now.</summary>
    public async Task<(List<OpportunityHit> Items, int Total)> SearchAsync(OpportunityQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var opportunities = db.Opportunities.AsNoTracking()
            .Where(o => o.Status == OpportunityStatus.Published && o.EndsAt > now);

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = "%" + Escape(query.Q.Trim().ToLowerInvariant()) + "%";
            opportunities = opportunities.Where(o => EF.Functions.Like(o.SearchText, pattern, "\\"));
        }

        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            var region = query.Region.Trim();
            opportunities = opportunities.Where(o => o.RegionKato == region);
        }

        if (!string.IsNullOrWhiteSpace(query.Direction))
        {
            var direction = query.Direction.Trim();
            opportunities = opportunities.Where(o => o.Directions.Contains(direction));
        }

        if (query.From is not null || query.To is not null)
        {
            // A shift that overlaps the days asked for, counted in Kazakhstan. The opportunity's first start and last
            // end bound its shifts, so checking them first (inside the index) leaves few whose shifts need a look.
            var from = query.From is { } f ? KazakhstanTime.ToUtc(f.ToDateTime(TimeOnly.MinValue)) : DateTime.UnixEpoch;
            var to = query.To is { } t ? KazakhstanTime.ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)) : new DateTime(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            opportunities = opportunities.Where(o => o.StartsAt < to && o.EndsAt > from && o.Shifts.Any(s => s.EndsAt > from && s.StartsAt < to));
        }

        if (query.Age is { } age)
        {
            opportunities = opportunities.Where(o => o.MinAge <= age && (age >= Opportunity.EmergencyMinAge || !o.Directions.Contains(Domain.Direction.Emergency)));
        }

        if (query.Free)
        {
            // Counted rather than Any (EXISTS): PostgreSQL then looks at each remaining opportunity's few shifts in the
            // index, instead of hashing every free shift in the country when it overestimates how many remain.
            opportunities = opportunities.Where(o => o.Shifts.Count(s => s.EndsAt > now && s.Taken < s.Capacity) > 0);
        }

        return query.Near
            ? await NearAsync(opportunities, query, now, cancellationToken)
            : await SoonestAsync(opportunities, query, now, cancellationToken);
    }

    /// <summary>An organisation's published opportunities that are not over, the soonest first (its public profile).</summary>
    public async Task<List<OpportunityHit>> ComingOfAsync(Guid organizationId, int take, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.Opportunities.AsNoTracking()
            .Where(o => o.OrganizationId == organizationId && o.Status == OpportunityStatus.Published && o.EndsAt > now)
            .OrderBy(o => o.StartsAt).ThenBy(o => o.Id)
            .Take(take)
            .Select(o => o.Id)
            .ToListAsync(cancellationToken);
        var hits = await HitsAsync(ids, now, cancellationToken);
        return [.. ids.Select(id => hits[id])];
    }

    private async Task<(List<OpportunityHit>, int)> SoonestAsync(IQueryable<Opportunity> opportunities, OpportunityQuery query, DateTime now, CancellationToken cancellationToken)
    {
        var total = await opportunities.CountAsync(cancellationToken);
        var ids = await opportunities
            .OrderBy(o => o.StartsAt).ThenBy(o => o.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(o => o.Id)
            .ToListAsync(cancellationToken);
        var hits = await HitsAsync(ids, now, cancellationToken);
        return ([.. ids.Select(id => hits[id])], total);
    }

    private async Task<(List<OpportunityHit>, int)> NearAsync(IQueryable<Opportunity> opportunities, OpportunityQuery query, DateTime now, CancellationToken cancellationToken)
    {
        var lat = query.Lat!.Value;
        var lon = query.Lon!.Value;
        var radius = query.RadiusKm ?? DefaultRadiusKm;
        var dLat = radius / KmPerDegree;
        var dLon = radius / (KmPerDegree * Math.Max(0.01, Math.Cos(lat * Math.PI / 180)));
        var (minLat, maxLat, minLon, maxLon) = (lat - dLat, lat + dLat, lon - dLon, lon + dLon);
        var candidates = await opportunities
            .Where(o => !o.Online && o.Latitude != null && o.Longitude != null
                && o.Latitude >= minLat && o.Latitude <= maxLat && o.Longitude >= minLon && o.Longitude <= maxLon)
            .Select(o => new { o.Id, o.Latitude, o.Longitude, o.StartsAt })
            .ToListAsync(cancellationToken);
        var near = candidates
            .Select(c => (c.Id, c.StartsAt, Km: DistanceKm(lat, lon, c.Latitude!.Value, c.Longitude!.Value)))
            .Where(c => c.Km <= radius)
            .OrderBy(c => c.Km).ThenBy(c => c.StartsAt).ThenBy(c => c.Id)
            .ToList();
        var page = near.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        var hits = await HitsAsync([.. page.Select(c => c.Id)], now, cancellationToken);
        return ([.. page.Select(c => hits[c.Id] with { DistanceKm = Math.Round(c.Km, 1) })], near.Count);
    }

    private async Task<Dictionary<Guid, OpportunityHit>> HitsAsync(List<Guid> ids, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await db.Opportunities.AsNoTracking()
            .Where(o => ids.Contains(o.Id))
            .Join(db.Organizations, o => o.OrganizationId, g => g.Id, (o, g) => new
            {
                o.Id,
                TitleKk = o.Title.Kk,
                TitleRu = o.Title.Ru,
                TitleEn = o.Title.En,
                Organization = g.Name,
                o.RegionKato,
                o.StartsAt,
                o.Online,
                SeatsLeft = db.Shifts.Where(s => s.OpportunityId == o.Id && s.EndsAt > now).Sum(s => (int?)(s.Capacity - s.Taken)) ?? 0,
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.Id,
            r => new OpportunityHit(r.Id, new LocalizedText(r.TitleKk, r.TitleRu, r.TitleEn), r.Organization, r.RegionKato, r.StartsAt, r.Online, r.SeatsLeft, null));
    }

    /// <summary>
    /// One opportunity with its shifts and organisation as a reader may see it: published or cancelled ones to anyone,
    /// a draft only to its organisation's people, else null (the caller answers 404).
    /// </summary>
    public async Task<(Opportunity Opportunity, Organization Organization)?> VisibleAsync(Guid opportunityId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.AsNoTracking().Include(o => o.Shifts).FirstOrDefaultAsync(o => o.Id == opportunityId, cancellationToken);
        if (opportunity is null
            || (opportunity.Status == OpportunityStatus.Draft && await scopes.OrganizationRoleAsync(user, opportunity.OrganizationId, cancellationToken) is null))
        {
            return null;
        }

        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == opportunity.OrganizationId, cancellationToken);
        return (opportunity, organization);
    }

    /// <summary>The great-circle (haversine) distance in kilometres.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>A distance as people read it: one decimal, in the current language's digits.</summary>
    public static string FormatKm(double km) => km.ToString("0.0", CultureInfo.CurrentCulture);

    public static int ClampPage(int? page) => page is null or < 1 ? 1 : Math.Min(page.Value, 100_000);

    public static int ClampPageSize(int? pageSize) => pageSize is null or < 1 ? DefaultPageSize : Math.Min(pageSize.Value, MaxPageSize);

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
