using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Birge.Web.Features.Book;

/// <summary>An issued certificate for its holder: what it says, the PDF, and the link anyone can check it at.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class CertificateModel(VolunteerBook book, IConfiguration configuration) : PageModel
{
    public Domain.Certificate Certificate { get; private set; } = null!;

    public string VerifyUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var certificate = await book.OwnAsync(Scopes.AccountId(User)!.Value, code, cancellationToken);
        if (certificate is null)
        {
            return NotFound();
        }

        Certificate = certificate;
        VerifyUrl = BookApi.VerifyUrl(configuration, certificate.Code);
        return Page();
    }
}
