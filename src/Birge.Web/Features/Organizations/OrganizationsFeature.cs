using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Organizations;

/// <summary>Registration, the fair, coordinators and their invitations.</summary>
public static class OrganizationsFeature
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services)
    {
        services.AddScoped<OrganizationRegistration>();
        services.AddScoped<CoordinatorInvitations>();
        services.AddScoped<OrganizationDirectory>();

        // {organizationId} is the organisation itself (an unknown one is let through to its membership check, which
        // refuses it), and its region is the organisation's.
        services.AddOrganizationScope("organizationId", (_, id, _) => Task.FromResult<Guid?>(id));
        services.AddRegionScope("organizationId", async (db, value, cancellationToken) => Guid.TryParse(value, out var id)
            ? await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.RegionKato).FirstOrDefaultAsync(cancellationToken)
            : null);
        return services;
    }

    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app) => app.MapOrganizationsApi();
}
