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
/// A front office reviews one organisation of its region: every detail, the last decision, and the forms to verify,
/// reject or suspend it (with a reason) or reinstate it. Showing the contacts is a read of restricted data: audited.
/// </summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class ReviewModel(
    BirgeDb db,
    OrganizationVerification verification,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? RejectReason { get; set; }

    [BindProperty]
    public string? SuspendReason { get; set; }

    public Organization Organization { get; private set; } = null!;

    public string RegionName { get; private set; } = "";

    public string? ChangedByName { get; private set; }

    public List<string> DirectionNames { get; private set; } = [];

    public List<(string Name, string? Contact, string Role)> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await ShowAsync(organizationId, cancellationToken);

    public Task<IActionResult> OnPostVerifyAsync(Guid organizationId, CancellationToken cancellationToken) =>
        DecideAsync(organizationId, OrganizationDecision.Verify, null, null, cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid organizationId, CancellationToken cancellationToken) =>
        DecideAsync(organizationId, OrganizationDecision.Reject, RejectReason, nameof(RejectReason), cancellationToken);

    public Task<IActionResult> OnPostSuspendAsync(Guid organizationId, CancellationToken cancellationToken) =>
        DecideAsync(organizationId, OrganizationDecision.Suspend, SuspendReason, nameof(SuspendReason), cancellationToken);

    private async Task<IActionResult> DecideAsync(
        Guid organizationId, OrganizationDecision decision, string? reason, string? reasonField, CancellationToken cancellationToken)
    {
        var result = await verification.DecideAsync(organizationId, decision, reason, Scopes.AccountId(User)!.Value, cancellationToken);
        if (result.Error == ErrorCodes.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            // A refused reason goes next to its field; a decision the status no longer allows, above the forms.
            ModelState.AddRefusal(result, localizer, new Dictionary<string, string> { ["decision"] = "", ["reason"] = reasonField ?? "" }, prefix: "");
            return await ShowAsync(organizationId, cancellationToken);
        }

        TempData["Status"] = "Moderation_Done_" + OrganizationVerification.ApiName(result.Value);
        return RedirectToPage(new { organizationId });
    }

    private async Task<IActionResult> ShowAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        // Fresh from the database: a failed decision must show the stored state, not a half-changed one.
        db.ChangeTracker.Clear();
        var organization = await db.Organizations.AsNoTracking().Include(o => o.Members).FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        Organization = organization;
        RegionName = (await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Kato == organization.RegionKato, cancellationToken))?.Name.Resolve()
            ?? organization.RegionKato;
        var directions = await db.Directions.AsNoTracking().Where(d => organization.Directions.Contains(d.Code)).ToListAsync(cancellationToken);
        DirectionNames = [.. directions.Select(d => d.Name.Resolve())];
        var memberIds = organization.Members.Select(m => m.AccountId).ToList();
        if (organization.StatusChangedBy is { } changer)
        {
            memberIds.Add(changer);
        }

        var people = await db.Accounts.AsNoTracking().Where(a => memberIds.Contains(a.Id))
            .Select(a => new { a.Id, a.FullName, a.Email, a.Phone })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        Members = [.. organization.Members
            .OrderBy(m => m.Role == OrganizationMember.Owner ? 0 : 1)
            .Select(m => people.TryGetValue(m.AccountId, out var p) ? (p.FullName ?? "—", p.Email ?? p.Phone, m.Role) : ("—", (string?)null, m.Role))];
        ChangedByName = organization.StatusChangedBy is { } by && people.TryGetValue(by, out var who) ? who.FullName : null;

        audit.Record("organization.viewed", "organization", organization.Id.ToString(), organization.RegionKato);
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }
}
