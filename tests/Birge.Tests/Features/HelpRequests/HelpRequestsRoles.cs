using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>Role-matrix rows of help requests: anyone may ask, confirm their phone and follow a request by its code; anyone signed in may claim.</summary>
public sealed class HelpRequestsRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["POST /api/v1/help-requests"] = Everyone,
        ["POST /api/v1/help-requests/{helpRequestId:guid}/phone-confirmation"] = Everyone,
        ["GET /api/v1/help-requests/track/{trackingCode}"] = Everyone,
        ["POST /api/v1/help-requests/{helpRequestId:guid}/claim"] = SignedIn,
        ["POST /api/v1/help-requests/{helpRequestId:guid}/release"] = SignedIn,
        ["POST /api/v1/help-requests/{helpRequestId:guid}/complete"] = SignedIn,
    };
}
