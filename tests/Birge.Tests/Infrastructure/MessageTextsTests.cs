using Birge.Tests.Localization;
using Birge.Web.Domain;
using Birge.Web.Features.Applications;
using Birge.Web.Features.Opportunities;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;

namespace Birge.Tests.Infrastructure;

/// <summary>
/// Every notification (a record deriving from <see cref="Message"/>) has its subject, e-mail body and SMS text in
/// Kazakh, Russian and English, and the three languages fill the same placeholders, all of them the record's own.
/// </summary>
public sealed class MessageTextsTests
{
    private static readonly Type[] Readable = [typeof(string), typeof(LocalizedText), typeof(DateTime), typeof(DateOnly), typeof(TimeSpan), typeof(DayAndTime)];

    private static List<Type> MessageTypes() =>
        [.. typeof(Message).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Message)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal)];

    [Fact]
    public void Every_notification_is_a_message_record_of_its_feature()
    {
        var types = MessageTypes();
        Assert.True(types.Count >= 22, $"found only {types.Count} message types");
        var twice = types.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "Two messages share a name, and so their texts: " + string.Join(", ", twice));
        var unreadable = types
            .SelectMany(t => MessageTexts.Placeholders(t).Where(p => !Readable.Contains(p.PropertyType)).Select(p => $"{t.Name}.{p.Name} ({p.PropertyType.Name})"))
            .ToList();
        Assert.True(unreadable.Count == 0, "A message carries text, LocalizedText, DateTime (UTC), DateOnly or TimeSpan, which read in every language:\n  " + string.Join("\n  ", unreadable));
    }

    [Fact]
    public void Every_message_has_subject_body_and_sms_in_kazakh_russian_and_english_with_its_own_placeholders()
    {
        var texts = ResourceFiles.Languages.ToDictionary(l => l, ResourceFiles.Texts);
        var problems = new List<string>();
        foreach (var type in MessageTypes())
        {
            var properties = MessageTexts.Placeholders(type).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var part in Enum.GetValues<MessagePart>())
            {
                var key = MessageTexts.Key(type, part);
                var used = new Dictionary<string, IReadOnlySet<string>>();
                foreach (var language in ResourceFiles.Languages)
                {
                    if (!texts[language].TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
                    {
                        problems.Add($"{key} is missing in SharedResource.{language}.resx");
                        continue;
                    }

                    used[language] = MessageTexts.NamesIn(text);
                    if (used[language].Except(properties).ToList() is { Count: > 0 } unknown)
                    {
                        problems.Add($"{key} ({language}) uses {{{string.Join("}, {", unknown)}}}, which {type.Name} does not have");
                    }

                    if (part == MessagePart.Body && properties.Except(used[language]).ToList() is { Count: > 0 } unused)
                    {
                        problems.Add($"{key} ({language}) leaves out {{{string.Join("}, {", unused)}}}: the e-mail says everything the message carries");
                    }
                }

                if (used.Count == ResourceFiles.Languages.Length && used.Values.Select(u => string.Join(",", u.Order(StringComparer.Ordinal))).Distinct().Count() > 1)
                {
                    problems.Add($"{key} fills different placeholders by language: "
                        + string.Join("; ", used.Select(u => $"{u.Key} {{{string.Join("}, {", u.Value.Order(StringComparer.Ordinal))}}}")));
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} message text problems (add or fix them with tools/add-strings.py):\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void A_message_reads_in_the_recipients_language_with_times_in_kazakhstan()
    {
        var startsAt = new DateTime(2026, 3, 14, 4, 0, 0, DateTimeKind.Utc);
        var moved = new OpportunityMessages.ShiftMoved(new LocalizedText("Саябақ", "Парк", null), startsAt, startsAt.AddHours(3), "http://localhost/opportunities/1");

        var russian = moved.Text(MessagePart.Body, Cultures.Russian);
        var english = moved.Text(MessagePart.Sms, Cultures.English);

        Assert.Contains("«Парк»", russian, StringComparison.Ordinal);
        Assert.Contains(KazakhstanTime.FromUtc(startsAt).ToString("g", Cultures.Russian), russian, StringComparison.Ordinal);
        Assert.Contains("– " + KazakhstanTime.FromUtc(startsAt.AddHours(3)).ToString("t", Cultures.Russian), russian, StringComparison.Ordinal);
        Assert.Contains("\"Саябақ\"", english, StringComparison.Ordinal);
        Assert.DoesNotContain("{", russian + english, StringComparison.Ordinal);

        var reminder = new ApplicationMessages.ShiftReminder("Әсел", new LocalizedText("Саябақ", null, null), new DayAndTime(startsAt, startsAt.AddHours(-12)), Cultures.Texts("Apply_Online"), "http://localhost/my/shifts");
        Assert.Contains(Html.Text("Apply_Online", Cultures.English), reminder.Text(MessagePart.Body, Cultures.English), StringComparison.Ordinal);
        Assert.Contains(Html.Text("Apply_Online", Cultures.Kazakh), reminder.Text(MessagePart.Body, Cultures.Kazakh), StringComparison.Ordinal);
    }
}
