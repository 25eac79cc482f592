using Birge.Web.Localization;

namespace Birge.Tests.Domain;

public class KazakhstanTimeTests
{
    [Fact]
    public void Utc_midnight_is_five_in_the_morning_in_Kazakhstan() =>
        Assert.Equal(new DateTime(2026, 11, 22, 5, 0, 0), KazakhstanTime.FromUtc(new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc)));

    [Fact]
    public void A_late_evening_in_UTC_is_already_the_next_day_in_Kazakhstan() =>
        Assert.Equal(new DateOnly(2026, 1, 1), DateOnly.FromDateTime(KazakhstanTime.FromUtc(new DateTime(2025, 12, 31, 20, 0, 0, DateTimeKind.Utc))));
}
