using System.Globalization;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Book;

public sealed class IssueInput
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public string? Language { get; set; }
}

/// <summary>The volunteer book: confirmed hours with totals, the certificates issued, and the form to issue one.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class BookModel(VolunteerBook book, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public IssueInput Input { get; set; } = new();

    public List<BookEntry> Entries { get; private set; } = [];

    public IReadOnlyList<BookTotal> ByYear { get; private set; } = [];

    public IReadOnlyList<BookTotal> ByDirection { get; private set; } = [];

    public IReadOnlyList<BookTotal> ByOrganization { get; private set; } = [];

    public List<Domain.Certificate> Certificates { get; private set; } = [];

    public int TotalMinutes => Entries.Sum(e => e.Minutes);

    public IEnumerable<SelectListItem> Languages =>
        Cultures.Languages.Select(l => new SelectListItem(localizer["Language_" + l], l));

    public static string Duration(int minutes) => Durations.Format(minutes, CultureInfo.CurrentUICulture);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await book.IssueAsync(Scopes.AccountId(User)!.Value, Input.From, Input.To, Input.Language, cancellationToken);
            if (result.Value is { } certificate)
            {
                TempData["Status"] = "Book_IssuedDone";
                return Redirect("/book/certificates/" + certificate.Code);
            }

            ModelState.AddRefusal(result, localizer);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var volunteerId = Scopes.AccountId(User)!.Value;
        Entries = await book.EntriesAsync(volunteerId, null, null, cancellationToken);
        ByYear = VolunteerBook.ByYear(Entries);
        ByOrganization = VolunteerBook.ByOrganization(Entries, CultureInfo.CurrentUICulture);
        ByDirection = VolunteerBook.ByDirection(Entries, await book.DirectionNamesAsync(cancellationToken), CultureInfo.CurrentUICulture);
        Certificates = await book.CertificatesAsync(volunteerId, cancellationToken);
    }
}
