using Birge.Tests.Security;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>
/// Role-matrix rows of the call-backs: the staff and operators of a front office and the national office (the matrix
/// asks about a request that does not exist, so every office's people are let in to get the 404; the region rule is
/// tested in <see cref="HelpRequestCallbackTests"/>).
/// </summary>
public sealed class HelpCallbackRoles : FeatureRoles
{
    private static readonly Actor[] AnyOfficePeople = [Actor.AlmatyStaff, Actor.AstanaStaff, Actor.AlmatyOperator, Actor.NationalStaff, Actor.Admin];

    public override RoleRows Rows { get; } = new()
    {
        ["POST /api/v1/help-requests/{helpRequestId:guid}/callback"] = AnyOfficePeople,
        ["POST /api/v1/help-requests/{helpRequestId:guid}/confirm"] = AnyOfficePeople,
        ["GET /call-centre/callbacks"] = AnyOfficePeople,
        ["POST /call-centre/callbacks"] = AnyOfficePeople,
        ["GET /call-centre/callbacks/{helpRequestId:guid}"] = AnyOfficePeople,
        ["POST /call-centre/callbacks/{helpRequestId:guid}"] = AnyOfficePeople,
    };
}
