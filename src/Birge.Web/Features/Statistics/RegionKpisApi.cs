using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.Statistics;

/// <summary>
/// <c>GET /api/v1/front-offices/{kato}/kpis?month=2026-11</c>: a region's key figures for a month, the numbers of its
/// front office's dashboard, for the region's staff and the national office.
/// </summary>
public static class RegionKpisApi
{
    public static IEndpointRouteBuilder MapRegionKpisApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/front-offices/{kato}/kpis", ReadAsync).RequireAuthorization(Policies.RegionStaff)
            .WithTags("Front offices")
            .WithSummary("A region's key figures for a month (?month=2026-11, this month by default), each with the previous month's and the median of the 20 regions")
            .WithName("getRegionKpis")
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<RegionKpisResponse>, ProblemHttpResult>> ReadAsync(
        string kato,
        string? month,
        BirgeDb db,
        RegionKpis kpis,
        ApiProblems problems,
        CancellationToken cancellationToken)
    {
        if (!await db.Regions.AnyAsync(r => r.Kato == kato, cancellationToken))
        {
            return problems.Validation("kato", ErrorCodes.RegionInvalid);
        }

        var first = RegionKpis.ParseMonth(month, kpis.Today);
        if (!first.Succeeded)
        {
            return problems.Refusal(first);
        }

        var sheet = await kpis.ForMonthAsync(kato, first.Value, cancellationToken);
        return TypedResults.Ok(new RegionKpisResponse(
            sheet.RegionKato,
            sheet.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            sheet.Through,
            [.. sheet.Figures.Select(f => new KpiItem(f.Code, f.Kind.ToString().ToLowerInvariant(), f.Value, f.Previous, f.Change, f.NationalMedian))]));
    }
}

/// <summary>The key figures of a region's month, counted up to <paramref name="Through"/>.</summary>
public sealed record RegionKpisResponse(string Region, string Month, DateOnly Through, IReadOnlyList<KpiItem> Figures);

/// <summary>
/// One key figure: <paramref name="Kind"/> "count", "share" (0 to 1) or "minutes"; the previous month's value and the
/// change on it (null where not known), and the median of the 20 regions for the month.
/// </summary>
public sealed record KpiItem(string Code, string Kind, double? Value, double? Previous, double? Change, double? NationalMedian);
