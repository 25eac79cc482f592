using Birge.Web.Infrastructure;

namespace Birge.Web.Features.FrontOffices;

/// <summary>The national and regional front offices: staff, moderation of organisations, changes of legal details.</summary>
public static class FrontOfficesFeature
{
    public static IServiceCollection AddFrontOffices(this IServiceCollection services)
    {
        services.AddScoped<StaffAssignment>();
        services.AddScoped<OrganizationVerification>();
        services.AddScoped<LegalDetailsChanges>();

        // {kato} is the region itself.
        services.AddRegionScope("kato", (_, kato, _) => Task.FromResult<string?>(kato));
        services.AddRegionCheckedByEndpoint("changeId", "the change page refuses staff of other regions and audits the refusal with the change");
        return services;
    }

    public static IEndpointRouteBuilder MapFrontOffices(this IEndpointRouteBuilder app) => app.MapFrontOfficesApi();
}
