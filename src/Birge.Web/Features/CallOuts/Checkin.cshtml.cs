using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.CallOuts;

/// <summary>A selected volunteer checks in on site with the code of the staff's screen (the QR code's link fills it in), then checks out.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class CheckinModel(BirgeDb db, CallOutRoster roster, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public CallOut CallOut { get; private set; } = null!;

    public CallOutRecipient Recipient { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(Guid callOutId, CancellationToken cancellationToken) => ShowAsync(callOutId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid callOutId, CancellationToken cancellationToken)
    {
        var done = await roster.CheckInAsync(callOutId, Scopes.AccountId(User)!.Value, Code, cancellationToken);
        return await AfterAsync(callOutId, done, cancellationToken);
    }

    public async Task<IActionResult> OnPostOutAsync(Guid callOutId, CancellationToken cancellationToken)
    {
        var done = await roster.CheckOutAsync(callOutId, Scopes.AccountId(User)!.Value, cancellationToken);
        return await AfterAsync(callOutId, done, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(Guid callOutId, Outcome done, CancellationToken cancellationToken)
    {
        if (done.Error == CallOutErrors.NotRecipient)
        {
            return NotFound();
        }

        if (!done.Succeeded)
        {
            ModelState.AddRefusal(done, localizer, prefix: "");
            return await ShowAsync(callOutId, cancellationToken);
        }

        return RedirectToPage(new { callOutId });
    }

    private async Task<IActionResult> ShowAsync(Guid callOutId, CancellationToken cancellationToken)
    {
        var me = Scopes.AccountId(User);
        if (await db.CallOutRecipients.AsNoTracking().FirstOrDefaultAsync(r => r.CallOutId == callOutId && r.AccountId == me, cancellationToken) is not { } recipient)
        {
            return NotFound();
        }

        Recipient = recipient;
        CallOut = await db.CallOuts.AsNoTracking().FirstAsync(c => c.Id == callOutId, cancellationToken);
        return Page();
    }
}
