using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.HelpRequests.Callbacks;

/// <summary>The operator's call-back form.</summary>
public sealed class CallbackInput
{
    /// <summary><c>confirmed</c>, <c>not_done</c> or <c>no_answer</c>.</summary>
    public string? Outcome { get; set; }

    public string? Note { get; set; }

    public int? Minutes { get; set; }
}

/// <summary>
/// One call-back: what the operator needs to make the call (the person's name, phone and language, what the volunteer
/// wrote and the time they gave) and the outcome form. Opening it is a staff read of personal data, so it is audited;
/// only the staff and operators of the request's region and the national office get here (the route's region scope).
/// </summary>
[Authorize(Policy = Policies.RegionStaffOrOperator)]
public sealed class CallModel(BirgeDb db, HelpRequestCallbacks callbacks, AuditLog audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string ViewedAction = "help_request.callback_viewed";

    [BindProperty]
    public CallbackInput Input { get; set; } = new();

    public HelpRequest HelpRequest { get; private set; } = null!;

    public string? HelperName { get; private set; }

    public string RegionName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid helpRequestId, CancellationToken cancellationToken) =>
        await ShowAsync(helpRequestId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ShowAsync(helpRequestId, cancellationToken);
        }

        var result = await callbacks.CallBackAsync(helpRequestId, Input.Outcome, Input.Note, Input.Minutes, Scopes.AccountId(User)!.Value, cancellationToken);
        if (result.Error == ErrorCodes.NotFound)
        {
            return NotFound();
        }

        if (result.Value is not { } request)
        {
            ModelState.AddRefusal(result, localizer);
            return await ShowAsync(helpRequestId, cancellationToken);
        }

        TempData["Status"] = "HelpCallback_Done_" + request.Status.ApiName();
        return RedirectToPage(new { helpRequestId });
    }

    private async Task<IActionResult> ShowAsync(Guid helpRequestId, CancellationToken cancellationToken)
    {
        // Fresh from the database: a refused outcome must show the stored state, not a half-changed one.
        db.ChangeTracker.Clear();
        var request = await db.HelpRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == helpRequestId, cancellationToken);
        if (request is null || request.Status == HelpRequestStatus.Unconfirmed)
        {
            return NotFound();
        }

        HelpRequest = request;
        HelperName = request.HelperId is { } helper
            ? await db.Accounts.AsNoTracking().Where(a => a.Id == helper).Select(a => a.FullName).FirstOrDefaultAsync(cancellationToken)
            : null;
        RegionName = (await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Kato == request.RegionKato, cancellationToken))?.Name.Resolve()
            ?? request.RegionKato;
        audit.Record(ViewedAction, "help_request", request.Id.ToString(), request.RegionKato);
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }
}
