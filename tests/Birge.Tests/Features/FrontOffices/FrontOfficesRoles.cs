using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.FrontOffices;

/// <summary>Role-matrix rows of the front offices: their queue, decisions on organisations and their legal details, staff.</summary>
public sealed class FrontOfficesRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["POST /api/v1/organizations/{organizationId:guid}/verification"] = AlmatyStaff,
        ["GET /api/v1/front-offices"] = Everyone,
        ["POST /api/v1/front-offices/{kato}/staff"] = Who.Admin,
        ["DELETE /api/v1/front-offices/{kato}/staff/{accountId:guid}"] = Who.Admin,
        ["GET /front-office"] = AnyRegionStaff,
        ["POST /front-office"] = AnyRegionStaff,
        ["GET /front-office/organizations/{organizationId:guid}"] = AlmatyStaff,
        ["POST /front-office/organizations/{organizationId:guid}"] = AlmatyStaff,
        ["GET /front-office/changes/{changeId:guid}"] = AnyRegionStaff,
        ["POST /front-office/changes/{changeId:guid}"] = AnyRegionStaff,
    };
}
