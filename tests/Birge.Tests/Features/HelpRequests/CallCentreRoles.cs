using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>
/// Role-matrix rows of the call centre: staff and operators of any front office. A request's page is for its region's
/// office (and the national one); the matrix sends an unknown request, which every office's people may ask about (404).
/// </summary>
public sealed class CallCentreRoles : FeatureRoles
{
    private static readonly Actor[] Offices = [.. AnyRegionStaff, Actor.AlmatyOperator];

    public override RoleRows Rows { get; } = new()
    {
        ["GET /call-centre"] = Offices,
        ["POST /call-centre"] = Offices,
        ["GET /call-centre/new"] = Offices,
        ["POST /call-centre/new"] = Offices,
        ["GET /call-centre/requests/{helpRequestId:guid}"] = Offices,
        ["POST /call-centre/requests/{helpRequestId:guid}"] = Offices,
    };
}
