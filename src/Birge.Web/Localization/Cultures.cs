using System.Globalization;
using System.Resources;
using Birge.Web.Domain;

namespace Birge.Web.Localization;

/// <summary>The three languages of Birge. Kazakh is the default.</summary>
public static class Cultures
{
    public const string DefaultName = "kk-KZ";

    public static readonly CultureInfo Kazakh = WithBirgeDates("kk-KZ");
    public static readonly CultureInfo Russian = WithBirgeDates("ru-KZ");
    public static readonly CultureInfo English = WithBirgeDates("en");

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

    /// <summary>
    /// One unambiguous way to write a date in every language, on pages, in messages and in the PDF: "2 December 2026",
    /// "2 декабря 2026", "2 желтоқсан 2026", and the 24-hour clock ("2 December 2026 21:00" for "g"). The standard
    /// formats ("d", "g", "D", "t") follow it, so no page writes "12/2/2026" or "02.12.2026".
    /// </summary>
    private static CultureInfo WithBirgeDates(string name)
    {
        var culture = new CultureInfo(name, useUserOverride: false);
        var dates = culture.DateTimeFormat;
        dates.ShortDatePattern = "d MMMM yyyy";
        dates.LongDatePattern = "dddd, d MMMM yyyy";
        dates.ShortTimePattern = "HH:mm";
        dates.LongTimePattern = "HH:mm";
        dates.FullDateTimePattern = "dddd, d MMMM yyyy HH:mm";
        dates.YearMonthPattern = "MMMM yyyy";
        return CultureInfo.ReadOnly(culture);
    }

    /// <summary>A resource string in a given language, for messages sent to someone other than the reader.</summary>
    public static string Text(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;

    /// <summary>A resource string in all three languages, for a message whose recipient's language is decided later.</summary>
    public static LocalizedText Texts(string key) => new(Text(key, Kazakh), Text(key, Russian), Text(key, English));
}
