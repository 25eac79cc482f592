using System.Globalization;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Someone who has checked in, as the door screen shows them to the room: initials only (the screen is public) and
/// the time, so a volunteer sees at once that the scan worked.
/// </summary>
public sealed record Arrival(string Initials, DateTime At)
{
    public static Arrival Of(string? fullName, DateTime at) => new(InitialsOf(fullName), at);

    /// <summary>"Айгерім Нұрланова" → "А. Н."; an erased or missing name → "—".</summary>
    public static string InitialsOf(string? fullName)
    {
        var words = (fullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 0
            ? "—"
            : string.Join(" ", words.Take(3).Select(w => StringInfo.GetNextTextElement(w).ToUpper(CultureInfo.CurrentCulture) + "."));
    }
}
