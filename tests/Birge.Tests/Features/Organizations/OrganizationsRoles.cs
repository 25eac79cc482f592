using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Organizations;

/// <summary>Role-matrix rows of registering organisations, the fair, their pages and coordinators' invitations.</summary>
public sealed class OrganizationsRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /api/v1/organizations/"] = Everyone,
        ["POST /api/v1/organizations/"] = SignedIn,
        ["GET /api/v1/organizations/{organizationId:guid}"] = Everyone,
        ["POST /api/v1/organizations/{organizationId:guid}/invitations"] = OwnerOfA,
        ["DELETE /api/v1/organizations/{organizationId:guid}/invitations/{invitationId:guid}"] = OwnerOfA,
        ["GET /organizations"] = Everyone,
        ["POST /organizations"] = Everyone,
        ["GET /organizations/join"] = Everyone,
        ["POST /organizations/join"] = Everyone,
        ["GET /organizations/{organizationId:guid}"] = Everyone,
        ["POST /organizations/{organizationId:guid}"] = Everyone,
        ["GET /organizations/register"] = SignedIn,
        ["POST /organizations/register"] = SignedIn,
        ["GET /invitations/accept"] = SignedIn,
        ["POST /invitations/accept"] = SignedIn,
        ["GET /organizations/{organizationId:guid}/manage"] = MembersOfA,
        ["POST /organizations/{organizationId:guid}/manage"] = MembersOfA,
        ["GET /organizations/{organizationId:guid}/edit"] = MembersOfA,
        ["POST /organizations/{organizationId:guid}/edit"] = MembersOfA,
        ["GET /organizations/{organizationId:guid}/invitations"] = OwnerOfA,
        ["POST /organizations/{organizationId:guid}/invitations"] = OwnerOfA,
    };
}
