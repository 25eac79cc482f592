using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Statistics;

/// <summary>Role-matrix rows of the statistics: the figures and the open data are public; a region's key figures are its office's and the national one's.</summary>
public sealed class StatisticsRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /api/v1/stats"] = Everyone,
        ["GET /api/v1/front-offices/{kato}/kpis"] = AlmatyStaff,
        ["GET /stats"] = Everyone,
        ["POST /stats"] = Everyone,
        ["GET /stats/regions.csv"] = Everyone,
        ["GET /stats/directions.csv"] = Everyone,
        ["GET /stats/months.csv"] = Everyone,
        ["GET /open-data"] = Everyone,
        ["POST /open-data"] = Everyone,
        ["GET /open-data/datapackage.json"] = Everyone,
        ["GET /open-data/{file}"] = Everyone,
        ["GET /open-data/{date}/{file}"] = Everyone,
    };
}
