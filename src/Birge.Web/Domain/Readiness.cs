namespace Birge.Web.Domain;

/// <summary>
/// A permanent regional team of the readiness register (M10): eco, rescue, medical, logistics… with its members, their
/// certificates, its equipment and its last drill. A standby team is called in the second wave of a call-out.
/// </summary>
public sealed class Team
{
    public const int MaxNameLength = 200;
    public const int MaxEquipmentLength = 2000;

    public static readonly string[] Kinds = ["eco", "rescue", "medical", "logistics", "psychological", "communications", "other"];

    public Guid Id { get; init; } = Guid.NewGuid();

    public required string RegionKato { get; set; }

    public required string Name { get; set; }

    /// <summary>One of <see cref="Kinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>What the team has (boats, pumps, first-aid kits…), as the office writes it.</summary>
    public string? Equipment { get; set; }

    public DateOnly? LastDrillOn { get; set; }

    /// <summary>Called in a call-out's second wave, after the teams asked first.</summary>
    public bool Standby { get; set; }

    public DateTime CreatedAt { get; init; }

    public Guid CreatedBy { get; init; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A person in a team: their role and whether they can be called now. Only adults (18+) are members.</summary>
public sealed class TeamMember
{
    public const int MaxRoleLength = 100;

    public Guid TeamId { get; init; }

    public Guid AccountId { get; init; }

    /// <summary>"leader", "deputy", "member", or what the office writes.</summary>
    public required string Role { get; set; }

    public MemberState State { get; set; } = MemberState.Available;

    public DateTime JoinedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}

public enum MemberState
{
    Available,
    Unavailable,

    /// <summary>Committed elsewhere (another call-out, another duty): left out of new call-outs.</summary>
    Committed,
}

/// <summary>A certificate a volunteer holds (first aid, rescuer…), with its expiry; the holder is told 30 days before.</summary>
public sealed class VolunteerCertificate
{
    /// <summary>The codes api.md names, and a few more.</summary>
    public static readonly string[] Codes = ["first_aid", "rescuer", "eco_volunteer", "psychological_first_aid", "driver", "diver", "medic", "radio_operator"];

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid AccountId { get; init; }

    /// <summary>One of <see cref="Codes"/>.</summary>
    public required string Code { get; init; }

    public DateOnly ExpiresOn { get; set; }

    /// <summary>When the holder was told it expires within 30 days (once per expiry date).</summary>
    public DateTime? ExpiryNoticeSentAt { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; set; }
}
