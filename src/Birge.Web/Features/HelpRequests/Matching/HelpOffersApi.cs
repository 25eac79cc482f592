using System.Security.Claims;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Birge.Web.Features.HelpRequests.Matching;

/// <summary>An operator offers an open request to chosen volunteers (api.md, "Help requests": offers).</summary>
public static class HelpOffersApi
{
    public static IEndpointRouteBuilder MapHelpOffersApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Help requests").RequireAuthorization(Policies.RegionStaffOrOperator)
            .MapPost("/help-requests/{helpRequestId:guid}/offers", OfferAsync)
            .WithSummary("The region's staff or operators offer an open request to up to 20 volunteers; each is told once")
            .WithName("offerHelpRequest")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<OfferedHelpRequest>, ProblemHttpResult>> OfferAsync(
        Guid helpRequestId, OfferHelpRequest body, ClaimsPrincipal user, HelpRequestOffers offers, ApiProblems problems, CancellationToken cancellationToken)
    {
        var result = await offers.OfferAsync(helpRequestId, body.VolunteerIds, Scopes.AccountId(user)!.Value, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new OfferedHelpRequest(result.Value)) : problems.Refusal(result);
    }
}

/// <param name="VolunteerIds">The accounts to offer the request to: 1 to 20, each active, confirmed, old enough for the category and not at their claim cap.</param>
public sealed record OfferHelpRequest(List<Guid>? VolunteerIds);

/// <param name="Offered">How many were newly offered it (someone offered before is not told again).</param>
public sealed record OfferedHelpRequest(int Offered);
