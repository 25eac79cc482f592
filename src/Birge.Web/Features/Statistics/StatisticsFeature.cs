using Birge.Web.Features.Statistics.OpenData;
using Birge.Web.Infrastructure;

namespace Birge.Web.Features.Statistics;

/// <summary>
/// Statistics (M17): the daily snapshot of what happened, by region, day and metric, and the one reader that the
/// dashboard, the API, open data and the reports share, so their numbers agree.
/// </summary>
public static class StatisticsFeature
{
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<DailyFigures>();
        services.AddScoped<StatsReader>();
        services.AddPeriodicJob<StatsSnapshots>();
        services.AddPeriodicJob<OpenDataPublishing>();
        return services;
    }

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app) => app.MapStatsApi().MapOpenDataApi();
}
