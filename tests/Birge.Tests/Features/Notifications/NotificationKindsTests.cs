using System.Reflection;
using Birge.Tests.Localization;
using Birge.Web.Features.Notifications;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;

namespace Birge.Tests.Features.Notifications;

/// <summary>
/// Every message sent to a person's account has a kind, so preferences and the inbox apply to it; messages to an
/// address (codes, resets, invitations, the help-request receipt) have none. SMS parts and relative days are counted
/// and said as people read them.
/// </summary>
public sealed class NotificationKindsTests
{
    /// <summary>Sent with Outbox.Email or Outbox.Sms to an address, not to an account: never in an inbox.</summary>
    private static readonly string[] ToAnAddress =
        ["ConfirmEmail", "ConfirmPhone", "ConfirmReminder", "ConfirmPhoneReminder", "ResetPassword", "ParentConsent", "PhoneCode", "Received", "OrganizationInvitation", "OrganizationInvitationJoin"];

    private static List<Type> MessageTypes() =>
        [.. typeof(Message).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Message)) && !t.IsAbstract)];

    [Fact]
    public void Every_message_to_an_account_has_a_kind_that_exists_and_messages_to_an_address_have_none()
    {
        var types = MessageTypes();
        var missing = types.Where(t => !ToAnAddress.Contains(t.Name) && t.GetCustomAttribute<NotificationKindAttribute>() is null).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "No [NotificationKind]: " + string.Join(", ", missing));
        var unknown = types.Select(t => t.GetCustomAttribute<NotificationKindAttribute>()?.Kind).OfType<string>().Where(k => NotificationKinds.Find(k) is null).ToList();
        Assert.True(unknown.Count == 0, "Kinds not in NotificationKinds: " + string.Join(", ", unknown));
        var kindedAddresses = types.Where(t => ToAnAddress.Contains(t.Name) && t.GetCustomAttribute<NotificationKindAttribute>() is not null).Select(t => t.Name).ToList();
        Assert.Empty(kindedAddresses);
        Assert.Equal(NotificationKinds.ShiftCancelled, typeof(Web.Features.Opportunities.OpportunityMessages.OpportunityCancelled).GetCustomAttribute<NotificationKindAttribute>()!.Kind);
        Assert.True(Outbox.KindOf(typeof(Web.Features.HelpRequests.HelpRequestMessages.ClaimExpired)).Critical);
    }

    [Fact]
    public void Every_kind_has_a_name_and_a_line_in_kazakh_russian_and_english()
    {
        foreach (var language in ResourceFiles.Languages)
        {
            var texts = ResourceFiles.Texts(language);
            foreach (var kind in NotificationKinds.All)
            {
                Assert.True(texts.ContainsKey("Notifications_Kind_" + kind.Code), $"Notifications_Kind_{kind.Code} in {language}");
                Assert.True(texts.ContainsKey("Notifications_Kind_" + kind.Code + "_Hint"), $"Notifications_Kind_{kind.Code}_Hint in {language}");
            }
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Latin_text_is_gsm7_160_in_one_part_and_153_per_part_beyond(int length, int parts) =>
        Assert.Equal(parts, SmsParts.Count(new string('a', length)));

    [Fact]
    public void Gsm7_extension_characters_count_two()
    {
        Assert.Equal(1, SmsParts.Count(new string('a', 158) + "€"));
        Assert.Equal(2, SmsParts.Count(new string('a', 159) + "€"));
        Assert.Equal(2, SmsParts.Count(new string('a', 159) + "["));
    }

    [Theory]
    [InlineData('ж', 70, 1)]
    [InlineData('ж', 71, 2)]
    [InlineData('ж', 134, 2)]
    [InlineData('ж', 135, 3)]
    [InlineData('ә', 70, 1)]
    [InlineData('ң', 71, 2)]
    public void Cyrillic_and_kazakh_text_is_ucs2_70_in_one_part_and_67_per_part_beyond(char letter, int length, int parts) =>
        Assert.Equal(parts, SmsParts.Count(new string(letter, length)));

    [Fact]
    public void One_cyrillic_letter_makes_a_latin_text_ucs2()
    {
        var text = "Birge: shift at 09:00, Park. Reply 1 or 2. " + new string('a', 100);
        Assert.Equal(1, SmsParts.Count(text));
        Assert.Equal(3, SmsParts.Count(text + "ы"));
        Assert.Equal(1, SmsParts.Count("Сәлем! Ертең сағат 09:00 ауысым бар."));
    }

    [Fact]
    public void A_reminder_sent_at_21_00_for_09_00_next_day_says_tomorrow()
    {
        var sent = KazakhstanTime.ToUtc(new DateTime(2026, 12, 3, 21, 0, 0));
        var startsAt = KazakhstanTime.ToUtc(new DateTime(2026, 12, 4, 9, 0, 0));
        var reminder = Reminder(new DayAndTime(startsAt, sent));

        Assert.Contains("завтра в 09:00", reminder.Text(MessagePart.Subject, Cultures.Russian), StringComparison.Ordinal);
        Assert.Contains("tomorrow at 09:00", reminder.Text(MessagePart.Body, Cultures.English), StringComparison.Ordinal);
        Assert.Contains("ертең, сағат 09:00", reminder.Text(MessagePart.Sms, Cultures.Kazakh), StringComparison.Ordinal);
    }

    [Fact]
    public void A_reminder_sent_at_07_00_for_20_37_the_same_day_says_today_never_tomorrow()
    {
        var sent = KazakhstanTime.ToUtc(new DateTime(2026, 12, 3, 7, 0, 0));
        var startsAt = KazakhstanTime.ToUtc(new DateTime(2026, 12, 3, 20, 37, 0));
        var reminder = Reminder(new DayAndTime(startsAt, sent));

        foreach (var culture in Cultures.All)
        {
            var text = reminder.Text(MessagePart.Subject, culture) + reminder.Text(MessagePart.Body, culture) + reminder.Text(MessagePart.Sms, culture);
            Assert.Contains(string.Format(culture, Cultures.Text("Notifications_When_Today", culture), "20:37"), text, StringComparison.Ordinal);
            Assert.DoesNotContain(Cultures.Text("Notifications_When_Tomorrow", culture).Split(' ')[0], text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void A_day_further_off_is_said_as_a_date()
    {
        var sent = KazakhstanTime.ToUtc(new DateTime(2026, 12, 3, 7, 0, 0));
        var startsAt = KazakhstanTime.ToUtc(new DateTime(2026, 12, 10, 9, 30, 0));
        Assert.Equal("on " + new DateTime(2026, 12, 10).ToString("d", Cultures.English) + " at 09:30", new DayAndTime(startsAt, sent).Format(Cultures.English));
    }

    [Fact]
    public void Recipients_are_masked_for_staff()
    {
        Assert.Equal("+7 701 *** ** 67", Mask.Phone("+77011234567"));
        Assert.Equal("a***@mail.kz", Mask.Email("aigerim@mail.kz"));
    }

    private static Web.Features.Applications.ApplicationMessages.ShiftReminder Reminder(DayAndTime startsAt) =>
        new("Әсел", new Web.Domain.LocalizedText("Саябақ", "Парк", "Park"), startsAt, new Web.Domain.LocalizedText("Абай 1", null, null), "http://localhost/my/shifts");
}
