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

    public void MarkSent(DateTime now)
    {
        Attempts++;
        SentAt = now;
        LastError = null;
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
