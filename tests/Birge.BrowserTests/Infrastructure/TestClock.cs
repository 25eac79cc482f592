namespace Birge.BrowserTests.Infrastructure;

/// <summary>
/// The app's clock in the browser tests: the real time until a journey moves it on (a shift that lasts hours is
/// checked out of minutes later). Browser tests run one at a time; a journey that moves it resets it.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? now;

    public override DateTimeOffset GetUtcNow() => now ?? base.GetUtcNow();

    public void Advance(TimeSpan by) => now = GetUtcNow() + by;

    public void Reset() => now = null;
}
