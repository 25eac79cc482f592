using Birge.Web.Data;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Readiness;

/// <summary>A region's teams of the readiness register, and a new team ({kato} is the region's scope).</summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class TeamsModel(BirgeDb db, TeamRoster roster, ReadinessReport report, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [FromRoute]
    public string Kato { get; set; } = "";

    [BindProperty]
    public TeamForm Input { get; set; } = new();

    public string RegionName { get; private set; } = "";

    public List<TeamSummary> Teams { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var created = await roster.CreateAsync(Input.ToInput(Kato), Scopes.AccountId(User)!.Value, cancellationToken);
        if (created.Value is { } team)
        {
            TempData["Status"] = "Team_Created";
            return Redirect($"/front-office/{Kato}/teams/{team.Id}");
        }

        ModelState.AddRefusal(created, localizer);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Kato == Kato, cancellationToken);
        if (region is null)
        {
            return false;
        }

        RegionName = region.Name.Resolve();
        Teams = await report.TeamsAsync(Kato, cancellationToken);
        return true;
    }
}
