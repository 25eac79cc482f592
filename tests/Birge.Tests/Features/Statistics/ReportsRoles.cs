using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Statistics;

/// <summary>
/// Role-matrix rows of the reports: a region's reports, their progress and their PDFs are for its staff and the
/// national office (the matrix sends Almaty and an unknown report, which those may ask about: 404).
/// </summary>
public sealed class ReportsRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /front-office/{kato}/reports"] = AlmatyStaff,
        ["POST /front-office/{kato}/reports"] = AlmatyStaff,
        ["GET /front-office/{kato}/reports/{reportId:guid}"] = AlmatyStaff,
        ["POST /front-office/{kato}/reports/{reportId:guid}"] = AlmatyStaff,
        ["GET /front-office/{kato}/reports/{reportId:guid}.pdf"] = AlmatyStaff,
        ["POST /front-office/{kato}/reports/{reportId:guid}.pdf"] = AlmatyStaff,
    };
}
