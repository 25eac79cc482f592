using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.Pictures;

/// <summary>
/// Error codes of uploading logos and photos: the <c>code</c> of a refusal and the key <c>Error_{code}</c> of its
/// message; the status is what the API answers.
/// </summary>
[ErrorCodeGroup]
public static class PictureErrors
{
    [HttpStatus(Status422UnprocessableEntity)] public const string FileRequired = "picture_file_required";
    [HttpStatus(Status422UnprocessableEntity)] public const string TooLarge = "picture_too_large";
    [HttpStatus(Status422UnprocessableEntity)] public const string TypeInvalid = "picture_type_invalid";
    [HttpStatus(Status422UnprocessableEntity)] public const string DimensionsTooLarge = "picture_dimensions_too_large";
    [HttpStatus(Status422UnprocessableEntity)] public const string AltRequired = "picture_alt_required";
}
