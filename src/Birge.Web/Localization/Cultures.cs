using System.Globalization;
using System.Resources;
using Birge.Web.Domain;

namespace Birge.Web.Localization;

/// <summary>The three languages of Birge. Kazakh is the default.</summary>
public static class Cultures
{
    public const string DefaultName = "kk-KZ";

    public static readonly CultureInfo Kazakh = CultureInfo.GetCultureInfo("kk-KZ");
    public static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-KZ");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static readonly IReadOnlyList<CultureInfo> All = [Kazakh, Russian, English];

    public static readonly IReadOnlyList<string> Languages = ["kk", "ru", "en"];

    private static readonly ResourceManager Resources =
        new("Birge.Web.Localization.SharedResource", typeof(SharedResource).Assembly);

    /// <summary>Maps "kk", "kk-KZ", "ru-RU", "en-GB"… to one of the three cultures; null when not ours.</summary>
    public static CultureInfo? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var language = name.Trim().Split('-', '_')[0].ToLowerInvariant();
        return language switch
        {
            "kk" => Kazakh,
            "ru" => Russian,
            "en" => English,
            _ => null,
        };
    }

    public static CultureInfo FromLanguage(string? language) => FromName(language) ?? Kazakh;

    /// <summary>A resource string in a given language, for messages sent to someone other than the reader.</summary>
    public static string Text(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;

    /// <summary>A resource string in all three languages, for a message whose recipient's language is decided later.</summary>
    public static LocalizedText Texts(string key) => new(Text(key, Kazakh), Text(key, Russian), Text(key, English));
}
