using Birge.Web.Infrastructure;

namespace Birge.Web.Features.CallOuts;

/// <summary>What a call-out sends its recipients: the call itself, "thank you, not needed" once enough said yes, and a cancellation to those coming.</summary>
public static class CallOutMessages
{
    /// <summary>The call: what, where, when, and how to answer by SMS with the short code, and the link.</summary>
    [NotificationKind(NotificationKinds.CallOuts)]
    public sealed record CallOutSent(string Title, string Place, DateTime StartsAt, string ShortCode, string Link) : Message;

    /// <summary>Enough people said yes before this person answered.</summary>
    [NotificationKind(NotificationKinds.CallOuts)]
    public sealed record CallOutNotNeeded(string Title, string Link) : Message;

    /// <summary>To those selected: the office cancelled the call-out.</summary>
    [NotificationKind(NotificationKinds.CallOuts)]
    public sealed record CallOutCancelled(string Title, DateTime StartsAt, string Link) : Message;
}
