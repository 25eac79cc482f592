using System.Globalization;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Birge.Web.Features.Statistics.Dashboard;

/// <summary>
/// The dashboard's tables as CSV, for the same query as the page (<c>/stats/regions.csv?region=&amp;period=…</c>):
/// the very rows the page shows under its pictures. A query the page refuses is a 422 with the same messages.
/// </summary>
public static class DashboardCsv
{
    public static readonly IReadOnlyList<string> Tables = ["regions", "directions", "months"];

    public static IEndpointRouteBuilder MapDashboardCsv(this IEndpointRouteBuilder app)
    {
        foreach (var table in Tables)
        {
            app.MapGet($"/stats/{table}.csv", (HttpContext http, StatsDashboard dashboard, ApiProblems problems, IStringLocalizer<SharedResource> localizer, CancellationToken cancellationToken) =>
                CsvAsync(table, http, dashboard, problems, localizer, cancellationToken)).AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>The link to a table's CSV for the page's query.</summary>
    public static string Link(string table, QueryString query) => $"/stats/{table}.csv{query}";

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CsvAsync(
        string table,
        HttpContext http,
        StatsDashboard dashboard,
        ApiProblems problems,
        IStringLocalizer<SharedResource> localizer,
        CancellationToken cancellationToken)
    {
        var figures = await dashboard.ReadAsync(DashboardRequest.Of(http.Request.Query), cancellationToken);
        if (figures.Query.Value is not { } query)
        {
            return problems.Refusal(figures.Query);
        }

        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var name = $"birge-{table}-{query.RegionKato ?? "kz"}-{Day(query.From)}-{Day(query.To)}.csv";
        return TypedResults.File(StatsTable.Of(table, figures).Csv(localizer), "text/csv; charset=utf-8", name);
    }
}
