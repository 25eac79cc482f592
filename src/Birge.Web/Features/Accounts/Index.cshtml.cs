using System.Text.Json;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Accounts;

[Authorize(Policy = Policies.Account)]
public sealed class IndexModel(
    UserManager<Account> users,
    BirgeDb db,
    PersonalData personalData,
    ContactConfirmation confirmation,
    TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public Account Account { get; private set; } = null!;

    public string RegionName { get; private set; } = "";

    public int? Age { get; private set; }

    public bool IsSilver { get; private set; }

    public string? ConsentVersion { get; private set; }

    public DateTime? ConsentGivenAt { get; private set; }

    /// <summary>The organisations the person owns or coordinates for.</summary>
    public List<(Guid Id, string Name, OrganizationStatus Status, string Role)> Organizations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing)
        {
            return missing;
        }

        return Page();
    }

    /// <summary>"Download my data": everything Birge holds about the person, as JSON.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing)
        {
            return missing;
        }

        var export = await personalData.ExportAsync(Account, cancellationToken);
        return File(JsonSerializer.SerializeToUtf8Bytes(export, ExportJson), "application/json", "birge-my-data.json");
    }

    [EnableRateLimiting(RateLimits.Auth)]
    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } missing)
        {
            return missing;
        }

        await confirmation.QueueAsync(Account);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Account_Resent";
        return RedirectToPage();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        if (account is null || !account.IsActive)
        {
            return Challenge();
        }

        Account = account;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Age = account.Age(today);
        IsSilver = account.IsSilver(today);
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Kato == account.RegionKato, cancellationToken);
        RegionName = region?.Name.Resolve() ?? account.RegionKato;
        var consent = await db.ConsentRecords.AsNoTracking()
            .Where(c => c.AccountId == account.Id && c.WithdrawnAt == null)
            .OrderByDescending(c => c.GivenAt)
            .FirstOrDefaultAsync(cancellationToken);
        ConsentVersion = consent?.Version;
        ConsentGivenAt = consent?.GivenAt;
        var organizations = await db.OrganizationMembers.AsNoTracking()
            .Where(m => m.AccountId == account.Id)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { o.Id, o.Name, o.Status, m.Role })
            .ToListAsync(cancellationToken);
        Organizations = [.. organizations.OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).Select(o => (o.Id, o.Name, o.Status, o.Role))];
        return null;
    }
}
