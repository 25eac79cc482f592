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
/// One team of the register: its details, its members with their state, role and certificates, and adding a member
/// by e-mail or phone (a POST: the phone never goes in a URL). {teamId} is the team's region scope; a team of another
/// region than {kato} is not found here.
/// </summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class TeamModel(BirgeDb db, TeamRoster roster, ReadinessReport report, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>A certificate expiring within this many days is marked as expiring.</summary>
    public const int ExpiringDays = ReadinessReport.NoticeDays;

    [FromRoute]
    public string Kato { get; set; } = "";

    [FromRoute]
    public Guid TeamId { get; set; }

    [BindProperty]
    public TeamForm Input { get; set; } = new();

    [BindProperty]
    public MemberForm Member { get; set; } = new();

    public Team Team { get; private set; } = null!;

    public string RegionName { get; private set; } = "";

    public List<MemberRow> Members { get; private set; } = [];

    public DateOnly Today => report.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(fillForm: true, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(fillForm: false, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var edited = await roster.EditAsync(TeamId, Input.ToInput(Kato), cancellationToken);
        return Done(edited, "Team_Saved", "Input");
    }

    public async Task<IActionResult> OnPostAddMemberAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(fillForm: true, cancellationToken))
        {
            return NotFound();
        }

        var added = await roster.AddByContactAsync(TeamId, Member.Contact, Member.Role, cancellationToken);
        return Done(added, "Team_MemberAdded", "Member");
    }

    public async Task<IActionResult> OnPostChangeMemberAsync(Guid accountId, string? state, string? role, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(fillForm: true, cancellationToken))
        {
            return NotFound();
        }

        return Done(await roster.ChangeAsync(TeamId, accountId, state, role, cancellationToken), "Team_MemberChanged", "");
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid accountId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(fillForm: true, cancellationToken))
        {
            return NotFound();
        }

        return Done(await roster.RemoveAsync(TeamId, accountId, cancellationToken), "Team_MemberRemoved", "");
    }

    public async Task<IActionResult> OnPostAddCertificateAsync(Guid accountId, string? code, DateOnly? expiresOn, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(fillForm: true, cancellationToken))
        {
            return NotFound();
        }

        return Done(await roster.PutCertificateAsync(TeamId, accountId, new CertificateInput(code, expiresOn), cancellationToken), "Certificate_Saved", "");
    }

    public async Task<IActionResult> OnPostRemoveCertificateAsync(Guid accountId, Guid certificateId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(fillForm: true, cancellationToken))
        {
            return NotFound();
        }

        return Done(await roster.RemoveCertificateAsync(TeamId, accountId, certificateId, cancellationToken), "Certificate_Removed", "");
    }

    /// <summary>"expired", "expiring" (within <see cref="ExpiringDays"/>) or null, for the words next to the date.</summary>
    public string? CertificateStatus(VolunteerCertificate certificate) =>
        certificate.ExpiresOn < Today ? "expired" : certificate.ExpiresOn <= Today.AddDays(ExpiringDays) ? "expiring" : null;

    /// <summary>Done: back to the page with a notice. Refused: the page again, the form filled and the message next to its field (or in the summary).</summary>
    private IActionResult Done(Outcome outcome, string notice, string prefix)
    {
        if (outcome.Succeeded)
        {
            TempData["Status"] = notice;
            return Redirect($"/front-office/{Kato}/teams/{TeamId}");
        }

        if (prefix.Length > 0)
        {
            ModelState.AddRefusal(outcome, localizer, prefix: prefix);
        }
        else if (outcome.Errors.Count > 0)
        {
            // A member row's small forms have no field to show a message at: their refusals go in the summary.
            foreach (var error in outcome.Errors)
            {
                ModelState.AddModelError("", localizer[error.Message]);
            }
        }
        else
        {
            ModelState.AddError("", outcome.Error!, localizer);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(bool fillForm, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == TeamId && t.RegionKato == Kato, cancellationToken);
        if (team is null)
        {
            return false;
        }

        Team = team;
        RegionName = (await db.Regions.AsNoTracking().FirstAsync(r => r.Kato == Kato, cancellationToken)).Name.Resolve();
        Members = await report.MembersAsync(TeamId, cancellationToken);
        if (fillForm)
        {
            Input = new TeamForm { Name = team.Name, Kind = team.Kind, Equipment = team.Equipment, LastDrillOn = team.LastDrillOn, Standby = team.Standby };
        }

        return true;
    }
}

/// <summary>"Add a member": their e-mail or phone (any common spelling) and their role.</summary>
public sealed class MemberForm
{
    public string? Contact { get; set; }

    public string? Role { get; set; } = "member";
}
