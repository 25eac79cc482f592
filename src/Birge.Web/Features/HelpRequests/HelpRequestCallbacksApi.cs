using System.Security.Claims;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Birge.Web.Features.HelpRequests;

/// <summary>The operator's call-back to the person helped (api.md, "Help requests"): its outcome, or straight "confirmed".</summary>
public static class HelpRequestCallbacksApi
{
    public static IEndpointRouteBuilder MapHelpRequestCallbacksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/help-requests").WithTags("Help requests").RequireAuthorization(Policies.RegionStaffOrOperator);

        api.MapPost("/{helpRequestId:guid}/callback", CallBackAsync)
            .WithSummary("The operator's call-back to the person helped: confirmed closes it (the helper's time becomes confirmed hours), not_done reopens it, no_answer tries again later (the third closes it as unresponsive)")
            .WithName("callBackHelpRequest")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/{helpRequestId:guid}/confirm", ConfirmAsync)
            .WithSummary("The person helped confirmed it on the call-back: the same as callback with confirmed")
            .WithName("confirmHelpRequest")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<HelpRequestState>, ProblemHttpResult>> CallBackAsync(
        Guid helpRequestId, CallbackRequest body, ClaimsPrincipal user, HelpRequestCallbacks callbacks, ApiProblems problems, CancellationToken cancellationToken)
    {
        var result = await callbacks.CallBackAsync(helpRequestId, body.Outcome, body.Note, body.Minutes, Scopes.AccountId(user)!.Value, cancellationToken);
        return result.Value is { } request ? TypedResults.Ok(new HelpRequestState(request.Status.ApiName())) : problems.Refusal(result);
    }

    private static async Task<Results<Ok<HelpRequestState>, ProblemHttpResult>> ConfirmAsync(
        Guid helpRequestId, ClaimsPrincipal user, HelpRequestCallbacks callbacks, ApiProblems problems, CancellationToken cancellationToken)
    {
        var result = await callbacks.CallBackAsync(helpRequestId, "confirmed", null, null, Scopes.AccountId(user)!.Value, cancellationToken);
        return result.Value is { } request ? TypedResults.Ok(new HelpRequestState(request.Status.ApiName())) : problems.Refusal(result);
    }
}

/// <param name="Outcome"><c>confirmed</c>, <c>not_done</c> or <c>no_answer</c>.</param>
/// <param name="Note">What the person said (on the timeline; for not_done, also sent to the volunteer).</param>
/// <param name="Minutes">The time the help took as the person tells it (1 to 1440); else the volunteer's, else 60.</param>
public sealed record CallbackRequest(string? Outcome, string? Note = null, int? Minutes = null);
