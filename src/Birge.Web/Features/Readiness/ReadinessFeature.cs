using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Readiness;

/// <summary>The readiness register (M10): permanent regional teams, their adult members, certificates and readiness.</summary>
public static class ReadinessFeature
{
    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddScoped<TeamRoster>();
        services.AddScoped<ReadinessReport>();
        services.AddPeriodicJob<CertificateExpiry>();
        // A team's pages and endpoints are for the staff of its region (and the national office).
        services.AddRegionScope("teamId", async (db, value, cancellationToken) => Guid.TryParse(value, out var id)
            ? await db.Teams.AsNoTracking().Where(t => t.Id == id).Select(t => t.RegionKato).FirstOrDefaultAsync(cancellationToken)
            : null);
        return services;
    }

    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder app) => app.MapReadinessApi();
}
