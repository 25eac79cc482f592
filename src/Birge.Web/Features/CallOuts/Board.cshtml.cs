using Birge.Web.Data;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.CallOuts;

/// <summary>
/// The live board of a call-out for its region's staff: sent, coming, can't, no answer, by wave and by region; the
/// roster with phones to call; the reserve. It brings itself up to date every 20 seconds, with a small script or, without JavaScript, by reloading. Close and cancel
/// end it (a cancellation tells those coming). The roster's phones are personal data: every open is audited.
/// </summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class BoardModel(BirgeDb db, CallOutBoard board, CallOutRoster roster, TimeProvider clock, AuditLog audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string ReadAction = "call_out.read";

    /// <summary>How often a running board brings itself up to date (its counts, roster and reserve).</summary>
    public const int RefreshSeconds = 20;

    public CallOutBoardView View { get; private set; } = null!;

    public string Kato { get; private set; } = "";

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    public DateTime Now { get; private set; }

    public Task<IActionResult> OnGetAsync(string kato, Guid callOutId, CancellationToken cancellationToken) => ShowAsync(kato, callOutId, cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(string kato, Guid callOutId, CancellationToken cancellationToken) => EndAsync(kato, callOutId, cancel: false, cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(string kato, Guid callOutId, CancellationToken cancellationToken) => EndAsync(kato, callOutId, cancel: true, cancellationToken);

    /// <summary>Confirms a roster member's hours, the minutes as staff set them (suggested from check-in to check-out).</summary>
    public async Task<IActionResult> OnPostHoursAsync(string kato, Guid callOutId, Guid accountId, string? minutes, CancellationToken cancellationToken)
    {
        if (!await db.CallOuts.AnyAsync(c => c.Id == callOutId && c.RegionKato == kato, cancellationToken))
        {
            return NotFound();
        }

        var given = int.TryParse(minutes, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : (int?)null;
        var confirmed = await roster.ConfirmHoursAsync(callOutId, accountId, given, Scopes.AccountId(User)!.Value, cancellationToken);
        if (!confirmed.Succeeded)
        {
            ModelState.AddRefusal(confirmed, localizer, prefix: "");
            return await ShowAsync(kato, callOutId, cancellationToken);
        }

        TempData["Status"] = "CallOut_Done_hours";
        return RedirectToPage(new { kato, callOutId });
    }

    private async Task<IActionResult> EndAsync(string kato, Guid callOutId, bool cancel, CancellationToken cancellationToken)
    {
        if (!await db.CallOuts.AnyAsync(c => c.Id == callOutId && c.RegionKato == kato, cancellationToken))
        {
            return NotFound();
        }

        var ended = await board.EndAsync(callOutId, cancel, Scopes.AccountId(User)!.Value, cancellationToken);
        if (!ended.Succeeded)
        {
            ModelState.AddRefusal(ended, localizer, prefix: "");
            return await ShowAsync(kato, callOutId, cancellationToken);
        }

        TempData["Status"] = cancel ? "CallOut_Done_cancelled" : "CallOut_Done_closed";
        return RedirectToPage(new { kato, callOutId });
    }

    private async Task<IActionResult> ShowAsync(string kato, Guid callOutId, CancellationToken cancellationToken)
    {
        if (await board.ReadAsync(callOutId, cancellationToken) is not { } view || view.CallOut.RegionKato != kato)
        {
            return NotFound();
        }

        View = view;
        Kato = kato;
        Now = clock.GetUtcNow().UtcDateTime;
        var katos = view.Regions.Select(r => r.RegionKato).Append(kato).ToList();
        var regions = await db.Regions.AsNoTracking().Where(r => katos.Contains(r.Kato)).ToListAsync(cancellationToken);
        RegionNames = regions.ToDictionary(r => r.Kato, r => r.Name.Resolve(), StringComparer.Ordinal);
        audit.Record(ReadAction, "call_out", callOutId.ToString(), kato);
        await db.SaveChangesAsync(cancellationToken);
        return Page();
    }
}
