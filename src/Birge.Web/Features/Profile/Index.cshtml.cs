using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Profile;

/// <summary>The volunteer's own profile (M2): one form, every field optional, created on the first save.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class IndexModel(
    UserManager<Account> users,
    BirgeDb db,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public ProfileUpdate Input { get; set; } = new();

    public Account Account { get; private set; } = null!;

    public bool IsSilver { get; private set; }

    /// <summary>The directions a volunteer may choose, with names in the page's language.</summary>
    public List<(string Code, string Name)> Directions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing)
        {
            return missing;
        }

        Input = ProfileUpdate.From(await Profiles.FindAsync(db, Account.Id, cancellationToken));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var saved = await Profiles.SaveAsync(db, Account.Id, Input, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (!saved.Succeeded)
        {
            ModelState.AddRefusal(saved, localizer);
            return Page();
        }

        TempData["Status"] = "Profile_Saved";
        return RedirectToPage();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        if (account is null || !account.IsActive)
        {
            return Challenge();
        }

        Account = account;
        IsSilver = account.IsSilver(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var directions = await db.Directions.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Code).ToListAsync(cancellationToken);
        Directions = [.. directions.Select(d => (d.Code, d.Name.Resolve()))];
        return null;
    }
}
