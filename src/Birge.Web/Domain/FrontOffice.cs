namespace Birge.Web.Domain;

/// <summary>The national front office and the 20 regional ones; a regional office's key is its region's KATO code.</summary>
public sealed class FrontOffice
{
    public const string NationalKato = "national";

    public required string Kato { get; init; }

    public required LocalizedText Name { get; set; }

    public bool IsNational => Kato == NationalKato;
}

/// <summary>A person working for a front office: staff (moderation, reports) or a call-centre operator.</summary>
public sealed class FrontOfficeStaff
{
    public const string Staff = "staff";
    public const string Operator = "operator";

    public required string FrontOfficeKato { get; init; }

    public Guid AccountId { get; init; }

    public required string Role { get; set; }

    public DateTime AssignedAt { get; set; }

    public Guid AssignedBy { get; set; }
}

/// <summary>
/// One privileged action or refused attempt, appended and never changed: the database refuses updates and deletes.
/// </summary>
public sealed class AuditEntry
{
    public const string Done = "done";
    public const string Denied = "denied";

    public long Id { get; init; }

    public DateTime At { get; init; }

    public Guid? ActorId { get; init; }

    public required string Action { get; init; }

    public required string TargetType { get; init; }

    public string? TargetId { get; init; }

    public string? RegionKato { get; init; }

    public required string Outcome { get; init; }

    public string? Details { get; init; }
}
