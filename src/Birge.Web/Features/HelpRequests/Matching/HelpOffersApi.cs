using System.Globalization;
using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Features.HelpRequests.Matching;

/// <summary>An operator sees the volunteers suggested for an open request and offers it to chosen ones (api.md, "Help requests": offers).</summary>
public static class HelpOffersApi
{
    /// <summary>As many as the suggestions page shows.</summary>
    public const int SuggestionsShown = 30;

    public static IEndpointRouteBuilder MapHelpOffersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Help requests").RequireAuthorization(Policies.RegionStaffOrOperator);
        api.MapGet("/help-requests/{helpRequestId:guid}/suggestions", SuggestAsync)
            .WithSummary("The region's staff or operators: volunteers suggested for an open request, best first, each with the reasons in the request's language")
            .WithName("suggestVolunteers")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        api.MapPost("/help-requests/{helpRequestId:guid}/offers", OfferAsync)
            .WithSummary("The region's staff or operators offer an open request to up to 20 volunteers; each is told once")
            .WithName("offerHelpRequest")
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<SuggestedVolunteers>, ProblemHttpResult>> SuggestAsync(
        Guid helpRequestId, BirgeDb db, HelpRequestMatching matching, ApiProblems problems, CancellationToken cancellationToken)
    {
        var request = await db.HelpRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == helpRequestId, cancellationToken);
        if (request is null)
        {
            return problems.Refusal(Domain.ErrorCodes.NotFound);
        }

        // Only a request in the queue is offered; for any other the list is empty, as on the page.
        var suggestions = request.IsQueued ? await matching.SuggestAsync(request, SuggestionsShown, cancellationToken) : [];
        var culture = CultureInfo.CurrentUICulture;
        return TypedResults.Ok(new SuggestedVolunteers([.. suggestions.Select(s => new SuggestedVolunteer(
            s.VolunteerId, s.Name, s.City, s.Score, s.RecentTasks, s.ActiveClaims, s.Offered, [.. s.Reasons.Select(r => r.Label(culture))]))]));
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

public sealed record SuggestedVolunteers(List<SuggestedVolunteer> Items);

/// <param name="Score">Higher is a better fit; the list is sorted by it.</param>
/// <param name="RecentTasks">Requests the volunteer took in the last 30 days (fewer come first).</param>
/// <param name="ActiveClaims">Requests they hold now.</param>
/// <param name="Offered">The request was offered to them already.</param>
/// <param name="Reasons">Why they are suggested ("same city", "speaks Russian"…), in the request's language.</param>
public sealed record SuggestedVolunteer(
    Guid VolunteerId, string Name, string? City, int Score, int RecentTasks, int ActiveClaims, bool Offered, List<string> Reasons);
