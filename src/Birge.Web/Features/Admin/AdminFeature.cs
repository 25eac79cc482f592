namespace Birge.Web.Features.Admin;

/// <summary>The national admin's tools: staff assignment pages and the audit log.</summary>
public static class AdminFeature
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) => services.AddScoped<AuditQuery>().AddScoped<AuditNames>();

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app) => app.MapAuditApi();
}
