using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Readiness;

/// <summary>
/// The volunteer's own place in the register: the teams they are in (region, role, state, which they may set to
/// available or unavailable) and their certificates with how long each is still valid. Linked from the profile page.
/// </summary>
[Authorize(Policy = Policies.Account)]
public sealed class MineModel(BirgeDb db, TeamRoster roster, ReadinessReport report, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public List<MyTeam> Teams { get; private set; } = [];

    public List<VolunteerCertificate> Certificates { get; private set; } = [];

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public DateOnly Today => report.Today;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostStateAsync(Guid teamId, string? state, CancellationToken cancellationToken)
    {
        var changed = await roster.SetOwnStateAsync(teamId, Scopes.AccountId(User)!.Value, state, cancellationToken);
        if (changed.Succeeded)
        {
            TempData["Status"] = "Readiness_Mine_StateSaved";
            return RedirectToPage();
        }

        ModelState.AddError("", changed.Error!, localizer);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var id = Scopes.AccountId(User)!.Value;
        RegionNames = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Kato, r => r.Name.Resolve(), cancellationToken);
        Teams = await db.TeamMembers.AsNoTracking()
            .Where(m => m.AccountId == id)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new MyTeam(t.Id, t.Name, t.Kind, t.RegionKato, m.Role, m.State))
            .ToListAsync(cancellationToken);
        Teams = [.. Teams.OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase)];
        Certificates = await db.VolunteerCertificates.AsNoTracking().Where(c => c.AccountId == id).OrderBy(c => c.ExpiresOn).ToListAsync(cancellationToken);
    }
}

public sealed record MyTeam(Guid Id, string Name, string Kind, string RegionKato, string Role, MemberState State);
