using Birge.Tests.Security;
using static Birge.Tests.Security.Who;

namespace Birge.Tests.Features.Book;

/// <summary>Role-matrix rows of the volunteer book, certificates and their public check.</summary>
public sealed class BookRoles : FeatureRoles
{
    public override RoleRows Rows { get; } = new()
    {
        ["GET /book"] = SignedIn,
        ["POST /book"] = SignedIn,
        ["GET /book/certificates/{code}"] = SignedIn,
        ["POST /book/certificates/{code}"] = SignedIn,
        ["GET /book/certificates/{code}.pdf"] = SignedIn,
        ["POST /book/certificates/{code}.pdf"] = SignedIn,
        ["GET /verify/{code?}"] = Everyone,
        ["POST /verify/{code?}"] = Everyone,
        ["GET /api/v1/me/hours"] = SignedIn,
        ["POST /api/v1/me/certificates"] = SignedIn,
        ["GET /api/v1/me/certificates"] = SignedIn,
        ["GET /api/v1/me/certificates/{code}/pdf"] = SignedIn,
        ["GET /api/v1/certificates/{code}"] = Everyone,
    };
}
