using System.Globalization;

namespace Birge.Web.Localization;

/// <summary>Amounts in tenge, formatted the way the reader's culture writes money, always with ₸.</summary>
public static class Money
{
    public static string Tenge(decimal amount, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = "₸";
        if (culture.TwoLetterISOLanguageName == "en")
        {
            // English readers in Kazakhstan write "₸1,500" like "$1,500"; decimals are rarely used.
            format.CurrencyPositivePattern = 0;
        }

        return amount.ToString(amount == decimal.Truncate(amount) ? "C0" : "C2", format);
    }
}
