using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.Applications;

/// <summary>
/// Error codes of applying to shifts, cancelling and coordinators' decisions: the <c>code</c> of a refusal and the key <c>Error_{code}</c> of its message;
/// the status is what the API answers when a request is refused as a whole with it.
/// </summary>
[ErrorCodeGroup]
public static class ApplicationErrors
{
    [HttpStatus(Status409Conflict)] public const string AlreadyApplied = "already_applied";
    [HttpStatus(Status409Conflict)] public const string ShiftFull = "shift_full";
    [HttpStatus(Status409Conflict)] public const string ApplicationNotActive = "application_not_active";
    [HttpStatus(Status422UnprocessableEntity)] public const string ShiftOver = "shift_over";
    [HttpStatus(Status422UnprocessableEntity)] public const string AgeRestricted = "age_restricted";
}
