using Birge.Web.Domain;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Birge.Web.Features.Book;

/// <summary>
/// Error codes of the volunteer book and certificates: the <c>code</c> of a refusal and the key <c>Error_{code}</c> of its message;
/// the status is what the API answers when a request is refused as a whole with it.
/// </summary>
[ErrorCodeGroup]
public static class BookErrors
{
    [HttpStatus(Status422UnprocessableEntity)] public const string NoHours = "no_hours";
    [HttpStatus(Status404NotFound)] public const string CertificateNotFound = "certificate_not_found";
}
