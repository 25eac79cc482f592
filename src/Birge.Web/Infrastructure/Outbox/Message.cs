using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Birge.Web.Domain;
using Birge.Web.Localization;

namespace Birge.Web.Infrastructure;

/// <summary>
/// A notification: its type's name names its texts (resources <c>Message_{Name}_Subject</c>, <c>_Body</c> for e-mail
/// and <c>_Sms</c>), and its properties are their <c>{Placeholders}</c>. Each feature declares its messages as records
/// in its <c>…Messages</c> class; <see cref="Outbox"/> renders them in the recipient's language.
/// </summary>
public abstract record Message
{
    /// <summary>The subject, body or SMS text in <paramref name="culture"/>, every placeholder filled.</summary>
    public string Text(MessagePart part, CultureInfo culture) =>
        MessageTexts.Render(this, Cultures.Text(MessageTexts.Key(GetType(), part), culture), culture);
}

public enum MessagePart
{
    Subject,
    Body,
    Sms,
}

/// <summary>
/// How a message's values read in the recipient's language: text as it is, a <see cref="LocalizedText"/> in that
/// language, an instant (UTC) in Kazakhstan time (<c>{StartsAt}</c> as date and time, <c>{EndsAt:t}</c> with a format), a
/// <see cref="DateOnly"/> as a short date, a <see cref="TimeSpan"/> as hours and minutes, a <see cref="DayAndTime"/> as
/// "today at 20:37".
/// </summary>
public static partial class MessageTexts
{
    public static string Key(Type message, MessagePart part) => $"Message_{message.Name}_{part}";

    /// <summary>The properties of a message type, by placeholder name.</summary>
    public static IReadOnlyList<PropertyInfo> Placeholders(Type message) =>
        [.. message.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.DeclaringType != typeof(Message))];

    /// <summary>The placeholder names a text uses.</summary>
    public static IReadOnlySet<string> NamesIn(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    public static string Render(Message message, string text, CultureInfo culture) =>
        Placeholder().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            var property = message.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"{message.GetType().Name} has no property {name} for its text's placeholder.");
            var format = match.Groups["format"].Success ? match.Groups["format"].Value : null;
            return Format(property.GetValue(message), format, culture);
        });

    private static string Format(object? value, string? format, CultureInfo culture) => value switch
    {
        null => "",
        string text => text,
        LocalizedText text => text.Resolve(culture),
        DateTime utc => KazakhstanTime.FromUtc(utc).ToString(format ?? "g", culture),
        DateOnly day => day.ToString(format ?? "d", culture),
        DayAndTime moment => moment.Format(culture),
        TimeSpan length => Durations.Format((int)length.TotalMinutes, culture),
        IFormattable formattable => formattable.ToString(format, culture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"\{(?<name>[A-Za-z]\w*)(:(?<format>[^}]+))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

/// <summary>
/// When something happens, said relative to when the message is sent, in Kazakhstan time: "today at 20:37",
/// "tomorrow at 09:00", else the date and time. A message carries it as a placeholder like a <see cref="DateTime"/>.
/// </summary>
/// <param name="At">The instant (UTC).</param>
/// <param name="SentAt">When the message is written (UTC): "today" and "tomorrow" are of that day.</param>
public sealed record DayAndTime(DateTime At, DateTime SentAt)
{
    public string Format(CultureInfo culture)
    {
        var at = KazakhstanTime.FromUtc(At);
        var days = DateOnly.FromDateTime(at).DayNumber - DateOnly.FromDateTime(KazakhstanTime.FromUtc(SentAt)).DayNumber;
        var time = at.ToString("HH:mm", culture);
        return days switch
        {
            0 => string.Format(culture, Cultures.Text("Notifications_When_Today", culture), time),
            1 => string.Format(culture, Cultures.Text("Notifications_When_Tomorrow", culture), time),
            _ => string.Format(culture, Cultures.Text("Notifications_When_Date", culture), at.ToString("d", culture), time),
        };
    }
}
