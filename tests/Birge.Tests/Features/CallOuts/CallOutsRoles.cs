using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.CallOuts;

/// <summary>
/// Role-matrix rows of call-outs: the staff of any office send one (the region rule is the endpoint's, tested in
/// <see cref="CallOutApiTests"/>); the matrix asks about a call-out that does not exist, so every office's staff are let
/// in to get the 404; anyone signed in may reply (a person not asked gets 404); the SMS gateway is anonymous and
/// authenticated by its secret (401 without it, which is the endpoint's answer, not the policy's).
/// </summary>
public sealed class CallOutsRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["POST /api/v1/call-outs"] = AnyRegionStaff,
        ["GET /api/v1/call-outs/{callOutId:guid}"] = AnyRegionStaff,
        ["POST /api/v1/call-outs/{callOutId:guid}/reply"] = SignedIn,
        ["POST /api/v1/sms/inbound"] = Everyone,
        ["GET /front-office/{kato}/call-outs"] = AlmatyStaff,
        ["POST /front-office/{kato}/call-outs"] = AlmatyStaff,
        ["GET /front-office/{kato}/call-outs/{callOutId:guid}"] = AnyRegionStaff,
        ["POST /front-office/{kato}/call-outs/{callOutId:guid}"] = AnyRegionStaff,
        ["GET /front-office/{kato}/call-outs/{callOutId:guid}/checkin"] = AnyRegionStaff,
        ["POST /front-office/{kato}/call-outs/{callOutId:guid}/checkin"] = AnyRegionStaff,
        ["GET /call-outs/{callOutId:guid}/checkin"] = SignedIn,
        ["POST /call-outs/{callOutId:guid}/checkin"] = SignedIn,
        ["GET /call-outs/{callOutId:guid}"] = SignedIn,
        ["POST /call-outs/{callOutId:guid}"] = SignedIn,
    };
}
