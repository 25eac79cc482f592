using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Organizations;

public sealed record MemberRow(string Name, string Role, DateTime JoinedAt);

/// <summary>The organisation's own page: where its registration stands, who acts for it, what to do next.</summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class ManageModel(BirgeDb db) : PageModel
{
    public Organization Organization { get; private set; } = null!;

    public List<MemberRow> Members { get; private set; } = [];

    public bool IsOwner { get; private set; }

    public string RegionName { get; private set; } = "";

    /// <summary>The owner's change of legal details: waiting for the front office, or the last one it refused.</summary>
    public OrganizationChange? LatestChange { get; private set; }

    public string? ChangeRegionName { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().Include(o => o.Members)
            .FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        Organization = organization;
        IsOwner = organization.IsOwner(Scopes.AccountId(User)!.Value);
        var ids = organization.Members.Select(m => m.AccountId).ToList();
        var names = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.FullName ?? "—", cancellationToken);
        Members = [.. organization.Members
            .OrderBy(m => m.Role == OrganizationMember.Owner ? 0 : 1).ThenBy(m => m.JoinedAt)
            .Select(m => new MemberRow(names.GetValueOrDefault(m.AccountId, "—"), m.Role, m.JoinedAt))];
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Kato == organization.RegionKato, cancellationToken);
        RegionName = region?.Name.Resolve() ?? organization.RegionKato;
        LatestChange = await db.OrganizationChanges.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && (c.Status == OrganizationChangeStatus.Pending || c.Status == OrganizationChangeStatus.Rejected))
            .OrderByDescending(c => c.RequestedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (LatestChange is { } change)
        {
            ChangeRegionName = (await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Kato == change.RegionKato, cancellationToken))?.Name.Resolve() ?? change.RegionKato;
        }
        return Page();
    }
}
