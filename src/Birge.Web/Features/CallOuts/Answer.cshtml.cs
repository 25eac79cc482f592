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

/// <summary>The call-out as its recipient sees it: what, where, when, and two buttons, "I come" and "I can't"; a person not asked gets 404.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class AnswerModel(BirgeDb db, CallOutReplies replies, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CallOut CallOut { get; private set; } = null!;

    public CallOutRecipient Recipient { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(Guid callOutId, CancellationToken cancellationToken) => ShowAsync(callOutId, cancellationToken);

    public Task<IActionResult> OnPostComingAsync(Guid callOutId, CancellationToken cancellationToken) => ReplyAsync(callOutId, CallOutAnswer.Coming, cancellationToken);

    public Task<IActionResult> OnPostCannotAsync(Guid callOutId, CancellationToken cancellationToken) => ReplyAsync(callOutId, CallOutAnswer.Cannot, cancellationToken);

    private async Task<IActionResult> ReplyAsync(Guid callOutId, CallOutAnswer answer, CancellationToken cancellationToken)
    {
        var replied = await replies.ReplyAsync(callOutId, Scopes.AccountId(User)!.Value, answer, "link", cancellationToken);
        if (replied.Error == CallOutErrors.NotRecipient)
        {
            return NotFound();
        }

        if (!replied.Succeeded)
        {
            ModelState.AddRefusal(replied, localizer, prefix: "");
            return await ShowAsync(callOutId, cancellationToken);
        }

        return RedirectToPage(new { callOutId });
    }

    private async Task<IActionResult> ShowAsync(Guid callOutId, CancellationToken cancellationToken)
    {
        var me = Scopes.AccountId(User);
        var recipient = await db.CallOutRecipients.AsNoTracking().FirstOrDefaultAsync(r => r.CallOutId == callOutId && r.AccountId == me, cancellationToken);
        if (recipient is null)
        {
            return NotFound();
        }

        Recipient = recipient;
        CallOut = await db.CallOuts.AsNoTracking().FirstAsync(c => c.Id == callOutId, cancellationToken);
        return Page();
    }
}
