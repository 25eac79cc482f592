namespace Birge.Web.Domain;

/// <summary>
/// An IIN given at sign-up that another account already holds. The new account is created without it, so sign-up
/// never reveals that a number is registered; the front office of the new account's region checks who the number
/// belongs to and marks the check resolved.
/// </summary>
public sealed class IinCheck
{
    public Guid Id { get; init; } = Guid.NewGuid();

    /// <summary>The new account, which gave the number.</summary>
    public Guid AccountId { get; init; }

    /// <summary>The account that held the number at the time.</summary>
    public Guid HolderId { get; init; }

    /// <summary>The number given; erased with the new account.</summary>
    public string? Iin { get; set; }

    public required string RegionKato { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? ResolvedAt { get; private set; }

    public Guid? ResolvedBy { get; private set; }

    public bool IsOpen => ResolvedAt is null;

    /// <summary>Marks the check done; false when it already was.</summary>
    public bool Resolve(Guid by, DateTime now)
    {
        if (!IsOpen)
        {
            return false;
        }

        ResolvedAt = now;
        ResolvedBy = by;
        return true;
    }
}
