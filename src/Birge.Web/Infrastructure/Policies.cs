using Birge.Web.Domain;
using Microsoft.AspNetCore.Authorization;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Named authorisation policies. Every page and endpoint names one of these or is explicitly anonymous: pages
/// require a signed-in person by folder convention, every API group requires <see cref="Account"/> by default,
/// and <c>AuthorizationTests</c> fails for any endpoint that says nothing. (No fallback policy: it would also
/// apply to unknown addresses and answer 401 where 404 is true.)
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
    }
}
