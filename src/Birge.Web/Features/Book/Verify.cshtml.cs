using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Birge.Web.Features.Book;

/// <summary>
/// Anyone (a university, an employer) checks a certificate by its code, typed or opened from the QR code: genuine,
/// revoked, or not genuine. The holder's name is partly masked; nothing else about them is shown.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Verify)]
public sealed class VerifyModel(VolunteerBook book) : PageModel
{
    public string? Code { get; private set; }

    public CertificateCheck? Check { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        // The form sends ?code=; the QR code opens /verify/{code}.
        code ??= Request.Query["code"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(code))
        {
            return;
        }

        Code = code.Trim();
        Check = await book.CheckAsync(Code, cancellationToken);
    }
}
