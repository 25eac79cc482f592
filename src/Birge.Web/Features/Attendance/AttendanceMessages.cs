using Birge.Web.Domain;
using Birge.Web.Infrastructure;

namespace Birge.Web.Features.Attendance;

/// <summary>What volunteers and coordinators are told about confirmed hours.</summary>
public static class AttendanceMessages
{
    [NotificationKind(NotificationKinds.Hours)]
    public sealed record HoursConfirmed(
        string FullName, TimeSpan Hours, LocalizedText Title, string Organization, DateOnly Date, string BookLink, string DisputeLink) : Message;

    [NotificationKind(NotificationKinds.Hours)]
    public sealed record HoursRevoked(string FullName, TimeSpan Hours, LocalizedText Title, string Organization, string Reason) : Message;

    /// <summary>To the organisation's coordinators.</summary>
    [NotificationKind(NotificationKinds.Hours)]
    public sealed record HoursDisputed(string Volunteer, LocalizedText Title, DateOnly Date, string Reason, string Link) : Message;
}
