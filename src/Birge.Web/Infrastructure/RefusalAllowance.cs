using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Birge.Web.Infrastructure;

/// <summary>
/// How many refusals of one client (their account, or their address) a minute go into the audit log:
/// <c>Audit:RefusalsPerClientPerMinute</c> (30). The next one writes an entry saying the allowance is used up
/// (<see cref="OverAllowance"/>); the rest of that minute are only counted, by the <c>birge.audit.refusals_not_recorded</c>
/// counter, so one client cannot write thousands of rows a minute. Kept in memory on each web node: with several nodes
/// a client may write that many per node.
/// </summary>
public sealed class RefusalAllowance(IConfiguration configuration, TimeProvider clock)
{
    /// <summary>The details of the entry written when a client's allowance is used up.</summary>
    public const string OverAllowance = "refusals_over_allowance: further refusals of this client in this minute are counted, not recorded";

    private static readonly Meter Meter = new("Birge.Audit");
    private static readonly Counter<long> NotRecorded = Meter.CreateCounter<long>("birge.audit.refusals_not_recorded");

    private readonly int perMinute = configuration.GetValue("Audit:RefusalsPerClientPerMinute", 30);
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    public enum Verdict
    {
        Record,
        RecordOverAllowance,
        CountOnly,
    }

    public Verdict Take(string client)
    {
        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        var window = windows.AddOrUpdate(
            client,
            _ => new Window(minute, 1),
            (_, w) => w.Minute == minute ? w with { Count = w.Count + 1 } : new Window(minute, 1));
        if (windows.Count > 10_000)
        {
            foreach (var (key, old) in windows)
            {
                if (old.Minute < minute)
                {
                    windows.TryRemove(new KeyValuePair<string, Window>(key, old));
                }
            }
        }

        if (window.Count <= perMinute)
        {
            return Verdict.Record;
        }

        if (window.Count == perMinute + 1)
        {
            return Verdict.RecordOverAllowance;
        }

        NotRecorded.Add(1);
        return Verdict.CountOnly;
    }

    private sealed record Window(long Minute, int Count);
}
