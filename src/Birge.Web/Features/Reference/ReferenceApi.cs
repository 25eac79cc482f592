using Birge.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Reference;

/// <summary>Regions and directions: the reference data every form and partner needs.</summary>
public static class ReferenceApi
{
    public static IEndpointRouteBuilder MapReferenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Reference data").AllowAnonymous();
        api.MapGet("/regions", async (BirgeDb db, CancellationToken ct) =>
        {
            var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Kato).ToListAsync(ct);
            return TypedResults.Ok(regions.Select(r => new RegionItem(r.Kato, r.Iso, r.Name.Resolve(), r.Name.ToDictionary())).ToList());
        }).WithSummary("The 20 regions: KATO and ISO codes, the name in the request's language and in all three").WithName("listRegions");
        api.MapGet("/directions", async (BirgeDb db, CancellationToken ct) =>
        {
            var directions = await db.Directions.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(ct);
            return TypedResults.Ok(directions.Select(d => new DirectionItem(d.Code, d.Name.Resolve(), d.Name.ToDictionary(), d.MinimumAge)).ToList());
        }).WithSummary("The directions of volunteering, with the youngest age each allows").WithName("listDirections");
        return app;
    }
}

public sealed record RegionItem(string Kato, string Iso, string Name, IReadOnlyDictionary<string, string> Names);

public sealed record DirectionItem(string Code, string Name, IReadOnlyDictionary<string, string> Names, int MinimumAge);
