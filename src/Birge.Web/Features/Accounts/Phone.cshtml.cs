using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// The person types the 6-digit code the SMS brought, or asks for a new one (a code lasts minutes). Signed in: the
/// SMS's short link leads through the login here. Rate-limited like the other account forms, so codes are not guessed.
/// </summary>
[EnableRateLimiting(RateLimits.Auth)]
public sealed class PhoneModel(UserManager<Account> users, ContactConfirmation confirmation, BirgeDb db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public Account Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is { } missing)
        {
            return missing;
        }

        if (Account.Phone is null || Account.PhoneConfirmed)
        {
            return RedirectToPage("/Accounts/Index");
        }

        if (!await confirmation.ConfirmPhoneAsync(Account, Code))
        {
            ModelState.AddError(nameof(Code), AccountErrors.PhoneCodeInvalid, localizer);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Confirm_Done_Phone";
        return RedirectToPage("/Accounts/Index");
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is { } missing)
        {
            return missing;
        }

        await confirmation.QueuePhoneCodeAsync(Account);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Phone_CodeSent";
        return RedirectToPage();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null || !account.IsActive)
        {
            return Challenge();
        }

        Account = account;
        return null;
    }
}
