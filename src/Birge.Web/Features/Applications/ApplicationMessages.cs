using Birge.Web.Domain;
using Birge.Web.Infrastructure;

namespace Birge.Web.Features.Applications;

/// <summary>What a volunteer is told about their application to a shift, and the day-before reminder.</summary>
public static class ApplicationMessages
{
    [NotificationKind(NotificationKinds.Applications)]
    public sealed record ApplicationAccepted(string FullName, LocalizedText Title, DateTime StartsAt, string Link) : Message;

    [NotificationKind(NotificationKinds.Applications)]
    public sealed record ApplicationDeclined(string FullName, LocalizedText Title, DateTime StartsAt, string Link) : Message;

    /// <summary>A seat freed up and went to the first in line.</summary>
    [NotificationKind(NotificationKinds.Applications)]
    public sealed record ApplicationPromoted(string FullName, LocalizedText Title, DateTime StartsAt, string Link) : Message;

    /// <param name="Title">The opportunity's title with the shift's role, if it has one.</param>
    /// <param name="Place">The address, or "online".</param>
    [NotificationKind(NotificationKinds.Reminders)]
    public sealed record ShiftReminder(string FullName, LocalizedText Title, DayAndTime StartsAt, LocalizedText Place, string Link) : Message;
}
