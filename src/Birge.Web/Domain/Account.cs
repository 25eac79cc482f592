namespace Birge.Web.Domain;

/// <summary>A person's account: a volunteer, and possibly also a coordinator, staff member or admin.</summary>
public sealed class Account
{
    public const int ParentConsentAge = 14;
    public const int SilverAge = 55;
    public const int AdultAge = 18;

    public Guid Id { get; init; } = Guid.NewGuid();

    public string? Email { get; set; }

    public string? NormalizedEmail { get; set; }

    public bool EmailConfirmed { get; set; }

    public string? Phone { get; set; }

    public bool PhoneConfirmed { get; set; }

    public string? PasswordHash { get; set; }

    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public string? FullName { get; set; }

    public DateOnly? BirthDate { get; set; }

    /// <summary>Kept after erasure, so statistics by age survive.</summary>
    public int BirthYear { get; set; }

    public required string RegionKato { get; set; }

    public string? Iin { get; set; }

    public AccountStatus Status { get; set; } = AccountStatus.Active;

    /// <summary>The language the person chose, for messages sent to them.</summary>
    public string Language { get; set; } = "kk";

    public DateTime CreatedAt { get; init; }

    public DateTime? DeletedAt { get; set; }

    public DateTime? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    /// <summary>When the "confirm your contact or it is released" reminder went out (see <c>UnconfirmedAccounts</c>).</summary>
    public DateTime? ConfirmationReminderSentAt { get; set; }

    public List<AccountRole> Roles { get; init; } = [];

    public bool IsActive => Status == AccountStatus.Active;

    public static bool NeedsParentConsent(DateOnly birthDate, DateOnly today) => AgeOn(birthDate, today) < ParentConsentAge;

    public static int AgeOn(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        return birthDate.AddYears(age) > today ? age - 1 : age;
    }

    public int? Age(DateOnly today) => BirthDate is { } b ? AgeOn(b, today) : null;

    public bool IsSilver(DateOnly today) => Age(today) >= SilverAge;

    public bool HasRole(string role) => Roles.Any(r => r.Role == role);

    public void AddRole(string role)
    {
        if (!HasRole(role))
        {
            Roles.Add(new AccountRole { AccountId = Id, Role = role });
        }
    }

    /// <summary>The parent confirmed through their link: the child's account may now be used.</summary>
    public void ActivateAfterParentConsent()
    {
        if (Status == AccountStatus.AwaitingParentConsent)
        {
            Status = AccountStatus.Active;
        }
    }

    /// <summary>
    /// Deletion at the person's request: every field that identifies them is erased; region, birth year and
    /// the record itself stay so that statistics (and, later, hours already counted) remain true.
    /// </summary>
    public void Erase(DateTime now)
    {
        Email = null;
        NormalizedEmail = null;
        EmailConfirmed = false;
        Phone = null;
        PhoneConfirmed = false;
        PasswordHash = null;
        FullName = null;
        BirthDate = null;
        Iin = null;
        Status = AccountStatus.Deleted;
        DeletedAt = now;
        LockoutEnd = null;
        AccessFailedCount = 0;
        Roles.Clear();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }
}

public enum AccountStatus
{
    Active = 0,
    AwaitingParentConsent = 1,
    Deleted = 2,
}

public sealed class AccountRole
{
    public const string Admin = "admin";

    public Guid AccountId { get; init; }

    public required string Role { get; init; }
}
