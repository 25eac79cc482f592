namespace Birge.Web.Domain;

/// <summary>
/// Confirmed volunteer time (M7, M8): what the volunteer book, certificates and statistics count. The coordinator
/// confirms it from attendance; a volunteer may dispute it; revoking it revokes the certificates that counted it.
/// </summary>
public sealed class HoursEntry
{
    public const int MaxReasonLength = 1000;
    public const int MinutesPerDay = 24 * 60;

    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>The shift the time was given on; null for help given on a help request (M9).</summary>
    public Guid? ShiftId { get; init; }

    public Guid? OpportunityId { get; init; }

    public Guid? OrganizationId { get; init; }

    /// <summary>The help request whose confirmed help this time is (one entry per request); null for a shift's time.</summary>
    public Guid? HelpRequestId { get; init; }

    /// <summary>The call-out whose roster member this time is (one entry per member); null otherwise.</summary>
    public Guid? CallOutId { get; init; }

    public Guid VolunteerId { get; init; }

    /// <summary>The opportunity's first direction, for the book's totals by direction.</summary>
    public required string DirectionCode { get; init; }

    /// <summary>The day in Kazakhstan the time was given.</summary>
    public DateOnly Date { get; set; }

    /// <summary>The counted interval: never outside the shift, never overlapping another entry of the volunteer.</summary>
    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    public int Minutes { get; set; }

    public HoursStatus Status { get; set; } = HoursStatus.Confirmed;

    /// <summary>The coordinator or operator who confirmed it; null when the person helped confirmed it through their tracking link.</summary>
    public Guid? ConfirmedBy { get; set; }

    public DateTime ConfirmedAt { get; set; }

    public string? DisputeReason { get; set; }

    public DateTime? DisputedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokeReason { get; set; }

    public bool Counts => Status == HoursStatus.Confirmed;
}

public enum HoursStatus
{
    Confirmed,
    Revoked,
}

/// <summary>
/// A certificate or extract of confirmed hours (M8). The stored record is signed with the platform's private key;
/// verification recomputes the signature over the same fields, so an altered record is reported as not genuine.
/// </summary>
public sealed class Certificate
{
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>Short, unique, with a check character, printed on the PDF and in its QR code.</summary>
    public required string Code { get; init; }

    public Guid HolderId { get; init; }

    /// <summary>The holder's name as printed; erased (with the certificate revoked) when the account is deleted.</summary>
    public required string HolderName { get; set; }

    public required string Language { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>The first and last day of the hours counted.</summary>
    public DateOnly FirstDay { get; init; }

    public DateOnly LastDay { get; init; }

    public int TotalMinutes { get; init; }

    public DateTime IssuedAt { get; init; }

    /// <summary>Base64 signature over <c>CertificateSigner.Payload</c>.</summary>
    public string Signature { get; set; } = "";

    public DateTime? RevokedAt { get; set; }

    public List<CertificateEntry> Entries { get; init; } = [];

    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>Which hours a certificate counted, so revoking an entry finds the certificates to revoke.</summary>
public sealed class CertificateEntry
{
    public Guid CertificateId { get; init; }

    public Guid HoursEntryId { get; init; }
}
