using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.Attendance;

/// <summary>
/// Error codes of check-in, attendance and confirmed hours: the <c>code</c> of a refusal and the key <c>Error_{code}</c> of its message;
/// the status is what the API answers when a request is refused as a whole with it.
/// </summary>
[ErrorCodeGroup]
public static class AttendanceErrors
{
    [HttpStatus(Status422UnprocessableEntity)] public const string CheckinCodeInvalid = "checkin_code_invalid";
    [HttpStatus(Status409Conflict)] public const string CheckinNotOpen = "checkin_not_open";
    [HttpStatus(Status409Conflict)] public const string NotOnShift = "not_on_shift";
    [HttpStatus(Status409Conflict)] public const string NotCheckedIn = "not_checked_in";
    [HttpStatus(Status422UnprocessableEntity)] public const string NotAttended = "not_attended";
    [HttpStatus(Status422UnprocessableEntity)] public const string MinutesInvalid = "minutes_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string HoursExceedShift = "hours_exceed_shift";
    [HttpStatus(Status422UnprocessableEntity)] public const string HoursOverlap = "hours_overlap";
    [HttpStatus(Status422UnprocessableEntity)] public const string HoursOverDayLimit = "hours_over_day_limit";
    [HttpStatus(Status409Conflict)] public const string HoursRevoked = "hours_revoked";
    [HttpStatus(Status409Conflict)] public const string AlreadyDisputed = "already_disputed";
}
