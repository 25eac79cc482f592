using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.HelpRequests.Volunteers;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// Reading help requests (api.md, "Help requests"). Staff and operators of a region and the national office read full
/// rows of their regions, and each such read is audited (one entry per list call, naming how many rows it showed);
/// everyone else signed in reads the partial record: the category, the district and a point rounded to about 1 km.
/// The volunteer holding the claim reads the full record of that request.
/// </summary>
public static class HelpRequestReadsApi
{
    public const string ListAuditAction = "help_request.list_read";
    public const string ReadAuditAction = "help_request.read";

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapHelpRequestReadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Help requests").RequireAuthorization(Policies.Account);
        api.MapGet("/help-requests", ListAsync)
            .WithSummary("Staff and operators: full rows of their regions (?region=&status=&language=&page=&pageSize=), audited. "
                + "Volunteers: open requests near ?lat=&lon=&radiusKm= (1–100, default 10) or in their own region, without address, phone or name")
            .WithName("listHelpRequests")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/help-requests/{helpRequestId:guid}", ReadAsync)
            .WithSummary("One request: full for its region's staff and operators (audited), the national office and the claimant; partial for others")
            .WithName("getHelpRequest")
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<HelpRequestRows>, Ok<NearbyHelpRequestRows>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user,
        BirgeDb db,
        Scopes scopes,
        AuditLog audit,
        NearbyHelpRequests nearby,
        ApiProblems problems,
        CancellationToken cancellationToken,
        string? region = null,
        string? status = null,
        string? language = null,
        int? page = null,
        int? pageSize = null,
        double? lat = null,
        double? lon = null,
        double? radiusKm = null)
    {
        var number = Math.Clamp(page ?? 1, 1, 100_000);
        var size = Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize);
        var id = Scopes.AccountId(user)!.Value;
        if (!await scopes.WorksForAnyOfficeAsync(user, cancellationToken))
        {
            if (NearbyHelpRequests.Check(lat, lon, radiusKm) is { } refusal)
            {
                return problems.Refusal(refusal);
            }

            var volunteer = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == id, cancellationToken);
            var found = await nearby.FindAsync(volunteer, lat, lon, radiusKm, number, size, cancellationToken);
            return TypedResults.Ok(new NearbyHelpRequestRows(
                [.. found.Items.Select(i => HelpRequestSummary.Of(i.Request, i.DistanceKm, i.OfferedToYou))], found.Total, number, size));
        }

        var wanted = Enum.GetValues<HelpRequestStatus>().Where(s => s != HelpRequestStatus.Unconfirmed && s.ApiName() == status).ToList();
        if (status is not null && wanted.Count == 0)
        {
            return problems.Refusal(Outcome.Invalid("status", ErrorCodes.ValueInvalid));
        }

        if (language is not null && !HelpCategories.Languages.Contains(language))
        {
            return problems.Refusal(Outcome.Invalid("language", ErrorCodes.LanguageInvalid));
        }

        var regions = await OfficeRegionsAsync(user, db, cancellationToken);
        if (region is not null && regions is not null && !regions.Contains(region))
        {
            await audit.RecordDeniedAsync("GET /api/v1/help-requests", "endpoint", null, region, cancellationToken);
            return problems.Refusal(ErrorCodes.Forbidden);
        }

        var rows = db.HelpRequests.AsNoTracking().Where(r => r.Status != HelpRequestStatus.Unconfirmed);
        if (region is not null)
        {
            rows = rows.Where(r => r.RegionKato == region);
        }
        else if (regions is not null)
        {
            rows = rows.Where(r => regions.Contains(r.RegionKato));
        }

        if (wanted.Count == 1)
        {
            var only = wanted[0];
            rows = rows.Where(r => r.Status == only);
        }

        if (language is not null)
        {
            rows = rows.Where(r => r.Language == language);
        }

        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        audit.Record(ListAuditAction, "help_request", null, region ?? (regions is { Count: 1 } ? regions.First() : null),
            $"count={items.Count}; region={region ?? "*"}; status={status ?? "*"}; language={language ?? "*"}; page={number}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new HelpRequestRows([.. items.Select(HelpRequestDetails.Of)], total, number, size));
    }

    private static async Task<Results<Ok<HelpRequestDetails>, Ok<HelpRequestSummary>, ProblemHttpResult>> ReadAsync(
        Guid helpRequestId, ClaimsPrincipal user, BirgeDb db, Scopes scopes, AuditLog audit, ApiProblems problems, CancellationToken cancellationToken)
    {
        var request = await db.HelpRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == helpRequestId, cancellationToken);
        if (request is null)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var id = Scopes.AccountId(user)!.Value;
        if (await scopes.WorksForRegionAsync(user, request.RegionKato, cancellationToken))
        {
            audit.Record(ReadAuditAction, "help_request", request.Id.ToString(), request.RegionKato);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(HelpRequestDetails.Of(request));
        }

        if (request.Status == HelpRequestStatus.Unconfirmed)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        if (request.ClaimedBy == id && request.Status == HelpRequestStatus.Claimed)
        {
            return TypedResults.Ok(HelpRequestDetails.Of(request));
        }

        var offered = await db.HelpRequestOffers.AnyAsync(o => o.HelpRequestId == request.Id && o.VolunteerId == id, cancellationToken);
        return TypedResults.Ok(HelpRequestSummary.Of(request, null, offered));
    }

    /// <summary>The regions whose requests the person works on (any role in their offices); null for the national office and the admin.</summary>
    private static async Task<List<string>?> OfficeRegionsAsync(ClaimsPrincipal user, BirgeDb db, CancellationToken cancellationToken)
    {
        if (user.IsInRole(AccountRole.Admin))
        {
            return null;
        }

        var id = Scopes.AccountId(user)!.Value;
        var offices = await db.FrontOfficeStaff.AsNoTracking().Where(s => s.AccountId == id).Select(s => s.FrontOfficeKato).Distinct().ToListAsync(cancellationToken);
        return offices.Contains(FrontOffice.NationalKato) ? null : offices;
    }
}

/// <summary>
/// What anyone signed in may see of a request: nothing that identifies the person.
/// </summary>
/// <param name="Category">One of groceries, household, transport, company, psychological, disaster, digital, other.</param>
/// <param name="Status">new or open (waiting for a volunteer), claimed, done_unconfirmed, closed, …</param>
/// <param name="Urgency">critical, high, normal or low.</param>
/// <param name="Language">kk or ru: the language the person wants to be spoken to in.</param>
/// <param name="District">The town, village or city district (the locality), never the street address; null when none was given.</param>
/// <param name="Latitude">The point rounded to two decimals (about 1 km); null when the request has no point.</param>
/// <param name="Longitude">The point rounded to two decimals (about 1 km).</param>
/// <param name="DistanceKm">From the point of a nearby search, in kilometres (from the exact point, rounded to 0.1 km); null otherwise.</param>
/// <param name="OfferedToYou">An operator offered this request to the caller.</param>
public sealed record HelpRequestSummary(
    Guid Id,
    string Category,
    string Status,
    string Urgency,
    string Language,
    string RegionKato,
    string? District,
    double? Latitude,
    double? Longitude,
    DateTime CreatedAt,
    double? DistanceKm,
    bool OfferedToYou)
{
    public static HelpRequestSummary Of(HelpRequest r, double? distanceKm, bool offeredToYou) => new(
        r.Id,
        r.Category,
        r.Status.ApiName(),
        r.Urgency.ApiName(),
        r.Language,
        r.RegionKato,
        r.Locality,
        r.Latitude is { } lat ? HelpRequest.Rounded(lat) : null,
        r.Longitude is { } lon ? HelpRequest.Rounded(lon) : null,
        r.CreatedAt,
        distanceKm is { } d ? Math.Round(d, 1) : null,
        offeredToYou);
}

/// <summary>
/// The whole request: for its region's staff and operators, the national office (each read audited) and the volunteer holding the claim.
/// </summary>
/// <param name="TrackingCode">The short code the person follows the request by.</param>
/// <param name="Category">One of groceries, household, transport, company, psychological, disaster, digital, other.</param>
/// <param name="Status">unconfirmed, new, open, claimed, done_unconfirmed, closed, closed_unresponsive, cancelled or duplicate.</param>
/// <param name="Urgency">critical, high, normal or low.</param>
/// <param name="Language">kk or ru.</param>
/// <param name="District">The locality: town, village or city district.</param>
/// <param name="Address">The exact address; null once erased (90 days after closing).</param>
/// <param name="Latitude">The exact point, when one was given.</param>
/// <param name="Name">The requester's name; null when not given or erased.</param>
/// <param name="Phone">The requester's phone (+77…); null once erased.</param>
/// <param name="Vulnerabilities">Who it is for: elderly, disability, large_family, alone.</param>
/// <param name="Source">online or phone.</param>
/// <param name="ClaimDueAt">When a volunteer should have claimed it (the SLA).</param>
/// <param name="DoneDueAt">When it should be done (the SLA).</param>
/// <param name="ClaimedBy">The volunteer holding the claim.</param>
/// <param name="ClaimExpiresAt">When the claim runs out and the request returns to the queue.</param>
/// <param name="DuplicateOf">The request this one repeats, when linked as a duplicate.</param>
public sealed record HelpRequestDetails(
    Guid Id,
    string TrackingCode,
    string Category,
    string Status,
    string Urgency,
    string Language,
    string RegionKato,
    string? District,
    string Description,
    string? Address,
    double? Latitude,
    double? Longitude,
    string? Name,
    string? Phone,
    IReadOnlyList<string> Vulnerabilities,
    string Source,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ClaimDueAt,
    DateTime? DoneDueAt,
    Guid? ClaimedBy,
    DateTime? ClaimExpiresAt,
    Guid? DuplicateOf)
{
    public static HelpRequestDetails Of(HelpRequest r) => new(
        r.Id,
        r.TrackingCode,
        r.Category,
        r.Status.ApiName(),
        r.Urgency.ApiName(),
        r.Language,
        r.RegionKato,
        r.Locality,
        r.Description,
        r.Address,
        r.Latitude,
        r.Longitude,
        r.RequesterName,
        r.Phone,
        r.Vulnerabilities,
        r.Source.ToString().ToLowerInvariant(),
        r.CreatedAt,
        r.UpdatedAt,
        r.ClaimDueAt,
        r.DoneDueAt,
        r.ClaimedBy,
        r.ClaimExpiresAt,
        r.DuplicateOfId);
}

/// <summary>A page of full rows (staff and operators).</summary>
public sealed record HelpRequestRows(IReadOnlyList<HelpRequestDetails> Items, int Total, int Page, int PageSize);

/// <summary>A page of nearby open requests (volunteers), nearest first when a point was given.</summary>
public sealed record NearbyHelpRequestRows(IReadOnlyList<HelpRequestSummary> Items, int Total, int Page, int PageSize);
