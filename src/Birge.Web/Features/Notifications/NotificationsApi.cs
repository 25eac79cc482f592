using System.Security.Claims;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Birge.Web.Features.Notifications;

/// <summary>The inbox and the notification preferences (api.md, "Notifications"), and the SMS gateway's delivery reports.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Notifications").RequireAuthorization(Policies.Account);
        me.MapGet("/notifications", ListAsync)
            .WithSummary("One's in-app notices, newest first, 20 a page (?unread=true&page=), with the total and the unread count")
            .WithName("listNotifications");
        me.MapPost("/notifications/{id:guid}/read", ReadAsync)
            .WithSummary("Marks one of one's notices read")
            .WithName("readNotification")
            .ProducesProblems(StatusCodes.Status404NotFound);
        me.MapGet("/notification-preferences", PreferencesAsync)
            .WithSummary("One's channels (in-app, e-mail, SMS) for every kind of message; critical kinds always go by all")
            .WithName("getNotificationPreferences");
        me.MapPut("/notification-preferences", SavePreferencesAsync)
            .WithSummary("Sets the channels of the kinds given; a critical kind cannot lose a channel (notification_critical)")
            .WithName("setNotificationPreferences")
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        app.MapPost("/api/v1/sms/delivery", DeliveryReportAsync)
            .WithTags("Notifications")
            .WithSummary("The SMS gateway reports a message delivered or failed, with header X-Gateway-Secret (the setting Sms:InboundSecret)")
            .WithName("smsDeliveryReport")
            .AllowAnonymous()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Ok<NotificationList>> ListAsync(
        ClaimsPrincipal user, Inbox inbox, CancellationToken cancellationToken, bool? unread = null, int? page = null)
    {
        var found = await inbox.PageAsync(Scopes.AccountId(user)!.Value, unread == true, Math.Clamp(page ?? 1, 1, 100_000), cancellationToken);
        return TypedResults.Ok(new NotificationList(
            [.. found.Items.Select(i => new NotificationRow(
                i.Notice.Id, i.Notice.Kind, i.Notice.Title, i.Notice.Body, i.Notice.Link, i.Notice.CreatedAt, i.Notice.ReadAt,
                [.. i.Channels.Select(c => new ChannelRow(c.Channel.ToString().ToLowerInvariant(), c.State.ApiName()))]))],
            found.Total,
            found.Unread));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReadAsync(
        Guid id, ClaimsPrincipal user, Inbox inbox, ApiProblems problems, CancellationToken cancellationToken) =>
        await inbox.ReadAsync(Scopes.AccountId(user)!.Value, id, cancellationToken) is null
            ? problems.Refusal(NotificationErrors.NotFound)
            : TypedResults.NoContent();

    private static async Task<Ok<PreferenceList>> PreferencesAsync(ClaimsPrincipal user, NotificationSettings settings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ListPreferencesAsync(Scopes.AccountId(user)!.Value, settings, cancellationToken));

    private static async Task<Results<Ok<PreferenceList>, ProblemHttpResult>> SavePreferencesAsync(
        PreferenceChanges body, ClaimsPrincipal user, NotificationSettings settings, ApiProblems problems, CancellationToken cancellationToken)
    {
        var id = Scopes.AccountId(user)!.Value;
        // A missing item or kind is an unknown kind (422), never a server error.
        var items = (body.Items ?? []).Select(i => new KindChannels(i?.Kind ?? "", i?.InApp ?? false, i?.Email ?? false, i?.Sms ?? false)).ToList();
        var saved = await settings.SaveAsync(id, items, cancellationToken);
        return saved.Succeeded ? TypedResults.Ok(await ListPreferencesAsync(id, settings, cancellationToken)) : problems.Refusal(saved);
    }

    private static async Task<PreferenceList> ListPreferencesAsync(Guid accountId, NotificationSettings settings, CancellationToken cancellationToken) =>
        new([.. (await settings.ReadAsync(accountId, cancellationToken)).Select(k => new PreferenceRow(k.Kind, k.InApp, k.Email, k.Sms, k.Critical))]);

    private static async Task<Results<Ok, ProblemHttpResult>> DeliveryReportAsync(
        HttpRequest request, DeliveryReport body, DeliveryReports reports, IConfiguration configuration, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (!GatewaySecret.Matches(request, configuration))
        {
            return problems.Refusal(NotificationErrors.GatewaySecretWrong);
        }

        var outcome = await reports.RecordAsync(body.Id, body.Status, body.Error, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok() : problems.Refusal(outcome);
    }
}

public sealed record NotificationList(IReadOnlyList<NotificationRow> Items, int Total, int Unread);

/// <param name="Link">A local path of Birge, or null.</param>
/// <param name="Channels">Its e-mail and SMS copies: queued, sending, retrying, sent, delivered or failed.</param>
public sealed record NotificationRow(
    Guid Id, string Kind, string Title, string Body, string? Link, DateTime CreatedAt, DateTime? ReadAt, IReadOnlyList<ChannelRow> Channels);

public sealed record ChannelRow(string Channel, string Status);

public sealed record PreferenceList(IReadOnlyList<PreferenceRow> Items);

public sealed record PreferenceRow(string Kind, bool InApp, bool Email, bool Sms, bool Critical);

public sealed record PreferenceChanges(IReadOnlyList<PreferenceChange?>? Items);

public sealed record PreferenceChange(string? Kind, bool? InApp, bool? Email, bool? Sms);

/// <param name="Id">The gateway's id of the message, as it answered the send.</param>
/// <param name="Status"><c>delivered</c> or <c>failed</c>.</param>
public sealed record DeliveryReport(string? Id, string? Status, string? Error = null);
