namespace Birge.Web.Domain;

/// <summary>
/// A volunteer organisation (M3). It starts pending; the front office of its region verifies it or rejects it with a
/// reason; a verified one can be suspended. Only a verified organisation publishes opportunities.
/// </summary>
public sealed class Organization
{
    public const int MaxNameLength = 300;
    public const int MaxAddressLength = 300;
    public const int MaxDescriptionLength = 4000;
    public const int MaxReasonLength = 1000;

    public Guid Id { get; init; } = Guid.NewGuid();

    public required string Bin { get; init; }

    public required string Name { get; set; }

    public required string LegalForm { get; set; }

    public required string RegionKato { get; set; }

    public string? Address { get; set; }

    public List<string> Directions { get; set; } = [];

    public LocalizedText Description { get; set; } = new(null, null, null);

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Website { get; set; }

    public OrganizationStatus Status { get; private set; } = OrganizationStatus.Pending;

    /// <summary>Why it was rejected or suspended: shown to the organisation.</summary>
    public string? StatusReason { get; private set; }

    public DateTime CreatedAt { get; init; }

    public DateTime StatusChangedAt { get; private set; }

    public Guid? StatusChangedBy { get; private set; }

    /// <summary>Name, BIN and descriptions in lower case, so search ignores case on every database and alphabet.</summary>
    public string SearchText { get; private set; } = "";

    public List<OrganizationMember> Members { get; init; } = [];

    public bool IsVerified => Status == OrganizationStatus.Verified;

    /// <summary>
    /// The front office has checked its legal details (name, legal form, region), so a change of them waits for the
    /// office (<see cref="OrganizationChange"/>) instead of taking effect.
    /// </summary>
    public bool LegalDetailsVerified => Status is OrganizationStatus.Verified or OrganizationStatus.Suspended;

    public void RefreshSearchText() =>
        SearchText = string.Join(' ', new[] { Name, Bin, Description.Kk, Description.Ru, Description.En }
            .Where(t => !string.IsNullOrWhiteSpace(t)))
            .ToLowerInvariant();

    /// <summary>A decision of a front office. Returns an error code, or null when the status changed.</summary>
    public string? Decide(OrganizationDecision decision, string? reason, Guid actor, DateTime now)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var allowed = (Status, decision) switch
        {
            (OrganizationStatus.Pending, OrganizationDecision.Verify) => OrganizationStatus.Verified,
            (OrganizationStatus.Pending, OrganizationDecision.Reject) => OrganizationStatus.Rejected,
            (OrganizationStatus.Rejected, OrganizationDecision.Verify) => OrganizationStatus.Verified,
            (OrganizationStatus.Verified, OrganizationDecision.Suspend) => OrganizationStatus.Suspended,
            (OrganizationStatus.Suspended, OrganizationDecision.Verify) => OrganizationStatus.Verified,
            _ => (OrganizationStatus?)null,
        };
        if (allowed is null)
        {
            return ErrorCodes.StatusChangeInvalid;
        }

        if (decision is OrganizationDecision.Reject or OrganizationDecision.Suspend && reason is null)
        {
            return ErrorCodes.ReasonRequired;
        }

        if (reason is { Length: > MaxReasonLength })
        {
            return ErrorCodes.TooLong;
        }

        Status = allowed.Value;
        StatusReason = allowed == OrganizationStatus.Verified ? null : reason;
        StatusChangedAt = now;
        StatusChangedBy = actor;
        return null;
    }

    /// <summary>After a rejection the organisation corrects its details and asks again.</summary>
    public string? Resubmit(DateTime now)
    {
        if (Status != OrganizationStatus.Rejected)
        {
            return ErrorCodes.StatusChangeInvalid;
        }

        Status = OrganizationStatus.Pending;
        StatusChangedAt = now;
        return null;
    }

    public bool IsMember(Guid accountId) => Members.Any(m => m.AccountId == accountId);

    public bool IsOwner(Guid accountId) => Members.Any(m => m.AccountId == accountId && m.Role == OrganizationMember.Owner);
}

public enum OrganizationStatus
{
    Pending,
    Verified,
    Rejected,
    Suspended,
}

public enum OrganizationDecision
{
    Verify,
    Reject,
    Suspend,
}

/// <summary>A person who acts for an organisation: its owner (who registered it) or a coordinator they invited.</summary>
public sealed class OrganizationMember
{
    public const string Owner = "owner";
    public const string Coordinator = "coordinator";

    public Guid OrganizationId { get; init; }

    public Guid AccountId { get; init; }

    public required string Role { get; set; }

    public DateTime JoinedAt { get; init; }
}

/// <summary>An invitation to coordinate for an organisation, sent by e-mail or SMS as a one-time link.</summary>
public sealed class OrganizationInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid OrganizationId { get; init; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>SHA-256 of the link's token.</summary>
    public required string TokenHash { get; init; }

    public Guid InvitedBy { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? AcceptedAt { get; set; }

    public Guid? AcceptedBy { get; set; }

    public DateTime? RevokedAt { get; set; }

    public bool IsOpen(DateTime now) => AcceptedAt is null && RevokedAt is null && CreatedAt + Lifetime > now;
}
