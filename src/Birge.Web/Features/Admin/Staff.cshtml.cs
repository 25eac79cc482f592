using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Accounts;
using Birge.Web.Features.FrontOffices;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Admin;

/// <summary>The national admin's list of the 21 front offices and who works for each, with assign and remove.</summary>
[Authorize(Policy = Policies.NationalAdmin)]
public sealed class StaffModel(
    BirgeDb db,
    StaffAssignment assignment,
    AccountLookup lookup,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public List<OfficeRow> Offices { get; private set; } = [];

    public List<SelectListItem> OfficeItems { get; private set; } = [];

    public List<SelectListItem> RoleItems { get; private set; } = [];

    /// <summary>The page names the person by the login typed, the use case by their account.</summary>
    private static readonly Dictionary<string, string> LoginField = new(StringComparer.Ordinal) { ["accountId"] = "login" };

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        var account = await lookup.FindByLoginAsync(Input.Login, cancellationToken);
        if (account is null || !account.IsActive)
        {
            ModelState.AddError("Input.Login", FrontOfficeErrors.AccountNotFound, localizer);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var assigned = await assignment.AssignAsync(Input.Office ?? "", account.Id, Input.Role, Scopes.AccountId(User)!.Value, cancellationToken);
        if (!assigned.Succeeded)
        {
            ModelState.AddRefusal(assigned, localizer, LoginField);
            await LoadAsync(cancellationToken);
            return Page();
        }

        TempData["Status"] = "Staff_Assigned";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? office, Guid accountId, CancellationToken cancellationToken)
    {
        if (!(await assignment.RemoveAsync(office ?? "", accountId, cancellationToken)).Succeeded)
        {
            return NotFound();
        }

        TempData["Status"] = "Staff_Removed";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var offices = await db.FrontOffices.AsNoTracking().ToListAsync(cancellationToken);
        var staff = await db.FrontOfficeStaff.AsNoTracking()
            .Join(db.Accounts, s => s.AccountId, a => a.Id, (s, a) => new { s.FrontOfficeKato, s.Role, s.AssignedAt, a.Id, a.FullName, a.Email, a.Phone })
            .ToListAsync(cancellationToken);
        var byName = StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true);
        Offices = offices
            .Select(f => new OfficeRow(
                f.Kato,
                f.Name.Resolve(),
                staff.Where(s => s.FrontOfficeKato == f.Kato)
                    .OrderBy(s => s.Role, StringComparer.Ordinal)
                    .ThenBy(s => s.FullName ?? "", byName)
                    .Select(s => new StaffRow(s.Id, s.FullName ?? "—", s.Email ?? s.Phone ?? "—", s.Role, s.AssignedAt))
                    .ToList()))
            .OrderBy(o => o.Kato == FrontOffice.NationalKato ? 0 : 1)
            .ThenBy(o => o.Name, byName)
            .ToList();
        OfficeItems = [new SelectListItem(localizer["Staff_ChooseOffice"], "")];
        OfficeItems.AddRange(Offices.Select(o => new SelectListItem(o.Name, o.Kato)));
        RoleItems = [.. StaffAssignment.Roles.Select(r => new SelectListItem(localizer["Staff_Role_" + r], r))];
    }
}

public sealed class StaffInput
{
    public string? Office { get; set; }

    public string? Login { get; set; }

    public string? Role { get; set; } = FrontOfficeStaff.Staff;
}

public sealed record OfficeRow(string Kato, string Name, List<StaffRow> Staff);

public sealed record StaffRow(Guid AccountId, string Name, string Contact, string Role, DateTime AssignedAt);
