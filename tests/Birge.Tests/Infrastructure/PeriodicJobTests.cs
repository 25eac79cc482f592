using System.Diagnostics.Metrics;
using Birge.Web.Features.Applications;
using Birge.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Infrastructure;

/// <summary>
/// The periodic-job base: a run is taken once across nodes (a PostgreSQL advisory lock, a process guard on SQLite),
/// settings come from <c>Jobs:&lt;Name&gt;</c>, and every run is counted in the <c>Birge</c> meter.
/// </summary>
public abstract class PeriodicJobTests(BirgeApp app)
{
    [Fact]
    public async Task Two_nodes_running_the_same_job_at_once_do_its_work_once_and_the_next_run_works_again()
    {
        var work = new GatedWork();
        var name = "Gated" + Guid.NewGuid().ToString("N")[..8];
        var first = new GatedJob(name, work, Services());
        var second = new GatedJob(name, work, Services());

        var running = first.RunOnceAsync(CancellationToken.None);
        await work.FirstEntered.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var skipped = second.RunOnceAsync(CancellationToken.None);

        // The second node either returns at once (skipped) or, if the claim were broken, enters the work too.
        await Task.WhenAny(skipped, work.SecondEntered.Task);
        work.Release();
        int[] results = await Task.WhenAll(running, skipped);
        Assert.Equal([1, 0], results);
        Assert.Equal(1, work.Entered);

        // The claim was let go: the next run, on either node, works.
        Assert.Equal(1, await second.RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, work.Entered);
    }

    [Fact]
    public async Task A_failing_run_lets_go_of_its_claim()
    {
        var name = "Failing" + Guid.NewGuid().ToString("N")[..8];
        var failing = new FailingJob(name, Services());

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.RunOnceAsync(CancellationToken.None));

        var work = new GatedWork();
        work.Release();
        Assert.Equal(1, await new GatedJob(name, work, Services()).RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public void A_job_is_off_in_tests_and_its_interval_and_switch_come_from_its_settings()
    {
        Assert.False(app.Services.GetRequiredService<Reminders>().Enabled);
        Assert.Equal(TimeSpan.FromMinutes(5), app.Services.GetRequiredService<Reminders>().Interval);

        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jobs:Configured:Enabled"] = "true",
            ["Jobs:Configured:Interval"] = "00:00:30",
        }).Build();
        var job = new GatedJob("Configured", new GatedWork(), Services() with { Configuration = settings });

        Assert.True(job.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(30), job.Interval);
    }

    [Fact]
    public async Task Every_run_is_counted_by_job_and_outcome_and_the_outbox_depth_is_what_the_sender_last_counted()
    {
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        var runs = new List<(long Value, string? Job, string? Outcome)>();
        var depths = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this app's meter: other apps run in the same test process.
            if (instrument.Meter.Name == BirgeMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (runs)
            {
                if (instrument.Name == "birge.job.runs")
                {
                    runs.Add((value, Tag(tags, "job"), Tag(tags, "outcome")));
                }
                else if (instrument.Name == "birge.outbox.depth")
                {
                    depths.Add(value);
                }
            }
        });
        listener.Start();

        await app.Services.GetRequiredService<Reminders>().RunOnceAsync(CancellationToken.None);
        await app.Services.GetRequiredService<OutboxSender>().RunOnceAsync(CancellationToken.None);
        var waiting = await app.Db(db => db.OutboxMessages.LongCountAsync(m => m.SentAt == null));
        listener.RecordObservableInstruments();

        lock (runs)
        {
            Assert.Contains((1L, "Reminders", "done"), runs);
            Assert.Contains((1L, "Outbox", "done"), runs);
            Assert.Equal(waiting, Assert.Single(depths));
        }
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }

    private JobServices Services() => app.Services.GetRequiredService<JobServices>();

    /// <summary>Work that holds the first run until the test lets it go, and counts who got in.</summary>
    private sealed class GatedWork
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int entered;

        public TaskCompletionSource FirstEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SecondEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Entered => Volatile.Read(ref entered);

        public void Release() => gate.TrySetResult();

        public async Task<int> DoAsync()
        {
            (Interlocked.Increment(ref entered) == 1 ? FirstEntered : SecondEntered).TrySetResult();
            await gate.Task;
            return 1;
        }
    }

    private sealed class GatedJob(string name, GatedWork work, JobServices services) : PeriodicJob<int>(name, TimeSpan.FromHours(1), services)
    {
        protected override Task<int> RunAsync(CancellationToken cancellationToken) => work.DoAsync();
    }

    private sealed class FailingJob(string name, JobServices services) : PeriodicJob<int>(name, TimeSpan.FromHours(1), services)
    {
        protected override Task<int> RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("down");
    }
}

[Collection(Sqlite.Name)]
public sealed class PeriodicJobTestsOnSqlite(SqliteApp app) : PeriodicJobTests(app);

[Collection(Postgres.Name)]
public sealed class PeriodicJobTestsOnPostgres(PostgresApp app) : PeriodicJobTests(app);
