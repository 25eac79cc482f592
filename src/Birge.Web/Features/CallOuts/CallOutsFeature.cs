using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.CallOuts;

/// <summary>Emergency call-outs (M10): sending, replies by link and SMS, waves, the live board and the roster.</summary>
public static class CallOutsFeature
{
    public static IServiceCollection AddCallOuts(this IServiceCollection services)
    {
        services.AddScoped<CallOutDispatch>();
        services.AddScoped<CallOutReplies>();
        services.AddScoped<CallOutSms>();
        services.AddScoped<CallOutBoard>();
        services.AddScoped<CallOutRoster>();
        services.AddPeriodicJob<CallOutWaves>();
        // The board and the check-in of one call-out are for its region's staff (and the national office).
        services.AddRegionScope("callOutId", async (db, value, cancellationToken) => Guid.TryParse(value, out var id)
            ? await db.CallOuts.AsNoTracking().Where(c => c.Id == id).Select(c => c.RegionKato).FirstOrDefaultAsync(cancellationToken)
            : null);
        return services;
    }

    public static IEndpointRouteBuilder MapCallOuts(this IEndpointRouteBuilder app) => app.MapCallOutsApi();
}
