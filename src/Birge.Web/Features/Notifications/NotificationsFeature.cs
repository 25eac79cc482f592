namespace Birge.Web.Features.Notifications;

/// <summary>Notifications people can act on (M18): the inbox, preferences, delivery reports and the deliveries page.</summary>
public static class NotificationsFeature
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) => services
        .AddScoped<Inbox>()
        .AddScoped<NotificationSettings>()
        .AddScoped<DeliveryReports>();

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app) => app.MapNotificationsApi();
}
