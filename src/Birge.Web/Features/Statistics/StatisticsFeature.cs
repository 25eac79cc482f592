using Birge.Web.Features.Statistics.Dashboard;
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
        services.AddSingleton<StatsCache>();
        services.AddScoped<DailyFigures>();
        services.AddScoped<StatsReader>();
        services.AddScoped<RegionKpis>();
        services.AddPeriodicJob<StatsSnapshots>();
        services.AddScoped<StatsDashboard>();
        services.AddScoped<Reports.ReportRequests>();
        services.AddScoped<Reports.ReportWriter>();
        services.AddPeriodicJob<Reports.ReportMaker>();
        services.AddRegionCheckedByEndpoint("reportId", "a report's pages answer 404 unless the report is of the route's {kato}");
        services.AddPeriodicJob<OpenDataPublishing>();
        return services;
    }

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        app.MapStatsApi();
        app.MapRegionKpisApi();
        app.MapDashboardCsv();
        app.MapOpenDataApi();
        return app;
    }
}
