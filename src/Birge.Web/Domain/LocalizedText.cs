using System.Globalization;

namespace Birge.Web.Domain;

/// <summary>Text written by people in up to three languages; reading falls back to any language given.</summary>
public sealed record LocalizedText(string? Kk, string? Ru, string? En)
{
    public static readonly string[] Languages = ["kk", "ru", "en"];

    public string? this[string language] => language switch
    {
        "kk" => Kk,
        "ru" => Ru,
        "en" => En,
        _ => null,
    };

    public bool IsEmpty => string.IsNullOrWhiteSpace(Kk) && string.IsNullOrWhiteSpace(Ru) && string.IsNullOrWhiteSpace(En);

    /// <summary>The text in <paramref name="culture"/>'s language, else Kazakh, Russian, English.</summary>
    public string Resolve(CultureInfo culture) => Resolve(culture.TwoLetterISOLanguageName);

    /// <summary>The text in the language (kk, ru, en), else Kazakh, Russian, English.</summary>
    public string Resolve(string language)
    {
        var wanted = this[language];
        if (!string.IsNullOrWhiteSpace(wanted))
        {
            return wanted;
        }

        return new[] { Kk, Ru, En }.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "";
    }

    public string Resolve() => Resolve(CultureInfo.CurrentUICulture);

    /// <summary>What <see cref="Resolve()"/> reads, or null when nothing was written (an optional text, as a shift's role).</summary>
    public string? ResolveOrNull() => IsEmpty ? null : Resolve();

    /// <summary>Every language trimmed; a blank one is null.</summary>
    public LocalizedText Trimmed() => new(Trim(Kk), Trim(Ru), Trim(En));

    /// <summary>The longest language's length, to check against a column's limit.</summary>
    public int LongestLength => Math.Max(Kk?.Length ?? 0, Math.Max(Ru?.Length ?? 0, En?.Length ?? 0));

    /// <summary>
    /// A text given without its language, taken to be in the first language <paramref name="alongside"/> is written in
    /// (Kazakh, Russian, English: the order readers fall back in), or Kazakh: every reader reads it where they read
    /// <paramref name="alongside"/> in a language of its own.
    /// </summary>
    public static LocalizedText InLanguageOf(string? text, LocalizedText alongside)
    {
        var language = Languages.FirstOrDefault(l => !string.IsNullOrWhiteSpace(alongside[l])) ?? "kk";
        return new LocalizedText(language == "kk" ? text : null, language == "ru" ? text : null, language == "en" ? text : null);
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public Dictionary<string, string> ToDictionary()
    {
        var result = new Dictionary<string, string>();
        foreach (var language in Languages)
        {
            if (!string.IsNullOrWhiteSpace(this[language]))
            {
                result[language] = this[language]!;
            }
        }

        return result;
    }
}
