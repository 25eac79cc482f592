namespace Birge.Web.Domain;

/// <summary>
/// An emergency call-out (M10): what, where, which certificates or skills, how many people, by when to answer, where to
/// come and when. The recipients are fixed when each wave is sent; <see cref="Coming"/> counts the yeses and is changed
/// only by a conditional update, so the roster never holds more than <see cref="Needed"/> under parallel replies.
/// </summary>
public sealed class CallOut
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxPlaceLength = 300;
    public const int MaxNeeded = 10_000;
    public const int ShortCodeLength = 4;

    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>Four characters an SMS reply may carry ("1 K7QM") to say which call-out it answers.</summary>
    public required string ShortCode { get; init; }

    public required string RegionKato { get; init; }

    /// <summary>Regions asked in the last wave, when the region itself falls short.</summary>
    public List<string> NeighbouringRegions { get; set; } = [];

    /// <summary>The teams asked first; empty means every non-standby team of the region.</summary>
    public List<Guid> TeamIds { get; set; } = [];

    /// <summary>Certificate codes a recipient must hold (valid on the day), all of them.</summary>
    public List<string> Certificates { get; set; } = [];

    public required string Title { get; set; }

    public required string Description { get; set; }

    public int Needed { get; set; }

    public DateTime AnswerBy { get; set; }

    public required string Place { get; set; }

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    public CallOutStatus Status { get; set; } = CallOutStatus.Open;

    /// <summary>How many said "I come" and were selected; never above <see cref="Needed"/>.</summary>
    public int Coming { get; set; }

    /// <summary>The last wave sent: 1 the teams asked, 2 standby teams, 3 the neighbouring regions.</summary>
    public int Wave { get; set; }

    /// <summary>When the next wave goes out if fewer than needed have said yes; null when there is none left.</summary>
    public DateTime? NextWaveAt { get; set; }

    /// <summary>The rotating check-in code's secret, as a shift's (M7).</summary>
    public byte[] CheckinSecret { get; init; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    public Guid CreatedBy { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? ClosedAt { get; set; }
}

public enum CallOutStatus
{
    Open,

    /// <summary>Enough said yes; later yeses are "not needed".</summary>
    Filled,
    Closed,
    Cancelled,
}

/// <summary>One person a call-out was sent to, their answer, and, when they came, their check-in and hours.</summary>
public sealed class CallOutRecipient
{
    public Guid CallOutId { get; init; }

    public Guid AccountId { get; init; }

    public int Wave { get; init; }

    /// <summary>The recipient's region when sent, for the board's counts by region.</summary>
    public required string RegionKato { get; init; }

    /// <summary>The phone the SMS went to, so an SMS reply from it finds this call-out.</summary>
    public string? Phone { get; init; }

    public DateTime SentAt { get; init; }

    public CallOutReply? Reply { get; set; }

    public DateTime? RepliedAt { get; set; }

    /// <summary>How they replied: "link", "sms" or "api".</summary>
    public string? RepliedBy { get; set; }

    /// <summary>Told "thank you, not needed" (once).</summary>
    public DateTime? NotNeededSentAt { get; set; }

    public DateTime? CheckedInAt { get; set; }

    public DateTime? CheckedOutAt { get; set; }

    /// <summary>The confirmed hours of a roster member, once staff confirm them.</summary>
    public Guid? HoursEntryId { get; set; }
}

/// <summary>What a reply decided: selected (on the roster), standby (said yes once enough had), not needed (said yes after it closed), declined.</summary>
public enum CallOutReply
{
    Selected,
    Standby,
    NotNeeded,
    Declined,
}
