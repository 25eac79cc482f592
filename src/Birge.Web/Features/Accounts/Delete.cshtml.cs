using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Accounts;

/// <summary>Deleting the account asks for the password again: whoever found an open laptop cannot do it.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class DeleteModel(
    UserManager<Account> users,
    SignInManager<Account> signIn,
    PersonalData personalData,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public DeleteForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        if (account is null || account.Status == AccountStatus.Deleted)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(Input.Password) || !await users.CheckPasswordAsync(account, Input.Password))
        {
            ModelState.AddModelError("Input.Password", localizer["Error_password_wrong"]);
        }

        if (!Input.Confirm)
        {
            ModelState.AddError("Input.Confirm", AccountErrors.ConfirmationRequired, localizer);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await personalData.EraseAsync(account, cancellationToken);
        await signIn.SignOutAsync();
        TempData["Status"] = "Delete_Done";
        return LocalRedirect("/");
    }

    public sealed class DeleteForm
    {
        public string? Password { get; set; }

        public bool Confirm { get; set; }
    }
}
