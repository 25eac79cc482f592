using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Pictures;

/// <summary>Role-matrix rows of logos and photos: the organisation's people upload and remove, everyone sees them.</summary>
public sealed class PictureRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["PUT /api/v1/organizations/{organizationId:guid}/logo"] = MembersOfA,
        ["DELETE /api/v1/organizations/{organizationId:guid}/logo"] = MembersOfA,
        ["PUT /api/v1/opportunities/{opportunityId:guid}/photo"] = MembersOfA,
        ["DELETE /api/v1/opportunities/{opportunityId:guid}/photo"] = MembersOfA,
        ["GET /pictures/{pictureId:guid}/{version}"] = Everyone,
        ["GET /organizations/{organizationId:guid}/logo"] = MembersOfA,
        ["POST /organizations/{organizationId:guid}/logo"] = MembersOfA,
        ["GET /opportunities/{opportunityId:guid}/photo"] = MembersOfA,
        ["POST /opportunities/{opportunityId:guid}/photo"] = MembersOfA,
    };
}
