using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Birge.Web.Features.Statistics;

/// <summary>
/// The figures of a period by month and region, kept for every reader of this node. An answer older than
/// <c>Statistics:CacheSeconds</c> (60; 0 turns keeping off) is still given while one count in the background replaces
/// it, so a reader waits only for a period nobody asked for lately, and then with everyone else who asks at the same
/// moment (one count, not one each). What is worked out of an answer (a region's figures) is kept with it. Bounded by
/// rows held (<c>Statistics:CacheRows</c>, 500,000; about 100 MB), the periods read least lately go first.
/// </summary>
public sealed class StatsCache(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<StatsCache> logger) : IDisposable
{
    private readonly MemoryCache periods = new(new MemoryCacheOptions { SizeLimit = configuration.GetValue("Statistics:CacheRows", 500_000) });

    public TimeSpan Fresh { get; } = TimeSpan.FromSeconds(configuration.GetValue("Statistics:CacheSeconds", 60));

    /// <summary>
    /// The period's rows, counted by <paramref name="count"/> with a reader of its own scope (a background count
    /// outlives the request that started it).
    /// </summary>
    public async Task<Period> GetAsync(object key, Func<StatsReader, Task<IReadOnlyList<MonthlyFigure>>> count)
    {
        if (periods.TryGetValue(key, out Period? kept) && kept is not null)
        {
            if (clock.GetUtcNow() - kept.CountedAt > Fresh && Interlocked.Exchange(ref kept.Recounting, 1) == 0)
            {
                _ = RecountAsync(key, count, kept);
            }

            return kept;
        }

        var counting = Counting.GetOrAdd(key, k => CountAsync(k, count));
        try
        {
            return await counting;
        }
        finally
        {
            Counting.TryRemove(new KeyValuePair<object, Task<Period>>(key, counting));
        }
    }

    private ConcurrentDictionary<object, Task<Period>> Counting { get; } = new();

    private async Task<Period> CountAsync(object key, Func<StatsReader, Task<IReadOnlyList<MonthlyFigure>>> count)
    {
        var countedAt = clock.GetUtcNow();
        using var scope = scopes.CreateScope();
        var rows = await count(scope.ServiceProvider.GetRequiredService<StatsReader>());
        var period = new Period(rows, countedAt);
        periods.Set(key, period, new MemoryCacheEntryOptions { Size = Math.Max(1, rows.Count), SlidingExpiration = TimeSpan.FromHours(1) });
        return period;
    }

    private async Task RecountAsync(object key, Func<StatsReader, Task<IReadOnlyList<MonthlyFigure>>> count, Period stale)
    {
        try
        {
            await CountAsync(key, count);
        }
        catch (Exception ex)
        {
            // The stale answer stays; the next reader tries again.
            logger.LogWarning(ex, "Counting the statistics again failed");
            Interlocked.Exchange(ref stale.Recounting, 0);
        }
    }

    public void Dispose() => periods.Dispose();

    /// <summary>A period's rows as counted at <see cref="CountedAt"/>, and what has been worked out of them.</summary>
    public sealed class Period(IReadOnlyList<MonthlyFigure> rows, DateTimeOffset countedAt)
    {
        internal int Recounting;

        private readonly ConcurrentDictionary<object, Lazy<object>> derived = new();

        public IReadOnlyList<MonthlyFigure> Rows { get; } = rows;

        public DateTimeOffset CountedAt { get; } = countedAt;

        /// <summary>Something worked out of <see cref="Rows"/> (e.g. a region's figures), once per period counted.</summary>
        public T Derived<T>(object key, Func<IReadOnlyList<MonthlyFigure>, T> work)
            where T : class =>
            (T)derived.GetOrAdd(key, _ => new Lazy<object>(() => work(Rows))).Value;
    }
}
