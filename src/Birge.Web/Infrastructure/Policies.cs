using Birge.Web.Domain;
using Microsoft.AspNetCore.Authorization;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Named authorisation policies. Every page and endpoint names one of these or is explicitly anonymous; the
/// fallback policy refuses anything that forgot to say.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person acting on their own account.</summary>
    public const string Account = "account";

    /// <summary>The national admin.</summary>
    public const string NationalAdmin = "national-admin";

    /// <summary>Tools that exist only on a developer's machine (the outbox viewer).</summary>
    public const string Development = "development";

    public static void Add(AuthorizationOptions options, IWebHostEnvironment environment)
    {
        options.AddPolicy(Account, p => p.RequireAuthenticatedUser());
        options.AddPolicy(NationalAdmin, p => p.RequireAuthenticatedUser().RequireRole(AccountRole.Admin));
        options.AddPolicy(Development, p => p.RequireAssertion(_ => environment.IsDevelopment()));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
