using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.FrontOffices;

public static class FrontOfficesApi
{
    public static IEndpointRouteBuilder MapFrontOfficesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Front offices").RequireAuthorization(Policies.Account);

        api.MapGet("/front-offices", ListAsync).AllowAnonymous()
            .WithSummary("The national front office and the 20 regional ones")
            .WithName("listFrontOffices");
        api.MapPost("/front-offices/{kato}/staff", AssignAsync).RequireAuthorization(Policies.NationalAdmin)
            .WithSummary("Assign a person to a front office as staff or call-centre operator")
            .WithName("assignStaff").ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        api.MapDelete("/front-offices/{kato}/staff/{accountId:guid}", RemoveAsync).RequireAuthorization(Policies.NationalAdmin)
            .WithSummary("Take a person off a front office")
            .WithName("removeStaff");
        api.MapPost("/organizations/{organizationId:guid}/verification", DecideAsync).RequireAuthorization(Policies.RegionStaff)
            .WithSummary("A front office's decision on an organisation of its region: verified, rejected or suspended")
            .WithName("decideVerification").ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Ok<List<FrontOfficeItem>>> ListAsync(BirgeDb db, CancellationToken cancellationToken)
    {
        var offices = await db.FrontOffices.AsNoTracking().ToListAsync(cancellationToken);
        return TypedResults.Ok(offices
            .OrderBy(f => f.IsNational ? 0 : 1)
            .ThenBy(f => f.Kato, StringComparer.Ordinal)
            .Select(f => new FrontOfficeItem(f.Kato, f.Name.Resolve()))
            .ToList());
    }

    private static async Task<Results<Ok<StaffResponse>, ProblemHttpResult>> AssignAsync(
        string kato, StaffRequest request, ClaimsPrincipal user, StaffAssignment staff, ApiProblems problems, CancellationToken cancellationToken)
    {
        var assigned = request.AccountId is { } accountId
            ? await staff.AssignAsync(kato, accountId, request.Role, Scopes.AccountId(user)!.Value, cancellationToken)
            : Outcome.Invalid("accountId", FrontOfficeErrors.AccountNotFound);
        return assigned.Succeeded
            ? TypedResults.Ok(new StaffResponse(kato, request.AccountId!.Value, request.Role!))
            : problems.Refusal(assigned);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string kato, Guid accountId, StaffAssignment staff, ApiProblems problems, CancellationToken cancellationToken) =>
        await staff.RemoveAsync(kato, accountId, cancellationToken) is { Succeeded: false } refused
            ? problems.Refusal(refused)
            : TypedResults.NoContent();

    private static async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> DecideAsync(
        Guid organizationId,
        VerificationRequest request,
        ClaimsPrincipal user,
        OrganizationVerification verification,
        ApiProblems problems,
        CancellationToken cancellationToken)
    {
        if (OrganizationVerification.Parse(request.Decision) is not { } decision)
        {
            return problems.Validation("decision", ErrorCodes.DecisionInvalid);
        }

        var result = await verification.DecideAsync(organizationId, decision, request.Reason, Scopes.AccountId(user)!.Value, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(new VerificationResponse(OrganizationVerification.ApiName(result.Value)))
            : problems.Refusal(result);
    }
}

public sealed record FrontOfficeItem(string Kato, string Name);

public sealed record StaffRequest(Guid? AccountId, string? Role);

public sealed record StaffResponse(string Kato, Guid AccountId, string Role);

public sealed record VerificationRequest(string? Decision, string? Reason = null);

public sealed record VerificationResponse(string Status);
