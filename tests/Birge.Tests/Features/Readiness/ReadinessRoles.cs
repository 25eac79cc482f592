using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Readiness;

/// <summary>
/// Role-matrix rows of the readiness register: a region's teams and readiness are for its staff and the national
/// office. The matrix sends an unknown team, which any office's staff may ask about (404), and no region in a body or
/// query (422); the national totals are the national office's. A volunteer's own teams are theirs.
/// </summary>
public sealed class ReadinessRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /front-office/{kato}/teams"] = AlmatyStaff,
        ["POST /front-office/{kato}/teams"] = AlmatyStaff,
        ["GET /front-office/{kato}/teams/{teamId:guid}"] = AnyRegionStaff,
        ["POST /front-office/{kato}/teams/{teamId:guid}"] = AnyRegionStaff,
        ["GET /front-office/{kato}/readiness"] = AlmatyStaff,
        ["POST /front-office/{kato}/readiness"] = AlmatyStaff,
        ["GET /account/teams"] = SignedIn,
        ["POST /account/teams"] = SignedIn,
        ["POST /api/v1/teams"] = AnyRegionStaff,
        ["GET /api/v1/teams"] = AnyRegionStaff,
        ["GET /api/v1/teams/{teamId:guid}"] = AnyRegionStaff,
        ["POST /api/v1/teams/{teamId:guid}/members"] = AnyRegionStaff,
        ["PATCH /api/v1/teams/{teamId:guid}/members"] = AnyRegionStaff,
        ["GET /api/v1/readiness"] = AnyRegionStaff,
        ["GET /api/v1/readiness/regions"] = [Actor.NationalStaff, Actor.Admin],
    };
}
