namespace Birge.Web.Domain;

/// <summary>
/// What a volunteer tells about themself beyond sign-up (M2). Every field is optional. The privacy choices decide
/// what an organisation's coordinators see when the volunteer applies to them.
/// </summary>
public sealed class VolunteerProfile
{
    public const int MaxTextLength = 1000;
    public const int MaxCityLength = 100;

    public Guid AccountId { get; init; }

    public string? City { get; set; }

    /// <summary>ISO 639-1 codes from <see cref="Catalogues.Languages"/>.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Codes from <see cref="Catalogues.Skills"/>.</summary>
    public List<string> Skills { get; set; } = [];

    public string? OtherSkills { get; set; }

    /// <summary>Direction codes the volunteer is interested in.</summary>
    public List<string> Directions { get; set; } = [];

    /// <summary>When the volunteer is usually free: keys of <see cref="WeeklySlots"/>, e.g. "sat-morning".</summary>
    public List<string> Availability { get; set; } = [];

    public string? AccessibilityNeeds { get; set; }

    public string? About { get; set; }

    public bool ShowContactsToOrganisers { get; set; }

    public bool ShowAgeToOrganisers { get; set; } = true;

    public bool ShowProfileToOrganisers { get; set; } = true;

    public DateTime UpdatedAt { get; set; }

    /// <summary>Erased with the account: nothing here is statistics.</summary>
    public void Erase()
    {
        City = null;
        Languages = [];
        Skills = [];
        OtherSkills = null;
        Directions = [];
        Availability = [];
        AccessibilityNeeds = null;
        About = null;
    }
}

/// <summary>The week as a volunteer describes it: seven days, each a morning, an afternoon and an evening.</summary>
public static class WeeklySlots
{
    public static readonly IReadOnlyList<string> Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static readonly IReadOnlyList<string> Parts = ["morning", "afternoon", "evening"];

    public static readonly IReadOnlyList<string> All = [.. Days.SelectMany(d => Parts.Select(p => Key(d, p)))];

    public static string Key(string day, string part) => $"{day}-{part}";
}
