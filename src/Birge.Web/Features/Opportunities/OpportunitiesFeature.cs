using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Opportunities;

/// <summary>Opportunities and their shifts: written by an organisation, searched by everyone.</summary>
public static class OpportunitiesFeature
{
    public static IServiceCollection AddOpportunities(this IServiceCollection services)
    {
        services.AddScoped<OpportunityEditor>();
        services.AddScoped<OpportunitySearch>();

        // An opportunity and each of its shifts belong to the organisation that offers it.
        services.AddOrganizationScope("opportunityId", async (db, id, cancellationToken) =>
            await db.Opportunities.AsNoTracking().Where(o => o.Id == id).Select(o => (Guid?)o.OrganizationId).FirstOrDefaultAsync(cancellationToken));
        services.AddOrganizationScope("shiftId", async (db, id, cancellationToken) =>
            await db.Shifts.AsNoTracking().Where(s => s.Id == id)
                .Join(db.Opportunities, s => s.OpportunityId, o => o.Id, (s, o) => (Guid?)o.OrganizationId)
                .FirstOrDefaultAsync(cancellationToken));
        return services;
    }

    public static IEndpointRouteBuilder MapOpportunities(this IEndpointRouteBuilder app) => app.MapOpportunitiesApi();
}
