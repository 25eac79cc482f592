using System.Globalization;
using System.Text;

namespace Birge.Web.Features.Applications;

/// <summary>
/// A shift as an iCalendar event (RFC 5545) for the volunteer's phone calendar. Times are written in UTC ("Z"), so
/// every calendar shows them right in Kazakhstan's time and in any other.
/// </summary>
public static class CalendarFile
{
    public static byte[] Event(Guid applicationId, string title, string? location, DateTime startsAt, DateTime endsAt, DateTime now, string url)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Birge//Volunteer shifts//KK",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{applicationId:N}@birge.kz",
            $"DTSTAMP:{Utc(now)}",
            $"DTSTART:{Utc(startsAt)}",
            $"DTEND:{Utc(endsAt)}",
            $"SUMMARY:{Escape(title)}",
        };
        if (!string.IsNullOrWhiteSpace(location))
        {
            lines.Add($"LOCATION:{Escape(location)}");
        }

        lines.Add($"URL:{url}");
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(line, text);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Utc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 letter.</summary>
    private static void Fold(string line, StringBuilder text)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = 74;
            }

            text.Append(rune.ToString());
            octets += size;
        }

        text.Append("\r\n");
    }
}
