using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Opportunities;

/// <summary>Role-matrix rows of opportunities: search, reading, and a coordinator's writing, publishing and cancelling.</summary>
public sealed class OpportunitiesRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /opportunities"] = Everyone,
        ["POST /opportunities"] = Everyone,
        ["GET /opportunities/{opportunityId:guid}"] = Everyone,
        ["POST /opportunities/{opportunityId:guid}"] = Everyone,
        ["GET /organizations/{organizationId:guid}/opportunities"] = MembersOfA,
        ["POST /organizations/{organizationId:guid}/opportunities"] = MembersOfA,
        ["GET /organizations/{organizationId:guid}/opportunities/new"] = MembersOfA,
        ["POST /organizations/{organizationId:guid}/opportunities/new"] = MembersOfA,
        ["GET /opportunities/{opportunityId:guid}/edit"] = MembersOfA,
        ["POST /opportunities/{opportunityId:guid}/edit"] = MembersOfA,
        ["GET /opportunities/{opportunityId:guid}/manage"] = MembersOfA,
        ["POST /opportunities/{opportunityId:guid}/manage"] = MembersOfA,
        ["GET /api/v1/opportunities/"] = Everyone,
        ["POST /api/v1/opportunities/"] = SignedIn,
        ["GET /api/v1/opportunities/{opportunityId:guid}"] = Everyone,
        ["PUT /api/v1/opportunities/{opportunityId:guid}"] = MembersOfA,
        ["POST /api/v1/opportunities/{opportunityId:guid}/publish"] = MembersOfA,
        ["POST /api/v1/opportunities/{opportunityId:guid}/cancel"] = MembersOfA,
    };
}
