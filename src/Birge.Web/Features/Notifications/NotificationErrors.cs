using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.Notifications;

/// <summary>Error codes of the inbox and the notification preferences.</summary>
[ErrorCodeGroup]
public static class NotificationErrors
{
    [HttpStatus(Status404NotFound)] public const string NotFound = "notification_not_found";
    [HttpStatus(Status422UnprocessableEntity)] public const string Critical = "notification_critical";
    [HttpStatus(Status422UnprocessableEntity)] public const string KindUnknown = "notification_kind_unknown";
    [HttpStatus(Status401Unauthorized)] public const string GatewaySecretWrong = "gateway_secret_wrong";
    [HttpStatus(Status422UnprocessableEntity)] public const string GatewayIdInvalid = "gateway_id_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string DeliveryStatusInvalid = "delivery_status_invalid";
    [HttpStatus(Status404NotFound)] public const string GatewayIdUnknown = "gateway_id_unknown";
}
