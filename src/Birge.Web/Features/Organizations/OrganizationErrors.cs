using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.Organizations;

/// <summary>
/// Error codes of registering organisations, their details and coordinators: the <c>code</c> of a refusal and the key <c>Error_{code}</c> of its message;
/// the status is what the API answers when a request is refused as a whole with it.
/// </summary>
[ErrorCodeGroup]
public static class OrganizationErrors
{
    [HttpStatus(Status422UnprocessableEntity)] public const string BinInvalid = "bin_invalid";
    [HttpStatus(Status409Conflict)] public const string BinExists = "bin_exists";
    [HttpStatus(Status422UnprocessableEntity)] public const string NameRequired = "name_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string LegalFormInvalid = "legal_form_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string WebsiteInvalid = "website_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string InvitationInvalid = "invitation_invalid";
    [HttpStatus(Status409Conflict)] public const string AlreadyMember = "already_member";
    [HttpStatus(Status422UnprocessableEntity)] public const string LegalDetailsOwnerOnly = "legal_details_owner_only";
}
