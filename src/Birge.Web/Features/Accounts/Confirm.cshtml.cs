using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Birge.Web.Features.Accounts;

/// <summary>
/// The link from the confirmation message opens this page; the person presses a button to confirm, so mail scanners
/// that open links do not confirm on their own.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmModel(UserManager<Account> users, ContactConfirmation confirmation, BirgeDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "account")]
    public string? AccountId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Invalid { get; private set; }

    public void OnGet() => Invalid = AccountId is null || Token is null || Channel is not (ContactConfirmation.Email or ContactConfirmation.Phone);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = AccountId is null ? null : await users.FindByIdAsync(AccountId);
        if (account is null || Token is null || Channel is null || !await confirmation.ConfirmAsync(account, Channel, Token))
        {
            Invalid = true;
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = Channel == ContactConfirmation.Phone ? "Confirm_Done_Phone" : "Confirm_Done_Email";
        return LocalRedirect(User.Identity?.IsAuthenticated == true ? "/account" : "/account/login");
    }
}
