using System.Globalization;

namespace Birge.Web.Localization;

/// <summary>Volunteer time as people say it: "2 h 30 min", "4 h" or "45 min", in the reader's language.</summary>
public static class Durations
{
    public static string Format(int minutes, CultureInfo culture)
    {
        var (hours, rest) = (minutes / 60, minutes % 60);
        var grouped = hours.ToString("#,0", culture);
        return (hours, rest) switch
        {
            ( > 0, 0) => string.Format(culture, Cultures.Text("Hours_DurationHours", culture), grouped),
            (0, _) => string.Format(culture, Cultures.Text("Hours_DurationMinutes", culture), minutes),
            _ => string.Format(culture, Cultures.Text("Hours_Duration", culture), grouped, rest),
        };
    }
}
