using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.FrontOffices;

/// <summary>
/// The front office of the region an owner asked for reviews a change of a verified organisation's legal details:
/// what is verified now, what is asked for, who asked; it approves or rejects with a reason. The policy lets any
/// office's staff reach the page; the page itself refuses (and audits) staff of other regions.
/// </summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class ChangeModel(
    BirgeDb db,
    Scopes scopes,
    LegalDetailsChanges changes,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? RejectReason { get; set; }

    public OrganizationChange Change { get; private set; } = null!;

    public Organization Organization { get; private set; } = null!;

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public string? RequestedByName { get; private set; }

    public string? RequestedByContact { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid changeId, CancellationToken cancellationToken) =>
        await FindAsync(changeId, cancellationToken) ?? await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(Guid changeId, CancellationToken cancellationToken) =>
        await FindAsync(changeId, cancellationToken)
        ?? await DoneAsync(await changes.ApproveAsync(Change, Scopes.AccountId(User)!.Value, cancellationToken), "Change_Done_approved", cancellationToken);

    public async Task<IActionResult> OnPostRejectAsync(Guid changeId, CancellationToken cancellationToken) =>
        await FindAsync(changeId, cancellationToken)
        ?? await DoneAsync(await changes.RejectAsync(Change, RejectReason, Scopes.AccountId(User)!.Value, cancellationToken), "Change_Done_rejected", cancellationToken);

    /// <summary>Loads the change; null when the person may act on it, else the answer (404, or 403 for another region).</summary>
    private async Task<IActionResult?> FindAsync(Guid changeId, CancellationToken cancellationToken)
    {
        if (await db.OrganizationChanges.FirstOrDefaultAsync(c => c.Id == changeId, cancellationToken) is not { } change)
        {
            return NotFound();
        }

        if (!await scopes.IsStaffOfRegionAsync(User, change.RegionKato, cancellationToken))
        {
            await audit.RecordDeniedAsync($"{Request.Method} front-office/changes/{{changeId:guid}}", "organization_change", change.Id.ToString(), change.RegionKato, cancellationToken);
            return Forbid();
        }

        Change = change;
        return null;
    }

    private async Task<IActionResult> DoneAsync(Outcome outcome, string done, CancellationToken cancellationToken)
    {
        if (!outcome.Succeeded)
        {
            ModelState.AddRefusal(outcome, localizer, new Dictionary<string, string> { ["reason"] = nameof(RejectReason) }, prefix: "");
            var changeId = Change.Id;
            db.ChangeTracker.Clear();
            Change = await db.OrganizationChanges.AsNoTracking().SingleAsync(c => c.Id == changeId, cancellationToken);
            return await ShowAsync(cancellationToken);
        }

        TempData["Status"] = done;
        return RedirectToPage(new { changeId = Change.Id });
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == Change.OrganizationId, cancellationToken);
        RegionNames = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Kato, r => r.Name.Resolve(), cancellationToken);
        var requester = await db.Accounts.AsNoTracking().Where(a => a.Id == Change.RequestedBy)
            .Select(a => new { a.FullName, a.Email, a.Phone }).FirstOrDefaultAsync(cancellationToken);
        RequestedByName = requester?.FullName;
        RequestedByContact = requester?.Email ?? requester?.Phone;

        // The requester's contact is restricted data: every view is audited, like the organisation's review page.
        audit.Record("organization.change_viewed", "organization", Organization.Id.ToString(), Change.RegionKato);
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }
}
