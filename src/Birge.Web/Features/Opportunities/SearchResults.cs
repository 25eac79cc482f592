using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace Birge.Web.Features.Opportunities;

/// <summary>
/// Strangers' searches answered as they were at the start of the current <c>Search:CacheSeconds</c> (10) window, by
/// query, on this node: the same search asked a thousand times a second is run once a window, and a search asked at the
/// same moment by many is run once for all of them. The whole answer (the page's HTML, the API's JSON) is kept for the
/// same window by the output cache (<see cref="Policy"/>), so a popular search costs neither the database nor
/// rendering. A newly published opportunity, or a seat just taken, shows to strangers at most one window later;
/// signed-in people are never answered from here. Holds at most <c>Search:CacheQueries</c> (20,000) queries; past
/// that it starts over.
/// </summary>
public sealed class SearchResults(IConfiguration configuration, TimeProvider clock)
{
    /// <summary>The output-cache policy of the search page and <c>GET /api/v1/opportunities</c>.</summary>
    public const string Policy = "strangers-search";

    private readonly ConcurrentDictionary<OpportunityQuery, (Task<(List<OpportunityHit> Items, int Total)> Result, long Window)> answers = new();
    private readonly int limit = Math.Max(1, configuration.GetValue("Search:CacheQueries", 20_000));

    public TimeSpan Fresh { get; } = CacheTime(configuration);

    public bool Enabled => Fresh > TimeSpan.Zero;

    /// <summary><c>Search:CacheSeconds</c>: the length of a window; zero turns both caches off.</summary>
    private static TimeSpan CacheTime(IConfiguration configuration) =>
        TimeSpan.FromSeconds(configuration.GetValue("Search:CacheSeconds", 10.0));

    /// <summary>The window now: answers are kept within one and never across two, by this node's clock.</summary>
    public long Window => clock.GetUtcNow().ToUnixTimeMilliseconds() / Math.Max(1, (long)Fresh.TotalMilliseconds);

    public Task<(List<OpportunityHit> Items, int Total)> GetAsync(OpportunityQuery query, Func<Task<(List<OpportunityHit> Items, int Total)>> search)
    {
        var window = Window;
        if (answers.TryGetValue(query, out var known) && known.Window == window && !known.Result.IsFaulted && !known.Result.IsCanceled)
        {
            return known.Result;
        }

        if (answers.Count >= limit)
        {
            answers.Clear();
        }

        var result = search();
        answers[query] = (result, window);
        return result;
    }

    /// <summary>
    /// Whole answers to strangers (the output cache never keeps an answer to a signed-in person or one that sets a
    /// cookie), by address, query and language, for the rest of the window.
    /// </summary>
    public static void AddPolicy(OutputCacheOptions options, IConfiguration configuration) => options.AddPolicy(Policy, b => b
        .With(c => c.HttpContext.RequestServices.GetRequiredService<SearchResults>().Enabled)
        .SetVaryByQuery("*")
        .VaryByValue(_ => new("culture", CultureInfo.CurrentUICulture.Name))
        .VaryByValue(http => new("window", http.RequestServices.GetRequiredService<SearchResults>().Window.ToString(CultureInfo.InvariantCulture)))
        .Expire(TimeSpan.FromSeconds(Math.Max(1, CacheTime(configuration).TotalSeconds))));
}
