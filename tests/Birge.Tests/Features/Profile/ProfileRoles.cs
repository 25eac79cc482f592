using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Profile;

/// <summary>Role-matrix rows of a volunteer's own profile.</summary>
public sealed class ProfileRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /api/v1/me/profile/"] = SignedIn,
        ["PUT /api/v1/me/profile/"] = SignedIn,
        ["GET /profile"] = SignedIn,
        ["POST /profile"] = SignedIn,
    };
}
