using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// Error codes of sign-up, log-in, passwords, consent and confirming contacts: the <c>code</c> of a refusal and the key <c>Error_{code}</c> of its message;
/// the status is what the API answers when a request is refused as a whole with it.
/// </summary>
[ErrorCodeGroup]
public static class AccountErrors
{
    [HttpStatus(Status409Conflict)] public const string AccountExists = "account_exists";
    [HttpStatus(Status403Forbidden)] public const string AwaitingParentConsent = "awaiting_parent_consent";
    [HttpStatus(Status422UnprocessableEntity)] public const string BirthDateInFuture = "birth_date_in_future";
    [HttpStatus(Status422UnprocessableEntity)] public const string BirthDateInvalid = "birth_date_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string BirthDateRequired = "birth_date_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string ConsentOutdated = "consent_outdated";
    [HttpStatus(Status422UnprocessableEntity)] public const string ConsentRequired = "consent_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string FullNameInvalid = "full_name_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string FullNameRequired = "full_name_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string IinInvalid = "iin_invalid";
    [HttpStatus(Status401Unauthorized)] public const string LoginFailed = "login_failed";
    [HttpStatus(Status422UnprocessableEntity)] public const string LoginRequired = "login_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string ParentConsentRequired = "parent_consent_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string PasswordRequired = "password_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string PasswordTooLong = "password_too_long";
    [HttpStatus(Status422UnprocessableEntity)] public const string PasswordTooShort = "password_too_short";
    [HttpStatus(Status422UnprocessableEntity)] public const string PasswordWeak = "password_weak";
    [HttpStatus(Status422UnprocessableEntity)] public const string TokenInvalid = "token_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string PhoneCodeInvalid = "phone_code_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string ConfirmationRequired = "confirmation_required";
    [HttpStatus(Status429TooManyRequests)] public const string SignUpLimited = "sign_up_limited";

    /// <summary>A Kazakh landline: links and codes go by SMS, so a person gives a mobile number.</summary>
    [HttpStatus(Status422UnprocessableEntity)] public const string PhoneNotMobile = "phone_not_mobile";
}
