namespace Birge.Web.Domain;

/// <summary>The personal-data consent a person gave: who, when, which version, for what; it can be withdrawn.</summary>
public sealed class ConsentRecord
{
    public const string PersonalData = "personal_data";

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid AccountId { get; init; }

    public required string Purpose { get; init; }

    public required string Version { get; init; }

    public DateTime GivenAt { get; init; }

    /// <summary>"self", or "parent" when a parent consented for a child under 14.</summary>
    public required string GivenBy { get; init; }

    public DateTime? WithdrawnAt { get; set; }

    /// <summary>Consent to the current personal-data text, given by the person or, for a child, by a parent.</summary>
    public static ConsentRecord ForPersonalData(Guid accountId, DateTime now, string givenBy, string version = PersonalDataConsent.CurrentVersion) => new()
    {
        AccountId = accountId,
        Purpose = PersonalData,
        Version = version,
        GivenAt = now,
        GivenBy = givenBy,
    };
}

/// <summary>A parent's consent for a child under 14, confirmed through a one-time link sent to the parent.</summary>
public sealed class ParentConsent
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid ChildAccountId { get; init; }

    public string? ParentName { get; set; }

    public string? ParentEmail { get; set; }

    public string? ParentPhone { get; set; }

    /// <summary>SHA-256 of the link's token; the token itself is never stored.</summary>
    public required string TokenHash { get; init; }

    public DateTime RequestedAt { get; init; }

    public DateTime? ConfirmedAt { get; set; }

    public void EraseParent()
    {
        ParentName = null;
        ParentEmail = null;
        ParentPhone = null;
    }
}
