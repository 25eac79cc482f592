using Birge.Web.Domain;

namespace Birge.Tests.Domain;

public sealed class AccountTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Age_changes_on_the_birthday_not_before()
    {
        var born = new DateOnly(2000, 3, 10);
        Assert.Equal(25, Account.AgeOn(born, new DateOnly(2026, 3, 9)));
        Assert.Equal(26, Account.AgeOn(born, new DateOnly(2026, 3, 10)));
        Assert.Equal(26, Account.AgeOn(born, new DateOnly(2027, 3, 9)));
    }

    [Fact]
    public void A_person_becomes_silver_on_their_55th_birthday()
    {
        var account = new Account { RegionKato = "750000000", BirthDate = new DateOnly(1971, 6, 1) };
        Assert.False(account.IsSilver(new DateOnly(2026, 5, 31)));
        Assert.True(account.IsSilver(new DateOnly(2026, 6, 1)));
        Assert.Equal(55, account.Age(new DateOnly(2026, 6, 1)));
    }

    [Fact]
    public void An_account_without_a_birth_date_has_no_age_and_is_not_silver()
    {
        var account = new Account { RegionKato = "750000000" };
        Assert.Null(account.Age(new DateOnly(2026, 6, 1)));
        Assert.False(account.IsSilver(new DateOnly(2026, 6, 1)));
    }

    [Fact]
    public void A_parent_must_consent_until_the_14th_birthday()
    {
        var born = new DateOnly(2012, 6, 15);
        Assert.True(Account.NeedsParentConsent(born, new DateOnly(2026, 6, 14)));
        Assert.False(Account.NeedsParentConsent(born, new DateOnly(2026, 6, 15)));
        Assert.False(Account.NeedsParentConsent(new DateOnly(1995, 5, 15), new DateOnly(2026, 6, 15)));
    }

    [Fact]
    public void Erasing_removes_everything_that_identifies_the_person_but_keeps_region_and_birth_year()
    {
        var account = new Account
        {
            Email = "aigerim@example.com",
            NormalizedEmail = "AIGERIM@EXAMPLE.COM",
            EmailConfirmed = true,
            Phone = "+77011234567",
            PhoneConfirmed = true,
            PasswordHash = "hash",
            FullName = "Айгерім Серікқызы",
            BirthDate = new DateOnly(1995, 5, 15),
            BirthYear = 1995,
            RegionKato = "750000000",
            Iin = "950515400122",
        };
        account.AddRole(AccountRole.Admin);
        var stamp = account.SecurityStamp;

        account.Erase(Now);

        Assert.Null(account.Email);
        Assert.Null(account.NormalizedEmail);
        Assert.Null(account.Phone);
        Assert.Null(account.PasswordHash);
        Assert.Null(account.FullName);
        Assert.Null(account.BirthDate);
        Assert.Null(account.Iin);
        Assert.False(account.EmailConfirmed);
        Assert.False(account.PhoneConfirmed);
        Assert.Empty(account.Roles);
        Assert.NotEqual(stamp, account.SecurityStamp);
        Assert.Equal(AccountStatus.Deleted, account.Status);
        Assert.Equal(Now, account.DeletedAt);
        Assert.Equal("750000000", account.RegionKato);
        Assert.Equal(1995, account.BirthYear);
    }

    [Fact]
    public void A_child_account_becomes_active_when_the_parent_confirms()
    {
        var account = new Account { RegionKato = "750000000", Status = AccountStatus.AwaitingParentConsent };
        Assert.False(account.IsActive);
        account.ActivateAfterParentConsent();
        Assert.True(account.IsActive);
    }

    [Fact]
    public void A_deleted_account_is_not_revived_by_a_late_parent_confirmation()
    {
        var account = new Account { RegionKato = "750000000", Status = AccountStatus.AwaitingParentConsent };
        account.Erase(Now);
        account.ActivateAfterParentConsent();
        Assert.Equal(AccountStatus.Deleted, account.Status);
    }
}
