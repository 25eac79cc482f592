using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.Opportunities;

/// <summary>
/// Error codes of writing, publishing and cancelling opportunities and their shifts: the <c>code</c> of a refusal and the key <c>Error_{code}</c> of its message;
/// the status is what the API answers when a request is refused as a whole with it.
/// </summary>
[ErrorCodeGroup]
public static class OpportunityErrors
{
    [HttpStatus(Status422UnprocessableEntity)] public const string TitleRequired = "title_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string DescriptionRequired = "description_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string ShiftsRequired = "shifts_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string TooManyShifts = "too_many_shifts";
    [HttpStatus(Status422UnprocessableEntity)] public const string RepeatInvalid = "repeat_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string ShiftTimesInvalid = "shift_times_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string ShiftTooLong = "shift_too_long";
    [HttpStatus(Status422UnprocessableEntity)] public const string ShiftInPast = "shift_in_past";
    [HttpStatus(Status422UnprocessableEntity)] public const string ShiftTooFar = "shift_too_far";
    [HttpStatus(Status422UnprocessableEntity)] public const string CapacityInvalid = "capacity_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string CapacityBelowTaken = "capacity_below_taken";
    [HttpStatus(Status422UnprocessableEntity)] public const string ShiftHasApplicants = "shift_has_applicants";
    [HttpStatus(Status422UnprocessableEntity)] public const string MinAgeInvalid = "min_age_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string EmergencyAdultsOnly = "emergency_adults_only";
    [HttpStatus(Status422UnprocessableEntity)] public const string LocationRequired = "location_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string CoordinatesInvalid = "coordinates_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string KindInvalid = "kind_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string RecurrenceInvalid = "recurrence_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string OrganizationNotVerified = "organization_not_verified";
    [HttpStatus(Status422UnprocessableEntity)] public const string OpportunityNotPublished = "opportunity_not_published";
    /// <summary>Applying to a cancelled opportunity has answered 422 (a rule of the shift, like its end) since v1.</summary>
    [HttpStatus(Status409Conflict)]
    [HttpStatus(Status422UnprocessableEntity, Operation = "applyToShift")]
    public const string OpportunityCancelled = "opportunity_cancelled";
}
