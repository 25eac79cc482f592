using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Domain;

/// <summary>
/// Stable, machine-readable reasons for refusing a request, shared by several features; each feature keeps its own
/// in <c>Features/&lt;Feature&gt;/&lt;Feature&gt;Errors.cs</c>. They are part of the public API (the <c>code</c> of a
/// problem), name the resource key <c>Error_{code}</c> with the message in each language, and carry the HTTP status
/// the API answers when a request is refused with them (<see cref="HttpStatusAttribute"/>).
/// </summary>
[ErrorCodeGroup]
public static class ErrorCodes
{
    // What the framework answers on its own (no route, no token, bad JSON…), with a code like ours.
    [HttpStatus(Status400BadRequest)] public const string BadRequest = "bad_request";
    [HttpStatus(Status401Unauthorized)] public const string Unauthorized = "unauthorized";
    [HttpStatus(Status403Forbidden)] public const string Forbidden = "forbidden";
    [HttpStatus(Status404NotFound)] public const string NotFound = "not_found";
    [HttpStatus(Status405MethodNotAllowed)] public const string MethodNotAllowed = "method_not_allowed";
    [HttpStatus(Status413PayloadTooLarge)] public const string RequestTooLarge = "request_too_large";
    [HttpStatus(Status415UnsupportedMediaType)] public const string UnsupportedMediaType = "unsupported_media_type";
    [HttpStatus(Status429TooManyRequests)] public const string RateLimited = "rate_limited";
    [HttpStatus(Status500InternalServerError)] public const string ServerError = "server_error";
    [HttpStatus(Status503ServiceUnavailable)] public const string Unavailable = "unavailable";
    [HttpStatus(Status403Forbidden)] public const string HttpsRequired = "https_required";

    // Input rules several features share.
    [HttpStatus(Status422UnprocessableEntity)] public const string ValueInvalid = "value_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string TooLong = "too_long";
    [HttpStatus(Status422UnprocessableEntity)] public const string ReasonRequired = "reason_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string DecisionInvalid = "decision_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string RegionInvalid = "region_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string DirectionInvalid = "direction_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string DirectionsRequired = "directions_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string EmailInvalid = "email_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string PhoneInvalid = "phone_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string ContactRequired = "contact_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string LanguageInvalid = "language_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string DateOutOfRange = "date_out_of_range";
    [HttpStatus(Status422UnprocessableEntity)] public const string DateRangeInvalid = "date_range_invalid";

    /// <summary>The thing is not in a state that allows the change (publishing twice, deciding on a closed case).</summary>
    [HttpStatus(Status409Conflict)] public const string StatusChangeInvalid = "status_change_invalid";
}

/// <summary>Marks a class whose <c>const string</c> fields are error codes: the API's status table and the tests read them.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ErrorCodeGroupAttribute : Attribute;

/// <summary>
/// The HTTP status of a refusal with this code when it is not about input fields (those are always 422 with
/// <c>errors</c>, see <see cref="Refusal"/>). With <see cref="Operation"/>, the status the published contract fixed for
/// one operation (its endpoint name) that differs from the code's own.
/// </summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = true, Inherited = false)]
public sealed class HttpStatusAttribute(int status) : Attribute
{
    public int Status { get; } = status;

    public string? Operation { get; init; }
}
