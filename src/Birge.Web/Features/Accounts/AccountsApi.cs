using System.Globalization;
using System.Security.Claims;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Birge.Web.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Birge.Web.Features.Accounts;

public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Accounts").RequireAuthorization(Policies.Account);

        api.MapPost("/auth/token", TokenAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .Produces<AccessTokenResponse>().WithSummary("A bearer token for an e-mail or phone and password")
            .WithName("createToken").ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        api.MapPost("/auth/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .Produces<AccessTokenResponse>().WithSummary("A new bearer token for a refresh token")
            .WithName("refreshToken").ProducesProblems(StatusCodes.Status401Unauthorized);
        api.MapPost("/accounts", CreateAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .WithSummary("Sign up: an adult is active at once, a child under 14 waits for a parent's consent")
            .WithName("createAccount").ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/accounts/password-reset", RequestResetAsync).AllowAnonymous().RequireRateLimiting(RateLimits.Auth)
            .WithSummary("Sends a one-time reset link to the login's e-mail or phone; answers the same whether or not it exists")
            .WithName("requestPasswordReset");
        api.MapGet("/consent", GetConsent).AllowAnonymous()
            .WithSummary("The current personal-data consent, in the request's language").WithName("getConsent");
        api.MapGet("/me", GetMeAsync).RequireAuthorization(Policies.Account)
            .WithSummary("The caller's account").WithName("getMe");
        api.MapGet("/me/data", ExportAsync).RequireAuthorization(Policies.Account)
            .WithSummary("Everything Birge keeps about the caller, as JSON").WithName("exportMyData");
        api.MapDelete("/me", DeleteAsync).RequireAuthorization(Policies.Account)
            .WithSummary("Deletes the caller's account: personal fields erased, consent withdrawn").WithName("deleteMe");
        return app;
    }

    public static string ApiName(this AccountStatus status) => status switch
    {
        AccountStatus.Active => "active",
        AccountStatus.AwaitingParentConsent => "awaiting_parent_consent",
        _ => "deleted",
    };

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> TokenAsync(
        TokenRequest request, LoginCheck login, SignInManager<Account> signIn, ApiProblems problems, CancellationToken cancellationToken)
    {
        var checkedLogin = await login.CheckAsync(request.Login, request.Password, cancellationToken);
        if (checkedLogin.Value is not { } account)
        {
            return problems.Refusal(checkedLogin);
        }

        // The bearer handler writes {tokenType, accessToken, expiresIn, refreshToken}.
        var principal = await signIn.CreateUserPrincipalAsync(account);
        await signIn.Context.SignInAsync(IdentityConstants.BearerScheme, principal);
        return TypedResults.Empty;
    }

    /// <summary>A new access token for a refresh token, as long as the password has not changed since.</summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request,
        IOptionsMonitor<BearerTokenOptions> options,
        SignInManager<Account> signIn,
        TimeProvider clock,
        ApiProblems problems)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken)
            ? null
            : options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsActive: true } account)
        {
            return problems.Refusal(ErrorCodes.Unauthorized);
        }

        await signIn.Context.SignInAsync(IdentityConstants.BearerScheme, await signIn.CreateUserPrincipalAsync(account));
        return TypedResults.Empty;
    }

    private static async Task<Results<Created<CreatedAccount>, ProblemHttpResult>> CreateAsync(
        CreateAccountRequest request,
        SignUp signUp,
        ApiProblems problems,
        IStringLocalizer<SharedResource> localizer,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        DateOnly? birthDate = null;
        if (!string.IsNullOrWhiteSpace(request.BirthDate))
        {
            if (!DateOnly.TryParseExact(request.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return problems.Validation("birthDate", AccountErrors.BirthDateInvalid);
            }

            birthDate = parsed;
        }

        var input = new SignUpInput
        {
            Email = request.Email,
            Phone = request.Phone,
            Password = request.Password,
            FullName = request.FullName,
            BirthDate = birthDate,
            RegionKato = request.RegionKato,
            Iin = request.Iin,
            ConsentVersion = request.ConsentVersion,
            ParentName = request.ParentConsent?.Name,
            ParentEmail = request.ParentConsent?.Email,
            ParentPhone = request.ParentConsent?.Phone,
        };
        var result = await signUp.ExecuteAsync(
            input, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, SignUpLimits.Network(http.Connection.RemoteIpAddress), cancellationToken);
        if (result.Value is not { } signedUp)
        {
            if (result.Error == AccountErrors.SignUpLimited)
            {
                http.Response.Headers.RetryAfter = "3600";
            }

            return problems.Refusal(result);
        }

        return TypedResults.Created($"/api/v1/me", new CreatedAccount(
            signedUp.Account.Id,
            signedUp.Account.Status.ApiName(),
            signedUp.IinUnderReview,
            signedUp.IinUnderReview ? localizer["SignUp_IinReview"].Value : null));
    }

    private static async Task<Accepted> RequestResetAsync(ResetRequest request, PasswordReset reset, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.Login))
        {
            await reset.RequestAsync(request.Login, cancellationToken);
        }

        return TypedResults.Accepted((string?)null);
    }

    private static ConsentResponse GetConsent(IStringLocalizer<SharedResource> localizer) =>
        new(PersonalDataConsent.CurrentVersion, localizer[PersonalDataConsent.TextKey(PersonalDataConsent.CurrentVersion)]);

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMeAsync(
        ClaimsPrincipal user, UserManager<Account> users, TimeProvider clock, ApiProblems problems)
    {
        var account = await users.GetUserAsync(user);
        if (account is null || !account.IsActive)
        {
            return problems.Refusal(ErrorCodes.Unauthorized);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(new MeResponse(
            account.Id,
            account.FullName,
            account.RegionKato,
            account.Roles.Select(r => r.Role).ToList(),
            account.Age(today),
            account.IsSilver(today),
            account.Email,
            account.EmailConfirmed,
            account.Phone,
            account.PhoneConfirmed,
            account.Status.ApiName(),
            account.Language));
    }

    private static async Task<Results<Ok<PersonalDataExport>, ProblemHttpResult>> ExportAsync(
        ClaimsPrincipal user, UserManager<Account> users, PersonalData data, ApiProblems problems, CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(user);
        return account is null || account.Status == AccountStatus.Deleted
            ? problems.Refusal(ErrorCodes.Unauthorized)
            : TypedResults.Ok(await data.ExportAsync(account, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        ClaimsPrincipal user, UserManager<Account> users, PersonalData data, ApiProblems problems, CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(user);
        if (account is null || account.Status == AccountStatus.Deleted)
        {
            return problems.Refusal(ErrorCodes.Unauthorized);
        }

        await data.EraseAsync(account, cancellationToken);
        return TypedResults.NoContent();
    }
}

public sealed record TokenRequest(string? Login, string? Password);

public sealed record ResetRequest(string? Login);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record CreateAccountRequest(
    string? Password,
    string? FullName,
    string? BirthDate,
    string? RegionKato,
    string? ConsentVersion,
    string? Email = null,
    string? Phone = null,
    string? Iin = null,
    ParentConsentRequest? ParentConsent = null);

public sealed record ParentConsentRequest(string? Name, string? Email = null, string? Phone = null);

/// <param name="IinUnderReview">The IIN given was not added: the region's front office checks it first.</param>
/// <param name="Notice">What to tell the person about it, in the request's language.</param>
public sealed record CreatedAccount(Guid Id, string Status, bool IinUnderReview, string? Notice);

public sealed record ConsentResponse(string Version, string Text);

public sealed record MeResponse(
    Guid Id,
    string? FullName,
    string RegionKato,
    IReadOnlyList<string> Roles,
    int? Age,
    bool IsSilver,
    string? Email,
    bool EmailConfirmed,
    string? Phone,
    bool PhoneConfirmed,
    string Status,
    string Language);
