using Birge.Tests.Security;

namespace Birge.Tests.Features.Admin;

/// <summary>Role-matrix rows of the national admin's pages: staff and the audit log.</summary>
public sealed class AdminRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /api/v1/audit"] = Who.Admin,
        ["GET /admin/staff"] = Who.Admin,
        ["POST /admin/staff"] = Who.Admin,
        ["GET /admin/audit"] = Who.Admin,
        ["POST /admin/audit"] = Who.Admin,
    };
}
