using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.FrontOffices;

/// <summary>
/// Error codes of front offices and their staff: the <c>code</c> of a refusal and the key <c>Error_{code}</c> of its message;
/// the status is what the API answers when a request is refused as a whole with it.
/// </summary>
[ErrorCodeGroup]
public static class FrontOfficeErrors
{
    [HttpStatus(Status422UnprocessableEntity)] public const string AccountNotFound = "account_not_found";
    [HttpStatus(Status422UnprocessableEntity)] public const string RoleInvalid = "role_invalid";
    [HttpStatus(Status404NotFound)] public const string FrontOfficeNotFound = "front_office_not_found";
}
