using Birge.Web.Data;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Notifications;

/// <summary>Which channels a person wants for each kind of message; critical kinds are shown, never switched off.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class PreferencesModel(BirgeDb db, NotificationSettings settings, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public List<PreferenceInput> Items { get; set; } = [];

    public IReadOnlyList<KindChannels> Kinds { get; private set; } = [];

    public bool HasEmail { get; private set; }

    public bool HasPhone { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var accountId = Scopes.AccountId(User)!.Value;
        var saved = await settings.SaveAsync(
            accountId,
            [.. Items.Where(i => NotificationKinds.Find(i.Kind) is { Critical: false }).Select(i => new KindChannels(i.Kind!, i.InApp, i.Email, i.Sms))],
            cancellationToken);
        if (!saved.Succeeded)
        {
            ModelState.AddRefusal(saved, localizer);
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Status"] = "Notifications_Saved";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var accountId = Scopes.AccountId(User)!.Value;
        var contacts = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => new { a.Email, a.Phone }).FirstAsync(cancellationToken);
        HasEmail = contacts.Email is not null;
        HasPhone = contacts.Phone is not null;
        Kinds = await settings.ReadAsync(accountId, cancellationToken);
    }
}

public sealed class PreferenceInput
{
    public string? Kind { get; set; }

    public bool InApp { get; set; }

    public bool Email { get; set; }

    public bool Sms { get; set; }
}
