using System.Collections.Concurrent;

namespace Birge.Web.Features.Opportunities;

/// <summary>
/// Strangers' searches answered in the last <c>Search:CacheSeconds</c> (10), by query, on this node: the same search
/// asked a thousand times a second is run once every ten seconds, and a search asked at the same moment by many is run
/// once for all of them. A newly published opportunity is found by strangers at most that long after (signed-in people
/// are never answered from here). Holds at most <c>Search:CacheQueries</c> (20,000) queries; past that it starts over.
/// </summary>
public sealed class SearchResults(IConfiguration configuration, TimeProvider clock)
{
    private readonly ConcurrentDictionary<OpportunityQuery, (Task<(List<OpportunityHit> Items, int Total)> Result, DateTimeOffset At)> answers = new();
    private readonly int limit = Math.Max(1, configuration.GetValue("Search:CacheQueries", 20_000));

    public TimeSpan Fresh { get; } = TimeSpan.FromSeconds(configuration.GetValue("Search:CacheSeconds", 10.0));

    public Task<(List<OpportunityHit> Items, int Total)> GetAsync(OpportunityQuery query, Func<Task<(List<OpportunityHit> Items, int Total)>> search)
    {
        var now = clock.GetUtcNow();
        if (answers.TryGetValue(query, out var known) && now - known.At < Fresh && !known.Result.IsFaulted && !known.Result.IsCanceled)
        {
            return known.Result;
        }

        if (answers.Count >= limit)
        {
            answers.Clear();
        }

        var result = search();
        answers[query] = (result, now);
        return result;
    }
}
