using System.Security.Cryptography;
using System.Text;
using Birge.Web.Features.HelpRequests;

namespace Birge.Web.Domain;

/// <summary>
/// A citizen's request for help (M9), asked online or taken by a call-centre operator. It is queued once the phone is
/// confirmed (online) or at once (operator), claimed by one volunteer at a time for a limited time, marked done by that
/// volunteer, and closed only when the person helped confirms it on the operator's call-back. The requester's name,
/// phone and address are erased <see cref="RetainedAfterClosing"/> after closing; the rest stays for statistics.
/// </summary>
public sealed class HelpRequest
{
    public const int MinDescriptionLength = 10;
    public const int MaxDescriptionLength = 2000;
    public const int MaxLocalityLength = 100;
    public const int MaxAddressLength = 300;
    public const int MaxNameLength = 100;
    public const int MaxNoteLength = 1000;
    public const int MaxCallbackAttempts = 3;
    public const int MaxPhoneCodeAttempts = 5;
    public const int MaxMinutes = 24 * 60;

    public static readonly TimeSpan PhoneCodeLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RetainedAfterClosing = TimeSpan.FromDays(90);

    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>Short, unique, with a check character (<see cref="TrackingCode"/>): what the person follows it by.</summary>
    public required string TrackingCode { get; init; }

    /// <summary>One of <see cref="HelpCategories.All"/>.</summary>
    public required string Category { get; set; }

    public required string Description { get; set; }

    public required string RegionKato { get; set; }

    /// <summary>The town, village or city district: the part of the address everybody may see.</summary>
    public string? Locality { get; set; }

    public string? Address { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? RequesterName { get; set; }

    /// <summary>Normalised (+77…); null once erased.</summary>
    public string? Phone { get; set; }

    /// <summary>The language the person wants to be spoken to in: kk or ru (queues are by language).</summary>
    public required string Language { get; set; }

    /// <summary>Who it is for: codes of <see cref="HelpCategories.Vulnerabilities"/>.</summary>
    public List<string> Vulnerabilities { get; set; } = [];

    /// <summary>The version of the personal-data consent the person gave (online, or to the operator on the phone).</summary>
    public required string ConsentVersion { get; init; }

    public HelpUrgency Urgency { get; set; } = HelpUrgency.Normal;

    public HelpRequestStatus Status { get; private set; } = HelpRequestStatus.Unconfirmed;

    public HelpRequestSource Source { get; init; }

    /// <summary>The operator who logged the call, for requests taken by phone.</summary>
    public Guid? OperatorId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? QueuedAt { get; private set; }

    /// <summary>The hash of the 6-digit code sent by SMS to confirm an online request's phone, while unconfirmed.</summary>
    public byte[]? PhoneCodeHash { get; private set; }

    public DateTime? PhoneCodeExpiresAt { get; private set; }

    public int PhoneCodeAttempts { get; private set; }

    /// <summary>When a volunteer should have claimed it, and when it should be done; moved on while the clock is paused.</summary>
    public DateTime? ClaimDueAt { get; private set; }

    public DateTime? DoneDueAt { get; private set; }

    /// <summary>Set while the request waits for the citizen (no answer, not at home): the SLA clock is paused.</summary>
    public DateTime? WaitingSince { get; private set; }

    /// <summary>How long the clock has been paused in all, so that a new urgency keeps the pauses.</summary>
    public long PausedSeconds { get; private set; }

    /// <summary>When a breach of the SLA was escalated to the region's staff (once per request and target).</summary>
    public DateTime? ClaimBreachNotifiedAt { get; set; }

    public DateTime? DoneBreachNotifiedAt { get; set; }

    public Guid? ClaimedBy { get; private set; }

    public DateTime? ClaimedAt { get; private set; }

    public DateTime? ClaimExpiresAt { get; private set; }

    public DateTime? DoneAt { get; private set; }

    public string? DoneNote { get; private set; }

    public int? DoneMinutes { get; private set; }

    /// <summary>The volunteer whose help is waiting for the call-back (kept after the claim ends, for the hours).</summary>
    public Guid? HelperId { get; private set; }

    public int CallbackAttempts { get; private set; }

    public DateTime? NextCallbackAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public Guid? ClosedBy { get; private set; }

    public Guid? DuplicateOfId { get; private set; }

    public DateTime? ErasedAt { get; private set; }

    public bool IsQueued => Status is HelpRequestStatus.New or HelpRequestStatus.Open;

    public bool IsClosed => Status is HelpRequestStatus.Closed or HelpRequestStatus.ClosedUnresponsive
        or HelpRequestStatus.Cancelled or HelpRequestStatus.Duplicate;

    /// <summary>The next SLA target this request is measured against, or null when none applies (closed, or done).</summary>
    public DateTime? NextDueAt => Status switch
    {
        HelpRequestStatus.New or HelpRequestStatus.Open => ClaimDueAt,
        HelpRequestStatus.Claimed => DoneDueAt,
        _ => null,
    };

    public bool IsOverdue(DateTime now) => WaitingSince is null && NextDueAt is { } due && due <= now;

    /// <summary>Starts phone confirmation: returns the code to send by SMS (only its hash is kept).</summary>
    public string NewPhoneCode(DateTime now)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        PhoneCodeHash = Hash(code);
        PhoneCodeExpiresAt = now + PhoneCodeLifetime;
        PhoneCodeAttempts = 0;
        UpdatedAt = now;
        return code;
    }

    /// <summary>Checks the SMS code; a right one queues the request. Returns an error code, or null when queued.</summary>
    public string? ConfirmPhone(string? code, DateTime now, SlaTargets sla)
    {
        if (Status != HelpRequestStatus.Unconfirmed)
        {
            return Status == HelpRequestStatus.Cancelled ? HelpRequestErrors.NotActive : null;
        }

        if (PhoneCodeHash is null || PhoneCodeExpiresAt is not { } expires || expires <= now)
        {
            return HelpRequestErrors.PhoneCodeExpired;
        }

        if (PhoneCodeAttempts >= MaxPhoneCodeAttempts)
        {
            return HelpRequestErrors.PhoneCodeTooManyAttempts;
        }

        var given = (code ?? "").Trim();
        if (given.Length != 6 || !CryptographicOperations.FixedTimeEquals(Hash(given), PhoneCodeHash))
        {
            PhoneCodeAttempts++;
            UpdatedAt = now;
            return PhoneCodeAttempts >= MaxPhoneCodeAttempts ? HelpRequestErrors.PhoneCodeTooManyAttempts : HelpRequestErrors.PhoneCodeWrong;
        }

        PhoneCodeHash = null;
        PhoneCodeExpiresAt = null;
        Queue(now, sla);
        return null;
    }

    /// <summary>Puts the request in its region's queue and starts its SLA clock.</summary>
    public void Queue(DateTime now, SlaTargets sla)
    {
        var target = sla.For(Urgency);
        Status = HelpRequestStatus.New;
        QueuedAt = now;
        ClaimDueAt = now + target.Claimed;
        DoneDueAt = now + target.Done;
        UpdatedAt = now;
    }

    /// <summary>A new urgency re-targets the SLA from the moment the request was queued, the time paused included.</summary>
    public void Triage(HelpUrgency urgency, DateTime now, SlaTargets sla)
    {
        Urgency = urgency;
        if (QueuedAt is { } queued && !IsClosed)
        {
            var target = sla.For(urgency);
            var paused = TimeSpan.FromSeconds(PausedSeconds);
            ClaimDueAt = queued + target.Claimed + paused;
            DoneDueAt = queued + target.Done + paused;
            ClaimBreachNotifiedAt = null;
            DoneBreachNotifiedAt = null;
        }

        UpdatedAt = now;
    }

    /// <summary>Pauses the SLA clock while the request waits for the citizen.</summary>
    public void WaitForCitizen(DateTime now)
    {
        WaitingSince ??= now;
        UpdatedAt = now;
    }

    /// <summary>Restarts the clock: the targets move on by the time spent waiting.</summary>
    public void StopWaiting(DateTime now)
    {
        if (WaitingSince is { } since)
        {
            var waited = now - since;
            PausedSeconds += (long)waited.TotalSeconds;
            ClaimDueAt += waited;
            DoneDueAt += waited;
            WaitingSince = null;
        }

        UpdatedAt = now;
    }

    /// <summary>
    /// Records a claim the database already granted (the use case claims with a conditional update, so that of any
    /// number of parallel claims exactly one wins); this keeps the entity in step for the rest of the request.
    /// </summary>
    public void Claimed(Guid volunteerId, DateTime now, TimeSpan claimFor)
    {
        Status = HelpRequestStatus.Claimed;
        ClaimedBy = volunteerId;
        ClaimedAt = now;
        ClaimExpiresAt = now + claimFor;
        UpdatedAt = now;
    }

    /// <summary>The claimant gives it back, or the claim ran out: the request returns to the queue.</summary>
    public string? Release(Guid? volunteerId, DateTime now)
    {
        if (Status != HelpRequestStatus.Claimed || (volunteerId is { } v && ClaimedBy != v))
        {
            return HelpRequestErrors.NotClaimant;
        }

        Status = HelpRequestStatus.Open;
        ClaimedBy = null;
        ClaimedAt = null;
        ClaimExpiresAt = null;
        UpdatedAt = now;
        return null;
    }

    /// <summary>The claimant says it is done; it waits for the operator's call-back to the person helped.</summary>
    public string? Complete(Guid volunteerId, string? note, int? minutes, DateTime now)
    {
        if (Status != HelpRequestStatus.Claimed || ClaimedBy != volunteerId)
        {
            return HelpRequestErrors.NotClaimant;
        }

        if (minutes is < 1 or > MaxMinutes)
        {
            return HelpRequestErrors.MinutesInvalid;
        }

        if (note?.Length > MaxNoteLength)
        {
            return ErrorCodes.TooLong;
        }

        Status = HelpRequestStatus.DoneUnconfirmed;
        HelperId = volunteerId;
        DoneAt = now;
        DoneNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        DoneMinutes = minutes;
        ClaimExpiresAt = null;
        CallbackAttempts = 0;
        NextCallbackAt = now;
        UpdatedAt = now;
        return null;
    }

    /// <summary>
    /// The operator's call-back: confirmed closes it (the helper's time becomes confirmed hours); not done returns it to
    /// the queue; no answer tries again later and, after <see cref="MaxCallbackAttempts"/>, closes it as unresponsive.
    /// </summary>
    public string? CallBack(CallbackOutcome outcome, Guid operatorId, DateTime now, TimeSpan retryAfter)
    {
        if (Status != HelpRequestStatus.DoneUnconfirmed)
        {
            return HelpRequestErrors.NotDone;
        }

        switch (outcome)
        {
            case CallbackOutcome.Confirmed:
                Close(HelpRequestStatus.Closed, operatorId, now);
                break;
            case CallbackOutcome.NotDone:
                Status = HelpRequestStatus.Open;
                ClaimedBy = null;
                ClaimedAt = null;
                NextCallbackAt = null;
                break;
            case CallbackOutcome.NoAnswer:
                CallbackAttempts++;
                if (CallbackAttempts >= MaxCallbackAttempts)
                {
                    Close(HelpRequestStatus.ClosedUnresponsive, operatorId, now);
                }
                else
                {
                    NextCallbackAt = now + retryAfter;
                }

                break;
            default:
                return HelpRequestErrors.OutcomeInvalid;
        }

        UpdatedAt = now;
        return null;
    }

    /// <summary>The person helped confirms through their tracking link.</summary>
    public string? ConfirmByRequester(DateTime now)
    {
        if (Status != HelpRequestStatus.DoneUnconfirmed)
        {
            return HelpRequestErrors.NotDone;
        }

        Close(HelpRequestStatus.Closed, null, now);
        UpdatedAt = now;
        return null;
    }

    /// <summary>The person no longer needs help (tracking link), before anyone has done it.</summary>
    public string? Cancel(DateTime now)
    {
        if (Status is not (HelpRequestStatus.Unconfirmed or HelpRequestStatus.New or HelpRequestStatus.Open or HelpRequestStatus.Claimed))
        {
            return HelpRequestErrors.NotActive;
        }

        Close(HelpRequestStatus.Cancelled, null, now);
        UpdatedAt = now;
        return null;
    }

    /// <summary>The operator links it to the request it repeats; it leaves the queue.</summary>
    public string? MarkDuplicateOf(HelpRequest original, Guid operatorId, DateTime now)
    {
        if (original.Id == Id || original.DuplicateOfId == Id)
        {
            return HelpRequestErrors.DuplicateInvalid;
        }

        if (!IsQueued)
        {
            return HelpRequestErrors.NotActive;
        }

        DuplicateOfId = original.DuplicateOfId ?? original.Id;
        Close(HelpRequestStatus.Duplicate, operatorId, now);
        UpdatedAt = now;
        return null;
    }

    /// <summary>Retention: the requester's name, phone and exact address go; category, region and dates stay.</summary>
    public void Erase(DateTime now)
    {
        RequesterName = null;
        Phone = null;
        Address = null;
        Description = "";
        DoneNote = null;
        if (Latitude is { } lat && Longitude is { } lon)
        {
            (Latitude, Longitude) = (Rounded(lat), Rounded(lon));
        }

        ErasedAt = now;
        UpdatedAt = now;
    }

    /// <summary>About a kilometre: what a volunteer without the claim sees of the point.</summary>
    public static double Rounded(double degrees) => Math.Round(degrees, 2);

    private void Close(HelpRequestStatus status, Guid? by, DateTime now)
    {
        Status = status;
        ClosedAt = now;
        ClosedBy = by;
        ClaimExpiresAt = null;
        NextCallbackAt = null;
        WaitingSince = null;
    }

    private static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes("birge-help-phone:" + code));
}

public enum HelpRequestStatus
{
    /// <summary>Asked online; waits for the SMS code.</summary>
    Unconfirmed,
    New,
    /// <summary>Back in the queue after a release, an expired claim or a "not done" call-back.</summary>
    Open,
    Claimed,
    DoneUnconfirmed,
    Closed,
    ClosedUnresponsive,
    Cancelled,
    Duplicate,
}

public enum HelpUrgency
{
    Critical,
    High,
    Normal,
    Low,
}

public enum HelpRequestSource
{
    Online,
    Phone,
}

public enum CallbackOutcome
{
    Confirmed,
    NotDone,
    NoAnswer,
}

/// <summary>
/// The times within which a request of each urgency should be claimed and done, and how long one claim lasts before
/// the request goes back to the queue.
/// </summary>
public sealed record SlaTarget(TimeSpan Claimed, TimeSpan Done, TimeSpan Hold);

public sealed class SlaTargets
{
    public SlaTarget Critical { get; init; } = new(TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(3));

    public SlaTarget High { get; init; } = new(TimeSpan.FromHours(4), TimeSpan.FromHours(24), TimeSpan.FromHours(12));

    public SlaTarget Normal { get; init; } = new(TimeSpan.FromHours(24), TimeSpan.FromHours(72), TimeSpan.FromHours(48));

    public SlaTarget Low { get; init; } = new(TimeSpan.FromHours(72), TimeSpan.FromDays(7), TimeSpan.FromHours(72));

    public SlaTarget For(HelpUrgency urgency) => urgency switch
    {
        HelpUrgency.Critical => Critical,
        HelpUrgency.High => High,
        HelpUrgency.Low => Low,
        _ => Normal,
    };
}

/// <summary>The closed lists of the help form; names are <c>HelpCategory_{code}</c> and <c>Vulnerability_{code}</c>.</summary>
public static class HelpCategories
{
    public static readonly IReadOnlyList<string> All =
        ["groceries", "household", "transport", "company", "psychological", "disaster", "digital", "other"];

    /// <summary>Categories where the volunteer must be an adult: going into a stranger's home, driving, a disaster area.</summary>
    public static readonly IReadOnlyList<string> AdultsOnly = ["household", "transport", "psychological", "disaster"];

    public static readonly IReadOnlyList<string> Vulnerabilities = ["elderly", "disability", "large_family", "alone"];

    public static readonly IReadOnlyList<string> Languages = ["kk", "ru"];
}

/// <summary>
/// One step in a help request's life, for its timeline (operators), its tracking page (the person, in plain words) and
/// statistics. Notes are erased with the request's personal data.
/// </summary>
public sealed class HelpRequestEvent
{
    public const string Asked = "asked";
    public const string Queued = "queued";
    public const string Triaged = "triaged";
    public const string Offered = "offered";
    public const string Claimed = "claimed";
    public const string Released = "released";
    public const string ClaimExpiring = "claim_expiring";
    public const string ClaimExpired = "claim_expired";
    public const string Done = "done";
    public const string CallbackNoAnswer = "callback_no_answer";
    public const string CallbackNotDone = "callback_not_done";
    public const string Closed = "closed";
    public const string ClosedUnresponsive = "closed_unresponsive";
    public const string Cancelled = "cancelled";
    public const string MarkedDuplicate = "duplicate";
    public const string Waiting = "waiting";
    public const string Resumed = "resumed";
    public const string Escalated = "escalated";
    public const string Erased = "erased";

    public long Id { get; init; }

    public Guid HelpRequestId { get; init; }

    public DateTime At { get; init; }

    public required string Kind { get; init; }

    public Guid? ActorId { get; init; }

    public string? Note { get; set; }
}

/// <summary>An operator's offer of a request to a chosen volunteer, who is told and may take it.</summary>
public sealed class HelpRequestOffer
{
    public Guid HelpRequestId { get; init; }

    public Guid VolunteerId { get; init; }

    public Guid OfferedBy { get; init; }

    public DateTime OfferedAt { get; init; }
}
