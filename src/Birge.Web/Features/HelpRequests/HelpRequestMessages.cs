using Birge.Web.Infrastructure;

namespace Birge.Web.Features.HelpRequests;

/// <summary>What help requests send: to the person who asked, the code that confirms their phone and the tracking link; to volunteers, an offer, a claim that ran out or help the person says was not done; to staff, a missed SLA target.</summary>
public static class HelpRequestMessages
{
    /// <summary>The 6-digit code that puts an online request in the queue.</summary>
    public sealed record PhoneCode(string Code) : Message;

    /// <summary>The request is in the queue: its tracking code and link.</summary>
    public sealed record Received(string TrackingCode, string Link) : Message;

    /// <summary>To the volunteer whose claim runs out <see cref="ExpiresAt"/> (in an hour): mark it done or give it back.</summary>
    [NotificationKind(NotificationKinds.ClaimExpiring)]
    public sealed record ClaimExpiring(string TrackingCode, DayAndTime ExpiresAt, string Link) : Message;

    /// <summary>To the volunteer whose claim ran out: the request went back to the queue.</summary>
    [NotificationKind(NotificationKinds.ClaimExpiring)]
    public sealed record ClaimExpired(string TrackingCode, string Link) : Message;

    /// <summary>To a volunteer an operator chose: a request near them, by its category and district only, and its link.</summary>
    [NotificationKind(NotificationKinds.HelpRequests)]
    public sealed record HelpOffered(Domain.LocalizedText Category, Domain.LocalizedText District, string Link) : Message;

    /// <summary>To the volunteer: on the call-back the person said the help was not done; the request is back in the queue.</summary>
    [NotificationKind(NotificationKinds.HelpRequests)]
    public sealed record CallbackNotDone(string TrackingCode, string Note, string Link) : Message;

    /// <summary>To the region's staff and operators: a request ran past its SLA target (to be claimed, or done) at <see cref="DueAt"/>.</summary>
    [NotificationKind(NotificationKinds.StaffAlerts)]
    public sealed record SlaBreached(string TrackingCode, Domain.LocalizedText Category, DateTime DueAt, string Link) : Message;
}
