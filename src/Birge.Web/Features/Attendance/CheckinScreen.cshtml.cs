using Birge.Web.Data;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace Birge.Web.Features.Attendance;

/// <summary>
/// The coordinator's screen at the door: a QR code of the check-in link with this minute's code, the code in text,
/// and how many have checked in. A small script swaps in the fresh code every few seconds; without JavaScript the
/// page reloads itself, so it works on any screen.
/// </summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class CheckinScreenModel(BirgeDb db, ShiftCheckin checkin, Outbox outbox, TimeProvider clock) : PageModel
{
    public const int RefreshSeconds = 20;

    public ShiftInfo Info { get; private set; } = null!;

    public bool IsOpen { get; private set; }

    public bool IsOver { get; private set; }

    public DateTime OpensAt { get; private set; }

    public string Code { get; private set; } = "";

    public string Link { get; private set; } = "";

    public string Svg { get; private set; } = "";

    public int CheckedIn { get; private set; }

    public int Accepted { get; private set; }

    public IReadOnlyList<Arrival> Arrivals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        if (await checkin.FindAsync(shiftId, cancellationToken) is not { } info)
        {
            return NotFound();
        }

        Info = info;
        var now = clock.GetUtcNow().UtcDateTime;
        IsOpen = CheckinCode.IsOpen(info.Shift, now);
        IsOver = now > info.Shift.EndsAt;
        OpensAt = CheckinCode.OpensAt(info.Shift);
        Accepted = await db.Applications.CountAsync(a => a.ShiftId == shiftId && a.Status == Domain.ApplicationStatus.Accepted, cancellationToken);
        var arrived = await db.Attendances.AsNoTracking()
            .Where(a => a.ShiftId == shiftId)
            .OrderByDescending(a => a.CheckedInAt)
            .Join(db.Accounts, a => a.VolunteerId, p => p.Id, (a, p) => new { p.FullName, a.CheckedInAt })
            .ToListAsync(cancellationToken);
        CheckedIn = arrived.Count;
        Arrivals = [.. arrived.Select(a => Arrival.Of(a.FullName, a.CheckedInAt))];
        if (IsOpen)
        {
            Code = CheckinCode.Current(info.Shift, now);
            Link = outbox.Link($"/checkin/{shiftId}?code={Code}");
            Svg = QrSvg(Link);
        }

        return Page();
    }

    /// <summary>An SVG that scales to its box (the page's CSS gives it its size).</summary>
    public static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(10, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
