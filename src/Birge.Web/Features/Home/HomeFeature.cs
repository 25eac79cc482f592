namespace Birge.Web.Features.Home;

/// <summary>The home page: the public one for strangers, a start page for everyone signed in, and "my organisations".</summary>
public static class HomeFeature
{
    public static IServiceCollection AddHome(this IServiceCollection services) => services.AddScoped<StartPage>();
}
