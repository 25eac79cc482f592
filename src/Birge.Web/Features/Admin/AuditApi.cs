using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Birge.Web.Features.Admin;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Audit").RequireAuthorization(Policies.NationalAdmin)
            .MapGet("/audit", FindAsync)
            .WithSummary("The audit log, newest first: ?region=&action=&outcome=&from=&to= (days, Kazakhstan time)&page=&pageSize=")
            .WithName("findAuditEntries").ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> FindAsync(
        AuditQuery query,
        ApiProblems problems,
        TimeProvider clock,
        CancellationToken cancellationToken,
        string? region = null,
        string? action = null,
        string? outcome = null,
        DateOnly? from = null,
        DateOnly? to = null,
        int page = 1,
        int pageSize = AuditFilter.DefaultPageSize)
    {
        var filter = new AuditFilter { Region = region, Action = action, Outcome = outcome, From = from, To = to, Page = page, PageSize = pageSize };
        var errors = filter.Validate(clock.GetUtcNow().UtcDateTime);
        return errors.Count > 0
            ? problems.Validation(errors)
            : TypedResults.Ok(await query.FindAsync(filter, cancellationToken));
    }
}
