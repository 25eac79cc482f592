namespace Birge.Web.Domain;

/// <summary>
/// A notice in a person's in-app inbox (M18): what a message said, in the person's language when it was sent, and a
/// link to the thing it is about. E-mail and SMS copies of the same message are outbox messages pointing back here.
/// </summary>
public sealed class Notification
{
    public const int MaxTitleLength = 300;
    public const int MaxBodyLength = 4000;
    public const int MaxLinkLength = 500;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid AccountId { get; init; }

    /// <summary>The kind of message, for preferences: a code of <c>NotificationKinds</c> ("call_outs", "reminders"…).</summary>
    public required string Kind { get; init; }

    /// <summary>The message type's name (<c>ShiftReminder</c>), naming its texts.</summary>
    public required string Type { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    /// <summary>A local path (<c>/call-outs/…</c>) or null.</summary>
    public string? Link { get; init; }

    /// <summary>Delivered whatever the preferences and the quiet hours say.</summary>
    public bool Critical { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? ReadAt { get; set; }

    /// <summary>Unique when set: the outbox's key of the message, so a retry or a second node adds no second notice.</summary>
    public string? IdempotencyKey { get; init; }
}

/// <summary>One person's channels for one kind of message; no row means the kind's defaults.</summary>
public sealed class NotificationPreference
{
    public Guid AccountId { get; init; }

    public required string Kind { get; init; }

    public bool InApp { get; set; }

    public bool Email { get; set; }

    public bool Sms { get; set; }

    public DateTime UpdatedAt { get; set; }
}
