namespace Birge.Tests.Infrastructure;

/// <summary>
/// The app's clock in tests: the real time until a test sets it, so tests about minutes and windows (check-in codes,
/// expiring links) choose the instant. Tests of one collection run one at a time; a test that sets it resets it.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? now;

    public override DateTimeOffset GetUtcNow() => now ?? base.GetUtcNow();

    public void Set(DateTime utc) => now = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public void Advance(TimeSpan by) => now = GetUtcNow() + by;

    public void Reset() => now = null;
}
