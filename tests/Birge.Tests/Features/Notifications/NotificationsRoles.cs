using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Notifications;

/// <summary>
/// Role-matrix rows of notifications: one's own inbox and preferences for anyone signed in, the deliveries page for the
/// national admin, and the gateway's delivery reports for anyone (the shared secret decides, answering 401 itself).
/// </summary>
public sealed class NotificationsRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /api/v1/me/notifications"] = SignedIn,
        ["POST /api/v1/me/notifications/{id:guid}/read"] = SignedIn,
        ["GET /api/v1/me/notification-preferences"] = SignedIn,
        ["PUT /api/v1/me/notification-preferences"] = SignedIn,
        ["POST /api/v1/sms/delivery"] = Everyone,
        ["GET /notifications"] = SignedIn,
        ["POST /notifications"] = SignedIn,
        ["GET /account/notifications"] = SignedIn,
        ["POST /account/notifications"] = SignedIn,
        ["GET /admin/deliveries"] = Who.Admin,
        ["POST /admin/deliveries"] = Who.Admin,
    };
}
