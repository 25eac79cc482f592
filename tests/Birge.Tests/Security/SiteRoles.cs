using static Birge.Tests.Security.Who;

namespace Birge.Tests.Security;

/// <summary>Role-matrix rows of the pages and endpoints of the site as a whole: health checks, the API document, reference data, the home, legal, language and error pages, and development tools.</summary>
public sealed class SiteRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /health/live"] = Everyone,
        ["POST /health/live"] = Everyone,
        ["GET /health/ready"] = Everyone,
        ["POST /health/ready"] = Everyone,
        ["GET /openapi/{documentName}.json"] = Everyone,
        ["GET /api/v1/regions"] = Everyone,
        ["GET /api/v1/directions"] = Everyone,
        ["GET /"] = Everyone,
        ["POST /"] = Everyone,
        ["GET /privacy"] = Everyone,
        ["POST /privacy"] = Everyone,
        ["GET /consent"] = Everyone,
        ["POST /consent"] = Everyone,
        ["GET /language"] = Everyone,
        ["POST /language"] = Everyone,
        ["GET /error/{status:int}"] = Everyone,
        ["POST /error/{status:int}"] = Everyone,
        ["GET /dev/outbox"] = Nobody,
        ["POST /dev/outbox"] = Nobody,

        // The interactive API reference (Scalar) and its own scripts.
        ["GET /scalar/{documentName?}"] = Everyone,
        ["GET /scalar/scalar.js"] = Everyone,
        ["GET /scalar/scalar.aspnetcore.js"] = Everyone,
        ["GET /scalar/favicon.svg"] = Everyone,
    };
}
