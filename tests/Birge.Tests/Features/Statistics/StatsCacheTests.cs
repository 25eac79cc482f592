using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Features.Statistics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Birge.Tests.Features.Statistics;

/// <summary>
/// The statistics a node keeps: readers asking at once share one count, and an answer past its time is still given
/// while it is counted again, so nobody waits for a period that is kept.
/// </summary>
[Collection(Sqlite.Name)]
public sealed class StatsCacheTests(SqliteApp app)
{
    private readonly TestClock clock = new();

    [Fact]
    public async Task Readers_asking_at_once_share_one_count_and_an_old_answer_is_given_while_it_is_counted_again()
    {
        clock.Set(new DateTime(2026, 11, 20, 6, 0, 0, DateTimeKind.Utc));
        using var cache = NewCache();
        var counts = 0;
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<IReadOnlyList<MonthlyFigure>> Count(StatsReader reader)
        {
            var n = Interlocked.Increment(ref counts);
            await held.Task;
            return [Figure(n)];
        }

        var first = cache.GetAsync("period", Count);
        var second = cache.GetAsync("period", Count);
        held.SetResult();
        Assert.Same(await first, await second);
        Assert.Equal((1, 1L), (counts, (await first).Rows[0].Value));

        // Within its minute the answer is simply given; after it, the old one still is, and a count starts.
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Same(await first, await cache.GetAsync("period", Count));
        Assert.Equal(1, counts);
        clock.Advance(TimeSpan.FromSeconds(31));
        held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stale = await cache.GetAsync("period", Count);
        Assert.Equal(1L, stale.Rows[0].Value);
        Assert.Same(stale, await cache.GetAsync("period", Count));
        held.SetResult();

        var recounted = await EventuallyAsync(async () => (await cache.GetAsync("period", Count)) is { } p && p.Rows[0].Value == 2 ? p : null);
        Assert.Equal(2, counts);
        Assert.Equal(clock.GetUtcNow(), recounted.CountedAt);
    }

    [Fact]
    public async Task What_is_worked_out_of_an_answer_is_worked_out_once()
    {
        clock.Set(new DateTime(2026, 11, 20, 6, 0, 0, DateTimeKind.Utc));
        using var cache = NewCache();
        var period = await cache.GetAsync("period", _ => Task.FromResult<IReadOnlyList<MonthlyFigure>>([Figure(7)]));
        var worked = 0;
        string Work(IReadOnlyList<MonthlyFigure> rows) => $"{Interlocked.Increment(ref worked)}:{rows[0].Value}";

        Assert.Equal("1:7", period.Derived("almaty", Work));
        Assert.Equal("1:7", period.Derived("almaty", Work));
        Assert.Equal("2:7", period.Derived("astana", Work));
    }

    private StatsCache NewCache() => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Statistics:CacheSeconds"] = "60" }).Build(),
        clock,
        NullLogger<StatsCache>.Instance);

    private static MonthlyFigure Figure(long value) => new(new DateOnly(2026, 11, 1), "750000000", StatMetric.VolunteersRegistered, "", value);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        for (var i = 0; i < 200; i++)
        {
            if (await read() is { } value)
            {
                return value;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The statistics were not counted again.");
    }
}
