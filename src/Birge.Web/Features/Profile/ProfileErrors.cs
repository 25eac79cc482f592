using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.Profile;

/// <summary>
/// Error codes of a volunteer's profile: the <c>code</c> of a refusal and the key <c>Error_{code}</c> of its message;
/// the status is what the API answers when a request is refused as a whole with it.
/// </summary>
[ErrorCodeGroup]
public static class ProfileErrors
{
    [HttpStatus(Status422UnprocessableEntity)] public const string SkillInvalid = "skill_invalid";
}
