namespace Birge.Web.Domain;

/// <summary>
/// The owner's request to change the legal details (name, legal form, region) of an organisation the front office has
/// verified. The organisation keeps its verified details everywhere until the office of the requested region approves;
/// an organisation has at most one pending change, and asking for the verified details again withdraws it.
/// </summary>
public sealed class OrganizationChange
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public Guid OrganizationId { get; init; }

    public required string Name { get; set; }

    public required string LegalForm { get; set; }

    /// <summary>The region asked for: its front office decides.</summary>
    public required string RegionKato { get; set; }

    public Guid RequestedBy { get; set; }

    public DateTime RequestedAt { get; set; }

    public OrganizationChangeStatus Status { get; private set; } = OrganizationChangeStatus.Pending;

    /// <summary>Why the office refused it: shown to the owner.</summary>
    public string? Reason { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public bool IsPending => Status == OrganizationChangeStatus.Pending;

    /// <summary>The office agrees: the organisation takes the new details and stays verified.</summary>
    public string? Approve(Organization organization, Guid actor, DateTime now)
    {
        if (!IsPending || organization.Id != OrganizationId)
        {
            return ErrorCodes.StatusChangeInvalid;
        }

        organization.Name = Name;
        organization.LegalForm = LegalForm;
        organization.RegionKato = RegionKato;
        organization.RefreshSearchText();
        Decided(OrganizationChangeStatus.Approved, null, actor, now);
        return null;
    }

    public string? Reject(string? reason, Guid actor, DateTime now)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (!IsPending)
        {
            return ErrorCodes.StatusChangeInvalid;
        }

        if (reason is null)
        {
            return ErrorCodes.ReasonRequired;
        }

        if (reason.Length > Organization.MaxReasonLength)
        {
            return ErrorCodes.TooLong;
        }

        Decided(OrganizationChangeStatus.Rejected, reason, actor, now);
        return null;
    }

    /// <summary>The owner asked for the verified details again (or for something else, which replaces it).</summary>
    public void Withdraw(Guid actor, DateTime now) => Decided(OrganizationChangeStatus.Withdrawn, null, actor, now);

    private void Decided(OrganizationChangeStatus status, string? reason, Guid actor, DateTime now)
    {
        Status = status;
        Reason = reason;
        DecidedBy = actor;
        DecidedAt = now;
    }
}

public enum OrganizationChangeStatus
{
    Pending,
    Approved,
    Rejected,
    Withdrawn,
}
