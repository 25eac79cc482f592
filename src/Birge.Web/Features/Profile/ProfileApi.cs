using System.Security.Claims;
using Birge.Web.Data;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Birge.Web.Features.Profile;

/// <summary>The signed-in volunteer's own profile: <c>GET</c> and <c>PUT /api/v1/me/profile</c>.</summary>
public static class ProfileApi
{
    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/me/profile").WithTags("Profile").RequireAuthorization(Policies.Account);
        api.MapGet("", GetAsync).RequireAuthorization(Policies.Account)
            .WithSummary("The volunteer's profile (defaults when none is saved yet)")
            .WithName("getProfile");
        api.MapPut("", PutAsync).RequireAuthorization(Policies.Account)
            .WithSummary("Replaces the volunteer's profile; fields left out take their defaults")
            .WithName("replaceProfile").ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal user, UserManager<Account> users, BirgeDb db, TimeProvider clock, ApiProblems problems, CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(user);
        if (account is null || !account.IsActive)
        {
            return problems.Refusal(ErrorCodes.Unauthorized);
        }

        var profile = await Profiles.FindAsync(db, account.Id, cancellationToken);
        return TypedResults.Ok(ProfileResponse.From(profile, account.IsSilver(Today(clock))));
    }

    private static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> PutAsync(
        ProfileRequest request,
        ClaimsPrincipal user,
        UserManager<Account> users,
        BirgeDb db,
        TimeProvider clock,
        ApiProblems problems,
        CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(user);
        if (account is null || !account.IsActive)
        {
            return problems.Refusal(ErrorCodes.Unauthorized);
        }

        var saved = await Profiles.SaveAsync(db, account.Id, request.ToUpdate(), clock.GetUtcNow().UtcDateTime, cancellationToken);
        return saved.Value is { } profile
            ? TypedResults.Ok(ProfileResponse.From(profile, account.IsSilver(Today(clock))))
            : problems.Refusal(saved);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}

/// <summary>The body of <c>PUT /api/v1/me/profile</c>; a field left out takes a new profile's default.</summary>
public sealed record ProfileRequest(
    string? City = null,
    List<string>? Languages = null,
    List<string>? Skills = null,
    string? OtherSkills = null,
    List<string>? Directions = null,
    List<string>? Availability = null,
    string? AccessibilityNeeds = null,
    string? About = null,
    bool? ShowContactsToOrganisers = null,
    bool? ShowAgeToOrganisers = null,
    bool? ShowProfileToOrganisers = null)
{
    public ProfileUpdate ToUpdate()
    {
        var defaults = new VolunteerProfile();
        return new ProfileUpdate
        {
            City = City,
            Languages = Languages ?? [],
            Skills = Skills ?? [],
            OtherSkills = OtherSkills,
            Directions = Directions ?? [],
            Availability = Availability ?? [],
            AccessibilityNeeds = AccessibilityNeeds,
            About = About,
            ShowContactsToOrganisers = ShowContactsToOrganisers ?? defaults.ShowContactsToOrganisers,
            ShowAgeToOrganisers = ShowAgeToOrganisers ?? defaults.ShowAgeToOrganisers,
            ShowProfileToOrganisers = ShowProfileToOrganisers ?? defaults.ShowProfileToOrganisers,
        };
    }
}

public sealed record ProfileResponse(
    string? City,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Skills,
    string? OtherSkills,
    IReadOnlyList<string> Directions,
    IReadOnlyList<string> Availability,
    string? AccessibilityNeeds,
    string? About,
    bool ShowContactsToOrganisers,
    bool ShowAgeToOrganisers,
    bool ShowProfileToOrganisers,
    bool IsSilver,
    DateTime? UpdatedAt)
{
    public static ProfileResponse From(VolunteerProfile? profile, bool isSilver)
    {
        var p = profile ?? new VolunteerProfile();
        return new ProfileResponse(
            p.City,
            p.Languages,
            p.Skills,
            p.OtherSkills,
            p.Directions,
            p.Availability,
            p.AccessibilityNeeds,
            p.About,
            p.ShowContactsToOrganisers,
            p.ShowAgeToOrganisers,
            p.ShowProfileToOrganisers,
            isSilver,
            profile is null ? null : p.UpdatedAt);
    }
}
