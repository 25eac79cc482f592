namespace Birge.Web.Features.Profile;

/// <summary>The volunteer's own profile: a page and the API, no services of its own.</summary>
public static class ProfileFeature
{
    public static IEndpointRouteBuilder MapProfile(this IEndpointRouteBuilder app) => app.MapProfileApi();
}
