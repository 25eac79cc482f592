using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Features.Attendance;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.CallOuts;

/// <summary>The staff's check-in screen on site: the rotating code of M7 under the call-out's secret, as a QR code and as text.</summary>
[Authorize(Policy = Policies.RegionStaff)]
public sealed class CheckinScreenModel(BirgeDb db, TimeProvider clock, Outbox outbox) : PageModel
{
    /// <summary>How often the screen fetches the fresh code (the code changes every minute).</summary>
    public const int RefreshSeconds = 30;

    public CallOut CallOut { get; private set; } = null!;

    public bool IsOpen { get; private set; }

    public string Code { get; private set; } = "";

    public string Svg { get; private set; } = "";

    public IReadOnlyList<Arrival> Arrivals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kato, Guid callOutId, CancellationToken cancellationToken)
    {
        if (await db.CallOuts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == callOutId && c.RegionKato == kato, cancellationToken) is not { } callOut)
        {
            return NotFound();
        }

        CallOut = callOut;
        var now = clock.GetUtcNow().UtcDateTime;
        IsOpen = callOut.Status != CallOutStatus.Cancelled && now >= CallOutRoster.OpensAt(callOut) && now <= callOut.EndsAt;
        if (IsOpen)
        {
            Code = CheckinCode.Current(callOut.Id, callOut.CheckinSecret, now);
            Svg = Attendance.CheckinScreenModel.QrSvg(outbox.Link($"/call-outs/{callOut.Id}/checkin?code={Code}"));
        }

        var arrived = await db.CallOutRecipients.AsNoTracking()
            .Where(r => r.CallOutId == callOutId && r.CheckedInAt != null)
            .OrderByDescending(r => r.CheckedInAt)
            .Join(db.Accounts, r => r.AccountId, p => p.Id, (r, p) => new { p.FullName, r.CheckedInAt })
            .ToListAsync(cancellationToken);
        Arrivals = [.. arrived.Select(a => Arrival.Of(a.FullName, a.CheckedInAt!.Value))];
        return Page();
    }
}
