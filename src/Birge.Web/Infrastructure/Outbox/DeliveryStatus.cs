using System.Linq.Expressions;

namespace Birge.Web.Infrastructure;

/// <summary>Where an e-mail or SMS is on its way, as staff and its recipient see it.</summary>
public enum DeliveryState
{
    /// <summary>Waiting for its turn (or for the end of the quiet hours).</summary>
    Queued,

    /// <summary>A sender has taken it and is handing it to the mail server or the gateway right now.</summary>
    Sending,

    /// <summary>Tried and failed for now; it is tried again later.</summary>
    Retrying,

    /// <summary>Handed to the mail server or the SMS gateway.</summary>
    Sent,

    /// <summary>The gateway reported it reached the phone.</summary>
    Delivered,

    /// <summary>Given up: refused by the gateway, or every attempt failed.</summary>
    Failed,
}

/// <summary>
/// The one place a message's delivery state is read from its columns. "Sending" is a sender's lease that has not run
/// out (<see cref="OutboxMessage.SendingUntil"/>): a sender takes a batch and commits the lease before the first
/// message goes out, then records each outcome as it comes.
/// </summary>
public static class DeliveryStatus
{
    /// <summary>Sent, delivered or not: for a count in the database (the call-out board's "sent").</summary>
    public static readonly Expression<Func<OutboxMessage, bool>> IsSent = m => m.SentAt != null && m.FailedAt == null;

    /// <summary>Reported delivered: for a count in the database.</summary>
    public static readonly Expression<Func<OutboxMessage, bool>> IsDelivered = m => m.DeliveredAt != null && m.FailedAt == null;

    public static DeliveryState Of(OutboxMessage message, DateTime now) =>
        Of(message.SentAt, message.FailedAt, message.DeliveredAt, message.Attempts, message.SendingUntil, now);

    public static DeliveryState Of(DateTime? sentAt, DateTime? failedAt, DateTime? deliveredAt, int attempts, DateTime? sendingUntil, DateTime now) =>
        failedAt is not null ? DeliveryState.Failed
        : deliveredAt is not null ? DeliveryState.Delivered
        : sentAt is not null ? DeliveryState.Sent
        : sendingUntil > now ? DeliveryState.Sending
        : attempts > 0 ? DeliveryState.Retrying
        : DeliveryState.Queued;

    /// <summary>Its API name: queued, retrying, sent, delivered, failed.</summary>
    public static string ApiName(this DeliveryState state) => state.ToString().ToLowerInvariant();
}
