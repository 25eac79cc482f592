using Birge.Web.Domain;
using Birge.Web.Features.HelpRequests.Matching;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>Help requests and the call centre (M9).</summary>
public static class HelpRequestsFeature
{
    public static IServiceCollection AddHelpRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SlaFromConfiguration(configuration.GetSection("HelpRequests:Sla")));
        services.AddScoped<HelpRequestIntake>();
        services.AddScoped<HelpRequestClaims>();
        services.AddPeriodicJob<ClaimExpiry>();
        services.AddScoped<HelpTracking>();
        services.AddScoped<HelpRequestLookup>();
        services.AddScoped<HelpRequestTriage>();
        services.AddScoped<Volunteers.NearbyHelpRequests>();
        services.AddScoped<HelpRequestMatching>();
        services.AddScoped<HelpRequestOffers>();
        services.AddScoped<HelpRequestHours>();
        services.AddScoped<HelpRequestCallbacks>();
        services.AddScoped<HelpRequestCounts>();
        services.AddPeriodicJob<SlaEscalation>();
        services.AddPeriodicJob<HelpRequestRetention>();
        // The call centre's pages about one request are for the staff and operators of its region (and the national office).
        services.AddRegionScope("helpRequestId", async (db, value, cancellationToken) => Guid.TryParse(value, out var id)
            ? await db.HelpRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.RegionKato).FirstOrDefaultAsync(cancellationToken)
            : null);
        return services;
    }

    public static IEndpointRouteBuilder MapHelpRequests(this IEndpointRouteBuilder app) => app.MapHelpRequestsApi()
        .MapHelpRequestCitizenApi()
        .MapHelpRequestReadsApi()
        .MapHelpOffersApi()
        .MapHelpRequestCallbacksApi();

    /// <summary><c>HelpRequests:Sla:&lt;Urgency&gt;:Claimed</c>, <c>:Done</c> and <c>:Hold</c> (time spans), each defaulting to the targets.</summary>
    private static SlaTargets SlaFromConfiguration(IConfigurationSection section)
    {
        var defaults = new SlaTargets();
        SlaTarget Read(string urgency, SlaTarget fallback) => new(
            section.GetValue($"{urgency}:Claimed", fallback.Claimed),
            section.GetValue($"{urgency}:Done", fallback.Done),
            section.GetValue($"{urgency}:Hold", fallback.Hold));
        return new SlaTargets
        {
            Critical = Read("Critical", defaults.Critical),
            High = Read("High", defaults.High),
            Normal = Read("Normal", defaults.Normal),
            Low = Read("Low", defaults.Low),
        };
    }
}
