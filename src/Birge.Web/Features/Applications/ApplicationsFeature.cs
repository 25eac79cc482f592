using Birge.Web.Infrastructure;

namespace Birge.Web.Features.Applications;

/// <summary>Applying to shifts, the waitlist, my shifts, rosters and the day-before reminders.</summary>
public static class ApplicationsFeature
{
    public static IServiceCollection AddApplications(this IServiceCollection services)
    {
        services.AddScoped<ShiftApplications>();
        services.AddScoped<Rosters>();
        services.AddPeriodicJob<Reminders>();
        return services;
    }

    public static IEndpointRouteBuilder MapApplications(this IEndpointRouteBuilder app) => app.MapApplicationsApi();
}
