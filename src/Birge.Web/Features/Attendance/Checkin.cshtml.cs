using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Attendance;

/// <summary>
/// What the phone camera opens: <c>/checkin/{shiftId}?code=…</c> checks the volunteer in at once and says so; opened
/// again it records nothing and offers check-out, which needs a fresh code too. Without a code, the code is typed.
/// </summary>
[Authorize(Policy = Policies.Account)]
public sealed class CheckinModel(ShiftCheckin checkin, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public ShiftInfo Info { get; private set; } = null!;

    public Domain.Attendance? Attendance { get; private set; }

    public bool JustCheckedIn { get; private set; }

    /// <summary>The scanned code, accepted a moment ago, which the check-out button sends back.</summary>
    public string? ScannedCode { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid shiftId, string? code, CancellationToken cancellationToken)
    {
        if (await checkin.FindAsync(shiftId, cancellationToken) is not { } info)
        {
            return NotFound();
        }

        Info = info;
        if (code is not null)
        {
            var result = await checkin.CheckInAsync(info, VolunteerId, code, cancellationToken);
            if (result.Value is { } scan)
            {
                JustCheckedIn = !scan.Repeated;
                ScannedCode = CheckinCode.Normalize(code);
            }
            else
            {
                Refusal = localizer["Error_" + result.Error];
            }
        }

        Attendance = await checkin.AttendanceAsync(shiftId, VolunteerId, cancellationToken);
        return Page();
    }

    /// <summary>Checks in with a typed code.</summary>
    public async Task<IActionResult> OnPostAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        if (await checkin.FindAsync(shiftId, cancellationToken) is not { } info)
        {
            return NotFound();
        }

        var result = await checkin.CheckInAsync(info, VolunteerId, Code, cancellationToken);
        return await AnswerAsync(info, result, result.Value?.Repeated == true ? "Checkin_AlreadyStatus" : "Checkin_DoneStatus", cancellationToken);
    }

    public async Task<IActionResult> OnPostCheckoutAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        if (await checkin.FindAsync(shiftId, cancellationToken) is not { } info)
        {
            return NotFound();
        }

        var result = await checkin.CheckOutAsync(info, VolunteerId, Code, cancellationToken);
        return await AnswerAsync(info, result, "Checkin_CheckedOutStatus", cancellationToken);
    }

    private Guid VolunteerId => Scopes.AccountId(User)!.Value;

    private async Task<IActionResult> AnswerAsync(ShiftInfo info, Outcome<Scan> result, string status, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            TempData["Status"] = status;
            return Redirect($"/checkin/{info.Shift.Id}");
        }

        Info = info;
        ModelState.AddRefusal(result, localizer, prefix: "");
        Attendance = await checkin.AttendanceAsync(info.Shift.Id, VolunteerId, cancellationToken);
        return Page();
    }
}
