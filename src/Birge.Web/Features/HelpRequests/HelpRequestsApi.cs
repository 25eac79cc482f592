using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests;

/// <summary>Help requests (api.md, "Help requests"): asking, confirming the phone, and following a request by its code.</summary>
public static class HelpRequestsApi
{
    public static IEndpointRouteBuilder MapHelpRequestsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Help requests").RequireAuthorization(Policies.Account);

        api.MapPost("/help-requests", AskAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .WithSummary("Ask for help: a citizen's request waits for the SMS code sent to the phone; an operator's is queued at once")
            .WithName("createHelpRequest").ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/help-requests/{helpRequestId:guid}/phone-confirmation", ConfirmPhoneAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .WithSummary("The 6-digit code from the SMS: a right one puts the request in the queue")
            .WithName("confirmHelpRequestPhone")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        api.MapGet("/help-requests/track/{trackingCode}", TrackAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Verify)
            .WithSummary("What is happening with a request, by its tracking code: nothing personal")
            .WithName("trackHelpRequest").ProducesProblems(StatusCodes.Status404NotFound);
        api.MapPost("/help-requests/{helpRequestId:guid}/claim", ClaimAsync)
            .WithSummary("A volunteer takes the request for a limited time; someone else's claim is a conflict")
            .WithName("claimHelpRequest").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapPost("/help-requests/{helpRequestId:guid}/release", ReleaseAsync)
            .WithSummary("The claimant gives the request back to the queue")
            .WithName("releaseHelpRequest").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        api.MapPost("/help-requests/{helpRequestId:guid}/complete", CompleteAsync)
            .WithSummary("The claimant says it is done; it closes when the person helped confirms on the call-back")
            .WithName("completeHelpRequest")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static string ApiName(this HelpRequestStatus status) => status switch
    {
        HelpRequestStatus.Unconfirmed => "unconfirmed",
        HelpRequestStatus.New => "new",
        HelpRequestStatus.Open => "open",
        HelpRequestStatus.Claimed => "claimed",
        HelpRequestStatus.DoneUnconfirmed => "done_unconfirmed",
        HelpRequestStatus.Closed => "closed",
        HelpRequestStatus.ClosedUnresponsive => "closed_unresponsive",
        HelpRequestStatus.Cancelled => "cancelled",
        _ => "duplicate",
    };

    public static string ApiName(this HelpUrgency urgency) => urgency.ToString().ToLowerInvariant();

    private static async Task<Results<Created<CreatedHelpRequest>, Ok<CreatedHelpRequest>, ProblemHttpResult>> AskAsync(
        CreateHelpRequest request,
        ClaimsPrincipal user,
        Scopes scopes,
        BirgeDb db,
        HelpRequestIntake intake,
        ApiProblems problems,
        CancellationToken cancellationToken)
    {
        var input = new HelpRequestInput
        {
            Category = request.Category,
            Description = request.Description,
            RegionKato = request.RegionKato,
            Locality = request.Locality,
            Address = request.Address,
            Latitude = request.Latitude,
            Longitude = request.Longitude,
            Name = request.Name,
            Phone = request.Phone,
            Language = request.Language,
            Vulnerabilities = request.Vulnerabilities ?? [],
            Urgency = request.Urgency,
            ConsentVersion = request.ConsentVersion,
        };

        // Staff or an operator of the request's region takes a call: it is queued without an SMS code. Front-office
        // people of another region may not log requests for this one.
        Guid? operatorId = null;
        if (Scopes.AccountId(user) is { } id && await scopes.WorksForAnyOfficeAsync(user, cancellationToken))
        {
            if (request.RegionKato is { } region
                && await db.Regions.AnyAsync(r => r.Kato == region, cancellationToken)
                && !await scopes.WorksForRegionAsync(user, region, cancellationToken))
            {
                return problems.Refusal(ErrorCodes.Forbidden);
            }

            operatorId = id;
        }

        var result = await intake.AskAsync(input, operatorId, cancellationToken);
        if (result.Value is not { } asked)
        {
            return problems.Refusal(result);
        }

        var body = new CreatedHelpRequest(asked.Request.Id, asked.Request.Status.ApiName(), asked.Request.TrackingCode);
        return asked.Repeated ? TypedResults.Ok(body) : TypedResults.Created($"/api/v1/help-requests/track/{asked.Request.TrackingCode}", body);
    }

    private static async Task<Results<Ok<TrackedHelpRequest>, ProblemHttpResult>> ConfirmPhoneAsync(
        Guid helpRequestId, PhoneConfirmation confirmation, HelpRequestIntake intake, ApiProblems problems, CancellationToken cancellationToken)
    {
        var result = await intake.ConfirmPhoneAsync(helpRequestId, confirmation.Code, cancellationToken);
        return result.Value is { } request ? TypedResults.Ok(Tracked(request)) : problems.Refusal(result);
    }

    private static async Task<Results<Ok<TrackedHelpRequest>, ProblemHttpResult>> TrackAsync(
        string trackingCode, BirgeDb db, ApiProblems problems, CancellationToken cancellationToken)
    {
        if (TrackingCode.Parse(trackingCode, out var code) != CodeCheck.Valid)
        {
            return problems.Refusal(ErrorCodes.NotFound);
        }

        var request = await db.HelpRequests.AsNoTracking().FirstOrDefaultAsync(r => r.TrackingCode == code, cancellationToken);
        return request is null ? problems.Refusal(ErrorCodes.NotFound) : TypedResults.Ok(Tracked(request));
    }

    private static async Task<Results<Ok<ClaimedHelpRequest>, ProblemHttpResult>> ClaimAsync(
        Guid helpRequestId, ClaimsPrincipal user, HelpRequestClaims claims, ApiProblems problems, CancellationToken cancellationToken)
    {
        var result = await claims.ClaimAsync(helpRequestId, Scopes.AccountId(user)!.Value, cancellationToken);
        return result.Value is { } request ? TypedResults.Ok(new ClaimedHelpRequest(request.Status.ApiName(), request.ClaimExpiresAt!.Value)) : problems.Refusal(result);
    }

    private static async Task<Results<Ok<HelpRequestState>, ProblemHttpResult>> ReleaseAsync(
        Guid helpRequestId, ClaimsPrincipal user, HelpRequestClaims claims, ApiProblems problems, CancellationToken cancellationToken)
    {
        var result = await claims.ReleaseAsync(helpRequestId, Scopes.AccountId(user)!.Value, cancellationToken);
        return result.Value is { } request ? TypedResults.Ok(new HelpRequestState(request.Status.ApiName())) : problems.Refusal(result);
    }

    private static async Task<Results<Ok<HelpRequestState>, ProblemHttpResult>> CompleteAsync(
        Guid helpRequestId, CompleteHelpRequest body, ClaimsPrincipal user, HelpRequestClaims claims, ApiProblems problems, CancellationToken cancellationToken)
    {
        var result = await claims.CompleteAsync(helpRequestId, Scopes.AccountId(user)!.Value, body.Note, body.Minutes, cancellationToken);
        return result.Value is { } request ? TypedResults.Ok(new HelpRequestState(request.Status.ApiName())) : problems.Refusal(result);
    }

    private static TrackedHelpRequest Tracked(HelpRequest request) =>
        new(request.TrackingCode, request.Status.ApiName(), request.Category, request.CreatedAt, request.UpdatedAt);
}

/// <param name="Language">kk or ru: the language the person wants to be spoken to in.</param>
/// <param name="Vulnerabilities">Who it is for: elderly, disability, large_family, alone.</param>
/// <param name="ConsentVersion">The personal-data consent the person agreed to (<c>GET /api/v1/consent</c>).</param>
public sealed record CreateHelpRequest(
    string? Category,
    string? Description,
    string? RegionKato,
    string? Address,
    string? Phone,
    string? ConsentVersion,
    string? Locality = null,
    double? Latitude = null,
    double? Longitude = null,
    string? Name = null,
    string? Urgency = null,
    string? Language = null,
    List<string>? Vulnerabilities = null);

/// <param name="Status"><c>unconfirmed</c> until the SMS code is given (online), <c>new</c> once queued.</param>
public sealed record CreatedHelpRequest(Guid Id, string Status, string TrackingCode);

public sealed record PhoneConfirmation(string? Code);

public sealed record TrackedHelpRequest(string TrackingCode, string Status, string Category, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ClaimedHelpRequest(string Status, DateTime ClaimExpiresAt);

public sealed record HelpRequestState(string Status);

/// <param name="Minutes">The time the help took, in minutes (1 to 1440): it becomes confirmed hours once the person confirms.</param>
public sealed record CompleteHelpRequest(string? Note, int? Minutes);
