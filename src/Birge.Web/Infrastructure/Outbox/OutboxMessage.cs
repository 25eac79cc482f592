namespace Birge.Web.Infrastructure;

/// <summary>An e-mail or SMS waiting to be sent, stored in the same transaction as the change that caused it.</summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;

    public Guid Id { get; init; } = Guid.NewGuid();

    public OutboxChannel Channel { get; init; }

    public required string Recipient { get; set; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Set when the message was given up after <see cref="MaxAttempts"/>.</summary>
    public DateTime? FailedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// Unique when set: the same message (a reminder of one application, one wave of one call-out to one person) is
    /// queued once however many nodes or retries try, and the gateway is given it to drop a repeat of a send.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The in-app notice this is the e-mail or SMS copy of, for its delivery status.</summary>
    public Guid? NotificationId { get; init; }

    /// <summary>The gateway's id of the sent message, which its delivery reports name.</summary>
    public string? GatewayId { get; set; }

    /// <summary>When the gateway reported it delivered to the phone or mailbox.</summary>
    public DateTime? DeliveredAt { get; set; }

    /// <summary>
    /// The lease of the sender that took it: until then it is being sent and no other sender tries it. A sender that
    /// dies mid-send lets it lapse, and the message is taken again (the gateway drops the repeat by its key).
    /// </summary>
    public DateTime? SendingUntil { get; set; }

    public void MarkSent(DateTime now)
    {
        Attempts++;
        SentAt = now;
        LastError = null;
    }

    /// <summary>Refused for good (by the gateway, or reported failed): never tried again.</summary>
    public void MarkFailedPermanently(DateTime now, string error)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        FailedAt = now;
        SentAt ??= now;
    }

    /// <summary>Retries back off exponentially: 30 s, 1 min, 2 min… up to about an hour, then give up.</summary>
    public void MarkFailed(DateTime now, string error)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= MaxAttempts)
        {
            FailedAt = now;
            SentAt = now;
            return;
        }

        NextAttemptAt = now.AddSeconds(30 * Math.Pow(2, Attempts - 1));
    }
}

public enum OutboxChannel
{
    Email,
    Sms,
}
