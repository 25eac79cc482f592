using Birge.Web.Features.Opportunities;

namespace Birge.Web.Domain;

/// <summary>
/// Something to do (M5): a dated event or a long-running project, offered by a verified organisation through its
/// shifts. Written as a draft, published, edited, and perhaps cancelled (its applicants are told).
/// </summary>
public sealed class Opportunity
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxAddressLength = 300;
    public const int MaxReasonLength = 1000;
    public const int MaxShifts = 200;

    /// <summary>By law, emergency volunteering is for adults only.</summary>
    public const int EmergencyMinAge = 18;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid OrganizationId { get; init; }

    public OpportunityKind Kind { get; set; }

    public LocalizedText Title { get; set; } = new(null, null, null);

    public LocalizedText Description { get; set; } = new(null, null, null);

    public List<string> Directions { get; set; } = [];

    public required string RegionKato { get; set; }

    public string? Address { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public bool Online { get; set; }

    /// <summary>The youngest age the organiser accepts; <see cref="RequiredMinAge"/> adds the law's limits.</summary>
    public int MinAge { get; set; }

    /// <summary>Applications are accepted at once while seats remain; otherwise the coordinator approves each.</summary>
    public bool AutoAccept { get; set; } = true;

    public OpportunityStatus Status { get; private set; } = OpportunityStatus.Draft;

    public DateTime CreatedAt { get; init; }

    public Guid CreatedBy { get; init; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? PublishedAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>The first shift's start and the last shift's end, kept here so search filters and sorts on one table.</summary>
    public DateTime StartsAt { get; private set; }

    public DateTime EndsAt { get; private set; }

    /// <summary>Titles, descriptions and the organisation's name in lower case, for search in any language and case.</summary>
    public string SearchText { get; private set; } = "";

    public List<Shift> Shifts { get; init; } = [];

    public int RequiredMinAge => Directions.Contains(Direction.Emergency) ? Math.Max(MinAge, EmergencyMinAge) : MinAge;

    public bool IsPublished => Status == OpportunityStatus.Published;

    public void RefreshSearchText(string organizationName) =>
        SearchText = string.Join(' ', new[] { Title.Kk, Title.Ru, Title.En, Description.Kk, Description.Ru, Description.En, Address, organizationName }
            .Where(t => !string.IsNullOrWhiteSpace(t)))
            .ToLowerInvariant();

    /// <summary>Call after shifts change.</summary>
    public void RefreshSchedule()
    {
        if (Shifts.Count > 0)
        {
            StartsAt = Shifts.Min(s => s.StartsAt);
            EndsAt = Shifts.Max(s => s.EndsAt);
        }
    }

    public string? Publish(bool organizationVerified, DateTime now)
    {
        if (Status != OpportunityStatus.Draft)
        {
            return ErrorCodes.StatusChangeInvalid;
        }

        if (!organizationVerified)
        {
            return OpportunityErrors.OrganizationNotVerified;
        }

        if (Shifts.Count == 0)
        {
            return OpportunityErrors.ShiftsRequired;
        }

        Status = OpportunityStatus.Published;
        PublishedAt = now;
        UpdatedAt = now;
        return null;
    }

    public string? Cancel(string? reason, DateTime now)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (Status == OpportunityStatus.Cancelled)
        {
            return OpportunityErrors.OpportunityCancelled;
        }

        if (reason is null)
        {
            return ErrorCodes.ReasonRequired;
        }

        if (reason.Length > MaxReasonLength)
        {
            return ErrorCodes.TooLong;
        }

        Status = OpportunityStatus.Cancelled;
        CancelledAt = now;
        CancelReason = reason;
        UpdatedAt = now;
        return null;
    }
}

public enum OpportunityKind
{
    Event,
    Project,
}

public enum OpportunityStatus
{
    Draft,
    Published,
    Cancelled,
}

/// <summary>
/// A stretch of time with a number of seats. <see cref="Taken"/> counts accepted applications and is changed only by
/// a conditional UPDATE (<c>Taken &lt; Capacity</c>) inside the database, so parallel sign-ups never overfill it; a
/// check constraint backs that up.
/// </summary>
public sealed class Shift
{
    public const int MaxRoleLength = 200;
    public const int MaxCapacity = 10_000;

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid OpportunityId { get; init; }

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    public int Capacity { get; set; }

    /// <summary>What the volunteer does on this shift ("reader", "driver"), in up to three languages; none when empty.</summary>
    public LocalizedText Role { get; set; } = new(null, null, null);

    public int Taken { get; set; }

    /// <summary>The key that signs this shift's rotating check-in codes; it never leaves the server.</summary>
    public byte[] CheckinSecret { get; init; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>When the day-before reminders went out; the reminder job takes each shift once.</summary>
    public DateTime? RemindedAt { get; set; }

    /// <summary>
    /// The place in time of the last person who joined this shift's waitlist: each newcomer's comes after it, so the
    /// line has one order even on a coarse or stopped clock (<c>ShiftApplications</c>).
    /// </summary>
    public DateTime? LineJoinedAt { get; set; }

    public int SeatsLeft => Math.Max(0, Capacity - Taken);

    /// <summary>
    /// "Title — role" in each language, each part falling back on its own as the title does; the title alone when the
    /// shift has no role. What a calendar entry and a reminder call the shift.
    /// </summary>
    public LocalizedText Named(LocalizedText title)
    {
        if (Role.IsEmpty)
        {
            return title;
        }

        string In(string language) => $"{title.Resolve(language)} — {Role.Resolve(language)}";
        return new LocalizedText(In("kk"), In("ru"), In("en"));
    }

    public int LengthMinutes => (int)(EndsAt - StartsAt).TotalMinutes;

    /// <summary>Checks one shift's times and seats; returns an error code or null.</summary>
    public static string? Validate(DateTime startsAt, DateTime endsAt, int capacity, LocalizedText role)
    {
        if (endsAt <= startsAt)
        {
            return OpportunityErrors.ShiftTimesInvalid;
        }

        if (endsAt - startsAt > TimeSpan.FromDays(366))
        {
            return OpportunityErrors.ShiftTooLong;
        }

        if (capacity is < 1 or > MaxCapacity)
        {
            return OpportunityErrors.CapacityInvalid;
        }

        return role.LongestLength > MaxRoleLength ? ErrorCodes.TooLong : null;
    }
}

/// <summary>A volunteer's request for a seat on a shift (M6).</summary>
public sealed class Application
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid ShiftId { get; init; }

    public Guid VolunteerId { get; init; }

    public ApplicationStatus Status { get; set; }

    /// <summary>When the volunteer applied (or applied again); the waitlist is served in this order.</summary>
    public DateTime AppliedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Holds a seat (counted in <see cref="Shift.Taken"/>).</summary>
    public bool HoldsSeat => Status == ApplicationStatus.Accepted;

    /// <summary>The statuses of someone still counting on the shift (holding a seat, awaiting a decision or in line).</summary>
    public static readonly ApplicationStatus[] ActiveStatuses = [ApplicationStatus.Accepted, ApplicationStatus.Pending, ApplicationStatus.Waitlisted];

    public bool IsActive => ActiveStatuses.Contains(Status);
}

public enum ApplicationStatus
{
    Pending,
    Accepted,
    Waitlisted,
    Declined,
    Cancelled,
}

/// <summary>
/// A volunteer's presence on a shift (M7): checked in by scanning the shift's rotating code or marked by the
/// coordinator; one record per volunteer and shift, so a second scan changes nothing.
/// </summary>
public sealed class Attendance
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid ShiftId { get; init; }

    public Guid VolunteerId { get; init; }

    public DateTime CheckedInAt { get; set; }

    public DateTime? CheckedOutAt { get; set; }

    /// <summary>The coordinator who marked it by hand, when it was not scanned.</summary>
    public Guid? MarkedBy { get; set; }

    /// <summary>Minutes present, clipped to the shift; null until checked out.</summary>
    public int? MinutesWithin(Shift shift)
    {
        if (CheckedOutAt is not { } outAt)
        {
            return null;
        }

        var from = CheckedInAt > shift.StartsAt ? CheckedInAt : shift.StartsAt;
        var to = outAt < shift.EndsAt ? outAt : shift.EndsAt;
        return to > from ? (int)(to - from).TotalMinutes : 0;
    }
}
