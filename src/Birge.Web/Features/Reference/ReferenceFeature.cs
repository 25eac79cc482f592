namespace Birge.Web.Features.Reference;

/// <summary>Regions and directions for every form and client; read-only, no services of its own.</summary>
public static class ReferenceFeature
{
    public static IEndpointRouteBuilder MapReference(this IEndpointRouteBuilder app) => app.MapReferenceApi();
}
