using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.Readiness;

/// <summary>
/// Error codes of the readiness register: teams, their members and the members' certificates. An adult-only team uses
/// the shared <c>age_restricted</c> of applications (<see cref="Applications.ApplicationErrors.AgeRestricted"/>).
/// </summary>
[ErrorCodeGroup]
public static class ReadinessErrors
{
    [HttpStatus(Status404NotFound)] public const string TeamNotFound = "team_not_found";
    [HttpStatus(Status422UnprocessableEntity)] public const string NameInvalid = "team_name_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string KindInvalid = "team_kind_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string DrillInFuture = "team_drill_in_future";
    [HttpStatus(Status422UnprocessableEntity)] public const string AccountUnknown = "team_account_unknown";
    [HttpStatus(Status422UnprocessableEntity)] public const string BirthDateUnknown = "team_birth_date_unknown";
    [HttpStatus(Status409Conflict)] public const string AlreadyMember = "team_already_member";
    [HttpStatus(Status404NotFound)] public const string NotMember = "team_not_member";
    [HttpStatus(Status422UnprocessableEntity)] public const string RoleInvalid = "team_role_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string StateInvalid = "team_member_state_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string CertificateInvalid = "certificate_code_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string CertificateExpired = "certificate_expired";
    [HttpStatus(Status404NotFound)] public const string CertificateNotFound = "team_certificate_not_found";
}
