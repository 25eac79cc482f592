using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Birge.Web.Features.Book;

/// <summary>The download link on the certificate page: the holder's own PDF, with their cookie.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class CertificatePdfModel(VolunteerBook book, IConfiguration configuration) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        // Someone else's code answers as an unknown one.
        var certificate = await book.OwnAsync(Scopes.AccountId(User)!.Value, code, cancellationToken);
        if (certificate is null)
        {
            return NotFound();
        }

        var pdf = await book.PdfAsync(certificate, BookApi.VerifyUrl(configuration, certificate.Code), cancellationToken);
        return File(pdf, "application/pdf", $"birge-{certificate.Code}.pdf");
    }
}
