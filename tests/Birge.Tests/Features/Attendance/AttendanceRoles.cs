using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Attendance;

/// <summary>Role-matrix rows of check-in, attendance and hours.</summary>
public sealed class AttendanceRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /api/v1/shifts/{shiftId:guid}/checkin-code"] = MembersOfA,
        ["POST /api/v1/shifts/{shiftId:guid}/checkin"] = SignedIn,
        ["POST /api/v1/shifts/{shiftId:guid}/checkout"] = SignedIn,
        ["GET /api/v1/shifts/{shiftId:guid}/hours"] = MembersOfA,
        ["POST /api/v1/shifts/{shiftId:guid}/hours"] = MembersOfA,
        ["POST /api/v1/shifts/{shiftId:guid}/hours/{hoursEntryId:guid}/revoke"] = MembersOfA,
        ["POST /api/v1/me/hours/{hoursEntryId:guid}/dispute"] = SignedIn,
        ["GET /shifts/{shiftId:guid}/checkin-code"] = MembersOfA,
        ["POST /shifts/{shiftId:guid}/checkin-code"] = MembersOfA,
        ["GET /checkin/{shiftId:guid}"] = SignedIn,
        ["POST /checkin/{shiftId:guid}"] = SignedIn,
        ["GET /shifts/{shiftId:guid}/hours"] = MembersOfA,
        ["POST /shifts/{shiftId:guid}/hours"] = MembersOfA,
        ["GET /hours/{hoursEntryId:guid}/dispute"] = SignedIn,
        ["POST /hours/{hoursEntryId:guid}/dispute"] = SignedIn,
    };
}
