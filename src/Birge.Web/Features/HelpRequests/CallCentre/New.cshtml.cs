using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.HelpRequests.CallCentre;

/// <summary>
/// A new call on one screen, phone first. "Find caller" (a POST: the phone never goes in a URL) shows the caller's
/// requests of the last 60 days and fills the form from the latest; possible duplicates are shown before the request
/// is logged, to log it anyway or link it to the one it repeats. The request is queued at once and the caller gets the
/// tracking code by SMS.
/// </summary>
[Authorize(Policy = Policies.RegionStaffOrOperator)]
public sealed class NewModel(
    BirgeDb db,
    Scopes scopes,
    HelpRequestIntake intake,
    HelpRequestLookup lookup,
    HelpRequestTriage triage,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public HelpRequestForm Input { get; set; } = new();

    /// <summary>Set once the possible duplicates were shown: the next submit logs the call whatever they are.</summary>
    [BindProperty]
    public bool DuplicatesSeen { get; set; }

    /// <summary>Null until "find caller" ran; then the caller's requests, newest first (empty for a first call).</summary>
    public List<CallerRequest>? Caller { get; private set; }

    public List<CallerRequest> Duplicates { get; private set; } = [];

    public Dictionary<string, string> RegionNames { get; private set; } = [];

    /// <summary>The regions the person may log a call for, by name.</summary>
    public List<string> Regions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadRegionsAsync(cancellationToken);
        Input.RegionKato = Regions.Count == 1 ? Regions[0] : await OwnRegionAsync(cancellationToken);
        Input.Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" ? "ru" : "kk";
        Input.Urgency = HelpUrgency.Normal.ApiName();
    }

    /// <summary>"Find caller": their recent requests, the form filled from the latest one, and possible duplicates.</summary>
    public async Task<IActionResult> OnPostFindAsync(CancellationToken cancellationToken)
    {
        await LoadRegionsAsync(cancellationToken);
        ModelState.Clear();
        if (!PhoneNumber.TryParse(Input.Phone, out var phone))
        {
            ModelState.AddError("Input.Phone", PhoneNumber.Check(Input.Phone) ?? ErrorCodes.PhoneInvalid, localizer);
            return Page();
        }

        // Only requests of the person's own regions: a name and address are for the region's office (and the national one).
        Caller = [.. (await lookup.RepeatCallerAsync(phone!.Value, cancellationToken)).Where(r => Regions.Contains(r.RegionKato))];
        if (Caller.FirstOrDefault() is { } latest)
        {
            Input.Name ??= latest.Name;
            Input.Address ??= latest.Address;
            Input.Locality ??= latest.Locality;
            Input.Language = latest.Language;
            if (Regions.Contains(latest.RegionKato))
            {
                Input.RegionKato = latest.RegionKato;
            }

            // The caller's earlier names and addresses are personal data: reading them is audited.
            audit.Record("help_request.caller_lookup", "help_request", latest.Id.ToString(), latest.RegionKato);
            await db.SaveChangesAsync(cancellationToken);
        }

        Duplicates = await DuplicatesAsync(phone.Value, cancellationToken);
        DuplicatesSeen = Duplicates.Count > 0;
        return Page();
    }

    /// <summary>Logs the call; possible duplicates not yet seen are shown first.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await CheckAsync(cancellationToken) is { } input)
        {
            if (!DuplicatesSeen && PhoneNumber.TryParse(Input.Phone, out var phone))
            {
                Duplicates = await DuplicatesAsync(phone!.Value, cancellationToken);
                if (Duplicates.Count > 0)
                {
                    DuplicatesSeen = true;
                    return Page();
                }
            }

            var asked = await intake.AskAsync(input, Scopes.AccountId(User)!.Value, cancellationToken);
            if (asked.Value is { } result)
            {
                TempData["Status"] = result.Repeated ? "CallCentre_Done_repeated" : "CallCentre_Done_logged";
                return Redirect($"/call-centre/requests/{result.Request.Id}");
            }

            ModelState.AddRefusal(asked, localizer);
        }

        return Page();
    }

    /// <summary>"The same as this one": logs the call and links it to the request it repeats, which carries on.</summary>
    public async Task<IActionResult> OnPostLinkAsync(Guid? duplicateOf, CancellationToken cancellationToken)
    {
        if (await CheckAsync(cancellationToken) is { } input && PhoneNumber.TryParse(Input.Phone, out var phone))
        {
            Duplicates = await DuplicatesAsync(phone!.Value, cancellationToken);
            DuplicatesSeen = true;
            if (Duplicates.FirstOrDefault(d => d.Id == duplicateOf) is not { } original)
            {
                ModelState.AddError("", HelpRequestErrors.DuplicateInvalid, localizer);
                return Page();
            }

            var operatorId = Scopes.AccountId(User)!.Value;
            var asked = await intake.AskAsync(input, operatorId, cancellationToken);
            if (asked.Value is not { } result)
            {
                ModelState.AddRefusal(asked, localizer);
                return Page();
            }

            var linked = await triage.MarkDuplicateAsync(result.Request.Id, original.Id, operatorId, cancellationToken);
            TempData["Status"] = linked.Succeeded ? "CallCentre_Done_linked" : "CallCentre_Done_logged";
            return Redirect($"/call-centre/requests/{(linked.Succeeded ? original.Id : result.Request.Id)}");
        }

        return Page();
    }

    /// <summary>The input as the intake takes it, or null with the errors shown: binding, the point, and the region's office.</summary>
    private async Task<HelpRequestInput?> CheckAsync(CancellationToken cancellationToken)
    {
        await LoadRegionsAsync(cancellationToken);
        var errors = new List<FieldError>();
        var input = Input.ToInput(errors);
        ModelState.AddFieldErrors(errors, localizer);

        // An operator logs calls for the regions of their own office only; an attempt for another one is audited.
        if (Input.RegionKato is { Length: > 0 } region
            && RegionNames.ContainsKey(region)
            && !await scopes.WorksForRegionAsync(User, region, cancellationToken))
        {
            await audit.RecordDeniedAsync("help_request.create", "region", region, region, cancellationToken);
            ModelState.AddError("Input.RegionKato", ErrorCodes.Forbidden, localizer);
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        return input;
    }

    /// <summary>Possible duplicates in the person's own regions (the same phone may have asked elsewhere).</summary>
    private async Task<List<CallerRequest>> DuplicatesAsync(string phone, CancellationToken cancellationToken)
    {
        var (latitude, longitude) = Input.Point([]);
        var found = await lookup.PossibleDuplicatesAsync(new DuplicateProbe(phone, Input.Category, Input.RegionKato, Input.Address, latitude, longitude), cancellationToken);
        return [.. found.Where(r => Regions.Contains(r.RegionKato))];
    }

    private async Task LoadRegionsAsync(CancellationToken cancellationToken)
    {
        var covered = await CallCentreView.OfficeRegionsAsync(db, User, cancellationToken);
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        RegionNames = regions.ToDictionary(r => r.Kato, r => r.Name.Resolve());
        Regions = [.. regions.Where(r => covered is null || covered.Contains(r.Kato)).Select(r => r.Kato)
            .OrderBy(k => RegionNames[k], StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];
    }

    /// <summary>The operator's own regional office, when they have one.</summary>
    private async Task<string?> OwnRegionAsync(CancellationToken cancellationToken)
    {
        var id = Scopes.AccountId(User);
        return await db.FrontOfficeStaff.AsNoTracking()
            .Where(s => s.AccountId == id && s.FrontOfficeKato != FrontOffice.NationalKato)
            .OrderBy(s => s.FrontOfficeKato)
            .Select(s => s.FrontOfficeKato)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
