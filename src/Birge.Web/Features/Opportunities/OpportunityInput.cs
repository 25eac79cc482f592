using Birge.Web.Domain;

namespace Birge.Web.Features.Opportunities;

/// <summary>
/// An opportunity as its coordinator describes it, from the form or from the API, with times already in UTC.
/// Field names of refusals are the API's (<c>title</c>, <c>shifts[1].capacity</c>…).
/// </summary>
public sealed class OpportunityInput
{
    public string? Kind { get; set; }

    public LocalizedText Title { get; set; } = new(null, null, null);

    public LocalizedText Description { get; set; } = new(null, null, null);

    public List<string> Directions { get; set; } = [];

    public string? RegionKato { get; set; }

    public string? Address { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public bool Online { get; set; }

    public int? MinAge { get; set; }

    public bool AutoAccept { get; set; } = true;

    public List<ShiftInput> Shifts { get; set; } = [];

    /// <summary>Refusals found while reading the input (a time or number that does not parse).</summary>
    public List<FieldError> ParseErrors { get; } = [];
}

/// <summary>
/// One shift: <see cref="Id"/> names an existing shift when editing; <see cref="Index"/> is its row (or array
/// position), so a refusal points at the right one. A new shift may recur: <see cref="RepeatWeekly"/> more copies,
/// a week apart (a project's Saturday shift for two months is one row with 7). <see cref="Role"/> is in the languages
/// the coordinator wrote it in, like the title.
/// </summary>
public sealed record ShiftInput(int Index, Guid? Id, DateTime? StartsAt, DateTime? EndsAt, int? Capacity, LocalizedText Role, int RepeatWeekly = 0)
{
    public const int MaxRepeats = 52;
}

public static class OpportunityKindNames
{
    public static string ApiName(this OpportunityKind kind) => kind.ToString().ToLowerInvariant();

    public static string ApiName(this OpportunityStatus status) => status.ToString().ToLowerInvariant();

    public static OpportunityKind? Parse(string? text) =>
        Enum.GetValues<OpportunityKind>().Cast<OpportunityKind?>().FirstOrDefault(k => k!.Value.ApiName() == text?.Trim().ToLowerInvariant());
}
