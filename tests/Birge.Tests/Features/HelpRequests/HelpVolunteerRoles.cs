using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.HelpRequests;

/// <summary>
/// Role-matrix rows of volunteers and matching: anyone signed in reads requests (full or partial by who they are) and
/// uses the volunteer's pages; offers and the suggestions page are for the request's region's staff and operators (the
/// matrix sends an unknown request, which lets any front-office person in for the page or endpoint to answer 404).
/// </summary>
public sealed class HelpVolunteerRoles : FeatureRoles
{
    private static readonly Actor[] AnyOffice = [Actor.AlmatyStaff, Actor.AstanaStaff, Actor.AlmatyOperator, Actor.NationalStaff, Actor.Admin];

    public override RoleRows Rows { get; } = new()
    {
        ["GET /api/v1/help-requests"] = SignedIn,
        ["GET /api/v1/help-requests/{helpRequestId:guid}"] = SignedIn,
        ["GET /api/v1/help-requests/{helpRequestId:guid}/suggestions"] = AnyOffice,
        ["POST /api/v1/help-requests/{helpRequestId:guid}/offers"] = AnyOffice,
        ["GET /call-centre/requests/{helpRequestId:guid}/suggestions"] = AnyOffice,
        ["POST /call-centre/requests/{helpRequestId:guid}/suggestions"] = AnyOffice,
        ["GET /help-requests"] = SignedIn,
        ["POST /help-requests"] = SignedIn,
        ["GET /help-requests/{helpRequestId:guid}"] = SignedIn,
        ["POST /help-requests/{helpRequestId:guid}"] = SignedIn,
    };
}
