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
    public string Resolve(CultureInfo culture)
    {
        var wanted = this[culture.TwoLetterISOLanguageName];
        if (!string.IsNullOrWhiteSpace(wanted))
        {
            return wanted;
        }

        return new[] { Kk, Ru, En }.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "";
    }

    public string Resolve() => Resolve(CultureInfo.CurrentUICulture);

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
