using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Birge.Web.Features.HelpRequests;

/// <summary>What the person who asked for help does without an account, beyond asking and confirming: a new SMS code.</summary>
public static class HelpRequestCitizenApi
{
    public static IEndpointRouteBuilder MapHelpRequestCitizenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/help-requests/{helpRequestId:guid}/phone-code", ResendCodeAsync)
            .WithTags("Help requests").AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .WithSummary("Send the SMS code again: not within 60 s of the last one, at most 5 times, only while the phone is unconfirmed")
            .WithName("resendHelpRequestPhoneCode")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ResendCodeAsync(
        Guid helpRequestId, HelpRequestIntake intake, ApiProblems problems, CancellationToken cancellationToken)
    {
        var result = await intake.ResendCodeAsync(helpRequestId, cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : problems.Refusal(result);
    }
}
