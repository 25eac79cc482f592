using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Applications;

/// <summary>Role-matrix rows of applying to shifts, my shifts and rosters.</summary>
public sealed class ApplicationsRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["POST /api/v1/shifts/{shiftId:guid}/applications"] = SignedIn,
        ["DELETE /api/v1/applications/{applicationId:guid}"] = SignedIn,
        ["GET /api/v1/me/applications"] = SignedIn,
        ["GET /api/v1/shifts/{shiftId:guid}/applications"] = MembersOfA,
        ["POST /api/v1/shifts/{shiftId:guid}/applications/{applicationId:guid}/decision"] = MembersOfA,
        ["GET /shifts/{shiftId:guid}/apply"] = SignedIn,
        ["POST /shifts/{shiftId:guid}/apply"] = SignedIn,
        ["GET /my/shifts"] = SignedIn,
        ["POST /my/shifts"] = SignedIn,
        ["GET /my/shifts/{applicationId:guid}/calendar.ics"] = SignedIn,
        ["GET /shifts/{shiftId:guid}/roster"] = MembersOfA,
        ["POST /shifts/{shiftId:guid}/roster"] = MembersOfA,
        ["GET /shifts/{shiftId:guid}/roster.csv"] = MembersOfA,
    };
}
