using Birge.Web.Data;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics;

/// <summary>
/// <c>GET /api/v1/stats</c> (api.md, "Statistics"): the public figures of the country or a region over a period, the
/// same numbers as the dashboard. Counts of people from 1 to 4 are null.
/// </summary>
public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/stats", ReadAsync).AllowAnonymous()
            .WithTags("Statistics")
            .WithSummary("Figures of the country or a region (?region=KATO) over a period (?from=&to=, a day 2026-11-05 or a month 2026-11; the whole history by default)")
            .WithName("getStats")
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<StatsResponse>, ProblemHttpResult>> ReadAsync(
        string? region,
        string? from,
        string? to,
        BirgeDb db,
        StatsReader reader,
        ApiProblems problems,
        CancellationToken cancellationToken)
    {
        var regions = await db.Regions.AsNoTracking().Select(r => r.Kato).ToListAsync(cancellationToken);
        var query = StatsQuery.Parse(region, from, to, reader.Today, regions);
        if (query.Value is not { } valid)
        {
            return problems.Refusal(query);
        }

        var figures = await reader.ReadAsync(valid, cancellationToken);
        return TypedResults.Ok(StatsResponse.Of(figures));
    }
}

public sealed record StatsResponse(
    string? Region,
    DateOnly From,
    DateOnly To,
    long? Volunteers,
    long? SilverVolunteers,
    long Organizations,
    long Opportunities,
    long Seats,
    long SeatsTaken,
    long ConfirmedMinutes,
    long HelpRequestsOpened,
    long HelpRequestsClosed,
    long CallOutsSent,
    long? CallOutsAnswered,
    IReadOnlyList<RegionFigures> ByRegion,
    IReadOnlyList<DirectionFigures> ByDirection,
    IReadOnlyList<StatsMonth> ByMonth)
{
    public static StatsResponse Of(StatsFigures f) => new(
        f.Query.RegionKato,
        f.Query.From,
        f.Query.To,
        f.Volunteers,
        f.SilverVolunteers,
        f.Organizations,
        f.Opportunities,
        f.Seats,
        f.SeatsTaken,
        f.ConfirmedMinutes,
        f.HelpRequestsOpened,
        f.HelpRequestsClosed,
        f.CallOutsSent,
        f.CallOutsAnswered,
        f.ByRegion,
        f.ByDirection,
        [.. f.ByMonth.Select(m => new StatsMonth(m.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), m.Volunteers, m.ActiveVolunteers, m.Opportunities, m.ConfirmedMinutes, m.HelpRequestsClosed))]);
}

/// <summary>A month of <see cref="StatsResponse"/>, named "2026-11".</summary>
public sealed record StatsMonth(string Month, long? Volunteers, long? ActiveVolunteers, long Opportunities, long ConfirmedMinutes, long HelpRequestsClosed);
