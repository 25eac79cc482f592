using System.Globalization;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Opportunities;

/// <summary>
/// The opportunity form as typed: numbers and times are text until read, times are Kazakhstan wall-clock times,
/// and shift rows left empty are ignored, so a phone without JavaScript can offer a few spare rows.
/// </summary>
public sealed class OpportunityForm
{
    public const int SpareRows = 3;
    public const string TimeFormat = "yyyy-MM-ddTHH:mm";
    private static readonly string[] TimeFormats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    public string? Kind { get; set; } = "event";

    public string? TitleKk { get; set; }

    public string? TitleRu { get; set; }

    public string? TitleEn { get; set; }

    public string? DescriptionKk { get; set; }

    public string? DescriptionRu { get; set; }

    public string? DescriptionEn { get; set; }

    public List<string> Directions { get; set; } = [];

    public string? RegionKato { get; set; }

    public string? Address { get; set; }

    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    public bool Online { get; set; }

    public string? MinAge { get; set; }

    /// <summary>False unless ticked: an unticked box sends nothing.</summary>
    public bool AutoAccept { get; set; }

    public List<ShiftRow> Shifts { get; set; } = [];

    public static OpportunityForm Blank() => new() { AutoAccept = true, Shifts = [.. Enumerable.Range(0, SpareRows).Select(_ => new ShiftRow())] };

    public static OpportunityForm From(Opportunity o)
    {
        var form = new OpportunityForm
        {
            Kind = o.Kind.ApiName(),
            TitleKk = o.Title.Kk,
            TitleRu = o.Title.Ru,
            TitleEn = o.Title.En,
            DescriptionKk = o.Description.Kk,
            DescriptionRu = o.Description.Ru,
            DescriptionEn = o.Description.En,
            Directions = [.. o.Directions],
            RegionKato = o.RegionKato,
            Address = o.Address,
            Latitude = o.Latitude?.ToString(CultureInfo.InvariantCulture),
            Longitude = o.Longitude?.ToString(CultureInfo.InvariantCulture),
            Online = o.Online,
            MinAge = o.MinAge > 0 ? o.MinAge.ToString(CultureInfo.InvariantCulture) : null,
            AutoAccept = o.AutoAccept,
            Shifts = [.. o.Shifts.OrderBy(s => s.StartsAt).Select(s => new ShiftRow
            {
                Id = s.Id,
                StartsAt = Local(s.StartsAt),
                EndsAt = Local(s.EndsAt),
                Capacity = s.Capacity.ToString(CultureInfo.InvariantCulture),
                RoleKk = s.Role.Kk,
                RoleRu = s.Role.Ru,
                RoleEn = s.Role.En,
            })],
        };
        form.Shifts.Add(new ShiftRow());
        return form;
    }

    public OpportunityInput ToInput()
    {
        var input = new OpportunityInput
        {
            Kind = Kind,
            Title = new LocalizedText(TitleKk, TitleRu, TitleEn),
            Description = new LocalizedText(DescriptionKk, DescriptionRu, DescriptionEn),
            Directions = Directions,
            RegionKato = RegionKato,
            Address = Address,
            Online = Online,
            AutoAccept = AutoAccept,
        };
        if (!Online)
        {
            input.Latitude = Number(Latitude, "latitude", OpportunityErrors.CoordinatesInvalid, input.ParseErrors);
            input.Longitude = Number(Longitude, "latitude", OpportunityErrors.CoordinatesInvalid, input.ParseErrors);
        }

        input.MinAge = (int?)Number(MinAge, "minAge", OpportunityErrors.MinAgeInvalid, input.ParseErrors, wholeNumber: true);
        for (var i = 0; i < Shifts.Count; i++)
        {
            var row = Shifts[i];
            if (row.IsBlank || (row.Id is not null && row.Remove))
            {
                continue;
            }

            var field = $"shifts[{i}].";
            input.Shifts.Add(new ShiftInput(
                i,
                row.Id,
                Time(row.StartsAt, field + "startsAt", input.ParseErrors),
                Time(row.EndsAt, field + "endsAt", input.ParseErrors),
                (int?)Number(row.Capacity, field + "capacity", OpportunityErrors.CapacityInvalid, input.ParseErrors, wholeNumber: true),
                new LocalizedText(row.RoleKk, row.RoleRu, row.RoleEn),
                (int?)Number(row.RepeatWeekly, field + "repeatWeekly", OpportunityErrors.RepeatInvalid, input.ParseErrors, wholeNumber: true) ?? 0));
        }

        return input;
    }

    public static string Local(DateTime utc) => KazakhstanTime.FromUtc(utc).ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTime? Time(string? text, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTime.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return KazakhstanTime.ToUtc(local);
        }

        errors.Add(new FieldError(field, OpportunityErrors.ShiftTimesInvalid));
        return null;
    }

    /// <summary>Reads "43.25" or "43,25" alike (a Russian keyboard types a comma).</summary>
    private static double? Number(string? text, string field, string code, List<FieldError> errors, bool wholeNumber = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var style = wholeNumber ? NumberStyles.Integer : NumberStyles.Float;
        if (double.TryParse(text.Trim().Replace(',', '.'), style, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            && (!wholeNumber || Math.Abs(value) < int.MaxValue))
        {
            return value;
        }

        errors.Add(new FieldError(field, code));
        return null;
    }
}

/// <summary>One shift row of the form; <see cref="Id"/> is set for a shift already saved.</summary>
public sealed class ShiftRow
{
    public Guid? Id { get; set; }

    public string? StartsAt { get; set; }

    public string? EndsAt { get; set; }

    public string? Capacity { get; set; }

    public string? RoleKk { get; set; }

    public string? RoleRu { get; set; }

    public string? RoleEn { get; set; }

    /// <summary>How many more times, a week apart (new shifts only).</summary>
    public string? RepeatWeekly { get; set; }

    public bool Remove { get; set; }

    public bool IsBlank => Id is null && new[] { StartsAt, EndsAt, Capacity, RoleKk, RoleRu, RoleEn, RepeatWeekly }.All(string.IsNullOrWhiteSpace);
}

/// <summary>What the new and edit pages share: the form, its lists, and refusals shown next to their fields.</summary>
public abstract class OpportunityFormPage(BirgeDb db, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public OpportunityForm Input { get; set; } = new();

    public List<SelectListItem> Regions { get; private set; } = [];

    public List<SelectListItem> DirectionOptions { get; private set; } = [];

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    /// <summary>The "add another shift" button was pressed: the form comes back with one more empty row.</summary>
    protected bool AddingShift => Request.HasFormContentType && Request.Form.ContainsKey("addShift");

    protected async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        var byName = StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true);
        var regions = await db.Regions.AsNoTracking().ToListAsync(cancellationToken);
        Regions = [new SelectListItem(localizer["Field_Region_Choose"], "")];
        Regions.AddRange(regions.Select(r => new SelectListItem(r.Name.Resolve(), r.Kato)).OrderBy(i => i.Text, byName));
        var directions = await db.Directions.AsNoTracking().OrderBy(d => d.SortOrder).ToListAsync(cancellationToken);
        DirectionOptions = [.. directions.Select(d => new SelectListItem(d.Name.Resolve(), d.Code))];
    }

    protected void AddShiftRow()
    {
        ModelState.Clear();
        if (Input.Shifts.Count < Opportunity.MaxShifts)
        {
            Input.Shifts.Add(new ShiftRow());
        }
    }

    /// <summary>The form's three language boxes of a text answer for the API's one field.</summary>
    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["title"] = "titleKk",
        ["description"] = "descriptionKk",
    };

    /// <summary>
    /// Shows each refusal next to its field: "shifts[1].capacity" is "Input.Shifts[1].Capacity", and a shift's role,
    /// like the title, is shown by its first language box.
    /// </summary>
    protected void ShowErrors(Outcome outcome)
    {
        var renames = new Dictionary<string, string>(Renames, StringComparer.Ordinal);
        for (var i = 0; i < Input.Shifts.Count; i++)
        {
            renames[$"shifts[{i}].role"] = $"shifts[{i}].roleKk";
        }

        ModelState.AddRefusal(outcome, localizer, renames);
    }
}
