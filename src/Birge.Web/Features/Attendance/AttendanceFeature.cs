namespace Birge.Web.Features.Attendance;

/// <summary>Check-in by a rotating code, attendance, and hours confirmed by the organisation.</summary>
public static class AttendanceFeature
{
    public static IServiceCollection AddAttendance(this IServiceCollection services)
    {
        services.AddScoped<ShiftCheckin>();
        services.AddScoped<ShiftHours>();
        return services;
    }

    public static IEndpointRouteBuilder MapAttendance(this IEndpointRouteBuilder app) => app.MapAttendanceApi();
}
