using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Localization;

/// <summary>
/// Plural categories (CLDR): Russian has one/few/many ("1 час, 2 часа, 5 часов"); Kazakh and English one/other.
/// Resource keys carry the category as a suffix: Hours_one, Hours_few, Hours_many, Hours_other.
/// </summary>
public static class PluralRules
{
    public static string Category(long n, CultureInfo culture)
    {
        var abs = Math.Abs(n);
        if (culture.TwoLetterISOLanguageName == "ru")
        {
            var mod10 = abs % 10;
            var mod100 = abs % 100;
            if (mod10 == 1 && mod100 != 11)
            {
                return "one";
            }

            return mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14 ? "few" : "many";
        }

        return abs == 1 ? "one" : "other";
    }

    /// <summary>"5 сағат", "5 часов", "5 hours": the resource <c>{key}_{category}</c> formatted with n.</summary>
    public static string Plural(this IStringLocalizer localizer, string key, long n)
    {
        var culture = CultureInfo.CurrentUICulture;
        var text = localizer[$"{key}_{Category(n, culture)}"];
        if (text.ResourceNotFound)
        {
            text = localizer[$"{key}_other"];
        }

        return string.Format(CultureInfo.CurrentCulture, text.Value, n.ToString("N0", CultureInfo.CurrentCulture));
    }
}
