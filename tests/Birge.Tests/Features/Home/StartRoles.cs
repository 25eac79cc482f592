using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Home;

/// <summary>Role-matrix rows of the start pages: "my organisations" is for anyone signed in (it lists their own). The home itself is in <see cref="SiteRoles"/>.</summary>
public sealed class StartRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /my/organizations"] = SignedIn,
        ["POST /my/organizations"] = SignedIn,
    };
}
