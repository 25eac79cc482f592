using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.HelpRequests;

/// <summary>
/// Error codes of help requests: asking, confirming the phone, claiming, completing and the call-back. The
/// <c>code</c> of a refusal and the key <c>Error_{code}</c> of its message; the status is what the API answers.
/// </summary>
[ErrorCodeGroup]
public static class HelpRequestErrors
{
    [HttpStatus(Status422UnprocessableEntity)] public const string CategoryInvalid = "help_category_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string DescriptionTooShort = "help_description_too_short";
    [HttpStatus(Status422UnprocessableEntity)] public const string UrgencyInvalid = "help_urgency_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string VulnerabilityInvalid = "help_vulnerability_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string AddressRequired = "help_address_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string PointOutsideKazakhstan = "help_point_outside_kazakhstan";
    [HttpStatus(Status422UnprocessableEntity)] public const string PhoneCodeWrong = "phone_code_wrong";
    [HttpStatus(Status422UnprocessableEntity)] public const string PhoneCodeExpired = "phone_code_expired";
    [HttpStatus(Status429TooManyRequests)] public const string PhoneCodeTooManyAttempts = "phone_code_too_many_attempts";
    [HttpStatus(Status409Conflict)] public const string AlreadyClaimed = "already_claimed";
    [HttpStatus(Status409Conflict)] public const string ClaimLimit = "claim_limit";
    [HttpStatus(Status409Conflict)] public const string OwnRequest = "help_request_own";
    [HttpStatus(Status403Forbidden)] public const string NotClaimant = "help_request_not_claimant";
    [HttpStatus(Status409Conflict)] public const string NotDone = "help_request_not_done";
    [HttpStatus(Status409Conflict)] public const string NotActive = "help_request_not_active";
    [HttpStatus(Status422UnprocessableEntity)] public const string DuplicateInvalid = "help_request_duplicate_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string MinutesInvalid = "help_minutes_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string OutcomeInvalid = "callback_outcome_invalid";
    [HttpStatus(Status429TooManyRequests)] public const string PhoneCodeTooSoon = "phone_code_too_soon";
    [HttpStatus(Status429TooManyRequests)] public const string PhoneCodeResendLimit = "phone_code_resend_limit";
    [HttpStatus(Status409Conflict)] public const string PhoneAlreadyConfirmed = "phone_already_confirmed";
    [HttpStatus(Status422UnprocessableEntity)] public const string PhoneDigitsInvalid = "help_phone_digits_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string PhoneDigitsWrong = "help_phone_digits_wrong";
    [HttpStatus(Status429TooManyRequests)] public const string PhoneDigitsTooManyAttempts = "help_phone_digits_too_many_attempts";
    [HttpStatus(Status422UnprocessableEntity)] public const string OfferNobody = "help_offer_nobody";
    [HttpStatus(Status422UnprocessableEntity)] public const string OfferTooMany = "help_offer_too_many";
    [HttpStatus(Status422UnprocessableEntity)] public const string OfferVolunteerUnsuitable = "help_offer_volunteer_unsuitable";
    [HttpStatus(Status409Conflict)] public const string OfferConflict = "help_offer_conflict";
}
