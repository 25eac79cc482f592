using System.Globalization;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Attendance;

/// <summary>Attendance marked by hand, in Kazakhstan's time as the coordinator reads the clock.</summary>
public sealed class MarkInput
{
    public Guid? VolunteerId { get; set; }

    public string? CheckedIn { get; set; }

    public string? CheckedOut { get; set; }
}

/// <summary>
/// The coordinator's hours page for a shift: who came and for how long, confirming hours (one by one with adjusted
/// minutes, or all who attended), marking attendance by hand, revoking with a reason, and the volunteers' disputes.
/// </summary>
[Authorize(Policy = Policies.OrganizationMember)]
public sealed class HoursModel(ShiftCheckin checkin, ShiftHours hours, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    [BindProperty]
    public MarkInput Mark { get; set; } = new();

    public ShiftInfo Info { get; private set; } = null!;

    public List<VolunteerHours> Volunteers { get; private set; } = [];

    /// <summary>Minutes typed on a row that was refused, so the row comes back as it was.</summary>
    public Dictionary<Guid, string> TypedMinutes { get; } = [];

    public IEnumerable<SelectListItem> VolunteerChoices =>
        [new SelectListItem("", ""), .. Volunteers.Select(v => new SelectListItem(v.FullName ?? "—", v.VolunteerId.ToString(), v.VolunteerId == Mark.VolunteerId))];

    public async Task<IActionResult> OnGetAsync(Guid shiftId, CancellationToken cancellationToken) =>
        await LoadAsync(shiftId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(Guid shiftId, Guid volunteerId, string? minutes, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(shiftId, cancellationToken))
        {
            return NotFound();
        }

        int? wanted = null;
        if (!string.IsNullOrWhiteSpace(minutes))
        {
            if (!int.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                TypedMinutes[volunteerId] = minutes;
                return Refused([new FieldError(volunteerId.ToString(), AttendanceErrors.MinutesInvalid)]);
            }

            wanted = parsed;
        }

        var confirmed = await hours.ConfirmAsync(Info, [new HoursToConfirm(volunteerId, wanted)], Scopes.AccountId(User)!.Value, cancellationToken);
        if (!confirmed.Succeeded)
        {
            TypedMinutes[volunteerId] = minutes ?? "";
            return Refused(confirmed.Errors);
        }

        TempData["Status"] = "Hours_ConfirmedStatus";
        return Redirect($"/shifts/{shiftId}/hours");
    }

    public async Task<IActionResult> OnPostConfirmAllAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(shiftId, cancellationToken))
        {
            return NotFound();
        }

        var attended = Volunteers.Where(v => v.Attended && v.Entry is null).Select(v => new HoursToConfirm(v.VolunteerId, null)).ToList();
        if (attended.Count == 0)
        {
            ModelState.AddModelError("", localizer["Hours_NothingToConfirm"]);
            return Page();
        }

        var confirmed = await hours.ConfirmAsync(Info, attended, Scopes.AccountId(User)!.Value, cancellationToken);
        if (!confirmed.Succeeded)
        {
            return Refused(confirmed.Errors);
        }

        TempData["Status"] = "Hours_ConfirmedAllStatus";
        return Redirect($"/shifts/{shiftId}/hours");
    }

    public async Task<IActionResult> OnPostMarkAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(shiftId, cancellationToken))
        {
            return NotFound();
        }

        var checkedIn = ParseLocal(Mark.CheckedIn);
        var checkedOut = ParseLocal(Mark.CheckedOut);
        if (Mark.VolunteerId is null)
        {
            ModelState.AddError("Mark.VolunteerId", ErrorCodes.ValueInvalid, localizer);
        }

        if (checkedIn is null)
        {
            ModelState.AddError("Mark.CheckedIn", ErrorCodes.ValueInvalid, localizer);
        }

        if (!string.IsNullOrWhiteSpace(Mark.CheckedOut) && checkedOut is null)
        {
            ModelState.AddError("Mark.CheckedOut", ErrorCodes.ValueInvalid, localizer);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var marked = await hours.MarkAsync(Info, Mark.VolunteerId!.Value, checkedIn!.Value, checkedOut, Scopes.AccountId(User)!.Value, cancellationToken);
        if (!marked.Succeeded)
        {
            ModelState.AddRefusal(marked, localizer, prefix: "Mark");
            return Page();
        }

        TempData["Status"] = "Hours_MarkedStatus";
        return Redirect($"/shifts/{shiftId}/hours");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid shiftId, Guid hoursEntryId, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(shiftId, cancellationToken))
        {
            return NotFound();
        }

        var revoked = await hours.RevokeAsync(Info, hoursEntryId, reason, cancellationToken);
        if (revoked.Error is { } error)
        {
            // Shown above the rows, naming whose hours: the reason box is one per row.
            var volunteer = Volunteers.FirstOrDefault(v => v.Entry?.Id == hoursEntryId);
            ModelState.AddModelError("", $"{volunteer?.FullName ?? "—"}: {localizer["Error_" + error]}");
            return Page();
        }

        TempData["Status"] = "Hours_RevokedStatus";
        return Redirect($"/shifts/{shiftId}/hours");
    }

    public static string Local(DateTime utc) => KazakhstanTime.FromUtc(utc).ToString(LocalFormat, CultureInfo.InvariantCulture);

    /// <summary>A <c>datetime-local</c> value in Kazakhstan's time, as UTC.</summary>
    private static DateTime? ParseLocal(string? value) =>
        DateTime.TryParseExact(value?.Trim(), LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), KazakhstanTime.Zone)
            : null;

    private PageResult Refused(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            var name = Volunteers.FirstOrDefault(v => v.VolunteerId.ToString() == error.Field)?.FullName ?? "—";
            ModelState.AddModelError("", $"{name}: {localizer[error.Message]}");
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid shiftId, CancellationToken cancellationToken)
    {
        if (await checkin.FindAsync(shiftId, cancellationToken) is not { } info)
        {
            return false;
        }

        Info = info;
        Volunteers = await hours.VolunteersAsync(info, cancellationToken);
        return true;
    }
}
