using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Profile;

/// <summary>
/// What a volunteer sends to change their profile, from the <c>/profile</c> form or <c>PUT /api/v1/me/profile</c>.
/// The rules (known codes, lengths) live here only: <see cref="Validate"/>. Every field is optional; a save
/// replaces the whole profile.
/// </summary>
public sealed class ProfileUpdate
{
    /// <summary>The "too long" message for each limit: the code stays <see cref="ErrorCodes.TooLong"/>.</summary>
    public const string CityTooLongKey = "Profile_TooLong_100";
    public const string TextTooLongKey = "Profile_TooLong_1000";

    public string? City { get; set; }

    public List<string>? Languages { get; set; } = [];

    public List<string>? Skills { get; set; } = [];

    public string? OtherSkills { get; set; }

    public List<string>? Directions { get; set; } = [];

    public List<string>? Availability { get; set; } = [];

    public string? AccessibilityNeeds { get; set; }

    public string? About { get; set; }

    public bool ShowContactsToOrganisers { get; set; }

    public bool ShowAgeToOrganisers { get; set; }

    public bool ShowProfileToOrganisers { get; set; }

    /// <summary>The form filled with what is stored, or with a new profile's defaults.</summary>
    public static ProfileUpdate From(VolunteerProfile? profile)
    {
        profile ??= new VolunteerProfile();
        return new ProfileUpdate
        {
            City = profile.City,
            Languages = [.. profile.Languages],
            Skills = [.. profile.Skills],
            OtherSkills = profile.OtherSkills,
            Directions = [.. profile.Directions],
            Availability = [.. profile.Availability],
            AccessibilityNeeds = profile.AccessibilityNeeds,
            About = profile.About,
            ShowContactsToOrganisers = profile.ShowContactsToOrganisers,
            ShowAgeToOrganisers = profile.ShowAgeToOrganisers,
            ShowProfileToOrganisers = profile.ShowProfileToOrganisers,
        };
    }

    /// <summary>Every refusal, by API field name; <paramref name="directions"/> are the codes of the Directions table.</summary>
    public List<FieldError> Validate(IReadOnlyCollection<string> directions)
    {
        var errors = new List<FieldError>();
        CheckLength(errors, "city", City, VolunteerProfile.MaxCityLength, CityTooLongKey);
        CheckCodes(errors, "languages", Languages, Catalogues.Languages, ErrorCodes.LanguageInvalid);
        CheckCodes(errors, "skills", Skills, Catalogues.Skills, ProfileErrors.SkillInvalid);
        CheckLength(errors, "otherSkills", OtherSkills, VolunteerProfile.MaxTextLength, TextTooLongKey);
        CheckCodes(errors, "directions", Directions, directions, ErrorCodes.DirectionInvalid);
        CheckCodes(errors, "availability", Availability, WeeklySlots.All, ErrorCodes.ValueInvalid);
        CheckLength(errors, "accessibilityNeeds", AccessibilityNeeds, VolunteerProfile.MaxTextLength, TextTooLongKey);
        CheckLength(errors, "about", About, VolunteerProfile.MaxTextLength, TextTooLongKey);
        return errors;
    }

    /// <summary>Copies the (valid) input onto the profile: texts trimmed, empty texts as null, codes in catalogue order.</summary>
    public void ApplyTo(VolunteerProfile profile, IReadOnlyList<string> directions, DateTime now)
    {
        profile.City = Clean(City);
        profile.Languages = Ordered(Languages, Catalogues.Languages);
        profile.Skills = Ordered(Skills, Catalogues.Skills);
        profile.OtherSkills = Clean(OtherSkills);
        profile.Directions = Ordered(Directions, directions);
        profile.Availability = Ordered(Availability, WeeklySlots.All);
        profile.AccessibilityNeeds = Clean(AccessibilityNeeds);
        profile.About = Clean(About);
        profile.ShowContactsToOrganisers = ShowContactsToOrganisers;
        profile.ShowAgeToOrganisers = ShowAgeToOrganisers;
        profile.ShowProfileToOrganisers = ShowProfileToOrganisers;
        profile.UpdatedAt = now;
    }

    /// <summary>Trimmed, with the browser's "\r\n" counted as one line break; null when empty.</summary>
    public static string? Clean(string? text)
    {
        var cleaned = text?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return string.IsNullOrEmpty(cleaned) ? null : cleaned;
    }

    private static void CheckLength(List<FieldError> errors, string field, string? text, int max, string messageKey)
    {
        if (Clean(text)?.Length > max)
        {
            errors.Add(new FieldError(field, ErrorCodes.TooLong, messageKey));
        }
    }

    private static void CheckCodes(List<FieldError> errors, string field, List<string>? codes, IEnumerable<string> allowed, string code)
    {
        if (codes is { Count: > 0 } && codes.Except(allowed, StringComparer.Ordinal).Any())
        {
            errors.Add(new FieldError(field, code));
        }
    }

    private static List<string> Ordered(List<string>? codes, IEnumerable<string> catalogue) =>
        codes is null ? [] : [.. catalogue.Where(c => codes.Contains(c, StringComparer.Ordinal))];
}

/// <summary>Reads and saves a volunteer's profile for the page and the API.</summary>
public static class Profiles
{
    public static Task<VolunteerProfile?> FindAsync(BirgeDb db, Guid accountId, CancellationToken cancellationToken) =>
        db.VolunteerProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.AccountId == accountId, cancellationToken);

    /// <summary>Direction codes in their display order.</summary>
    public static Task<List<string>> DirectionCodesAsync(BirgeDb db, CancellationToken cancellationToken) =>
        db.Directions.AsNoTracking().OrderBy(d => d.SortOrder).ThenBy(d => d.Code).Select(d => d.Code).ToListAsync(cancellationToken);

    /// <summary>Checks the input and, when it is valid, stores it (creating the profile on the first save).</summary>
    public static async Task<Outcome<VolunteerProfile>> SaveAsync(
        BirgeDb db, Guid accountId, ProfileUpdate input, DateTime now, CancellationToken cancellationToken)
    {
        var directions = await DirectionCodesAsync(db, cancellationToken);
        var errors = input.Validate(directions);
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }

        var profile = await db.VolunteerProfiles.FirstOrDefaultAsync(p => p.AccountId == accountId, cancellationToken);
        if (profile is null)
        {
            profile = new VolunteerProfile { AccountId = accountId };
            db.VolunteerProfiles.Add(profile);
        }

        input.ApplyTo(profile, directions, now);
        await db.SaveChangesAsync(cancellationToken);
        return profile;
    }
}
