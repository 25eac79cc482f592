using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Security;

/// <summary>Every page and endpoint says who may use it, and those it refuses get the right answer.</summary>
public abstract class AuthorizationTests(BirgeApp app)
{
    private IReadOnlyList<RouteEndpoint> Endpoints =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    private static bool IsPage(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;

    private static string PathOf(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');

    private static bool IsAnonymous(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    [Fact]
    public async Task Every_endpoint_is_anonymous_on_purpose_or_names_a_policy()
    {
        // Not vacuously true: the pages and the API are both among the endpoints looked at.
        Assert.Contains(Endpoints, e => IsPage(e) && PathOf(e) == "/account/login");
        Assert.Contains(Endpoints, e => PathOf(e) == "/api/v1/me");
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var unsaid = new List<string>();
        foreach (var endpoint in Endpoints)
        {
            if (IsAnonymous(endpoint))
            {
                continue;
            }

            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            if (authorize.Count == 0)
            {
                unsaid.Add(endpoint.DisplayName ?? PathOf(endpoint));
                continue;
            }

            // Pages are covered by the folder convention (AuthorizeFolder("/")); API endpoints must name a policy.
            var named = authorize.Where(a => !string.IsNullOrEmpty(a.Policy)).ToList();
            if (!IsPage(endpoint) && named.Count == 0)
            {
                unsaid.Add(endpoint.DisplayName ?? PathOf(endpoint));
            }

            foreach (var data in named)
            {
                Assert.True(await policies.GetPolicyAsync(data.Policy!) is not null, $"{PathOf(endpoint)} names an unknown policy '{data.Policy}'.");
            }
        }

        Assert.Empty(unsaid);
    }

    [Fact]
    public async Task An_anonymous_request_to_a_protected_page_or_endpoint_is_refused()
    {
        var targets = Endpoints
            .Where(e => !IsAnonymous(e) && e.RoutePattern.Parameters.Count == 0)
            .Where(e => IsPage(e) || (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) ?? false))
            .Select(e => (Path: PathOf(e), Api: PathOf(e).StartsWith("/api/", StringComparison.Ordinal)))
            .Distinct()
            .ToList();
        Assert.Contains(targets, t => t.Path == "/api/v1/me");
        Assert.Contains(targets, t => t.Path == "/account");

        using var client = app.Browser();
        foreach (var (path, isApi) in targets)
        {
            using var response = await client.GetAsync(path);
            if (isApi)
            {
                await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
                Assert.StartsWith("/account/login", new Uri(new Uri("http://localhost"), response.Location()).AbsolutePath, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_signed_in_volunteer_is_refused_a_development_only_page()
    {
        // There is no national-admin endpoint yet; the outbox viewer is the one page an ordinary person may not open.
        var volunteer = await app.NewPerson().SignedIn();

        using var response = await volunteer.Pages.GetAsync("/dev/outbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/error/403", new Uri(new Uri("http://localhost"), response.Location()).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void The_national_admin_policy_requires_the_admin_role()
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthorizationOptions>>().Value;
        var policy = options.GetPolicy(Policies.NationalAdmin);
        Assert.NotNull(policy);
        Assert.Contains(policy.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.RolesAuthorizationRequirement roles
            && roles.AllowedRoles.Contains(Birge.Web.Domain.AccountRole.Admin));
    }
}

[Collection(Sqlite.Name)]
public sealed class AuthorizationTestsOnSqlite(SqliteApp app) : AuthorizationTests(app);

[Collection(Postgres.Name)]
public sealed class AuthorizationTestsOnPostgres(PostgresApp app) : AuthorizationTests(app);
