using Birge.Tests.Infrastructure;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Birge.Tests.Security;

/// <summary>
/// The organisation and region policies read the route through the scopes each feature registers
/// (<see cref="RouteScopes"/>). A route under one of them whose parameter nobody registered would refuse everyone
/// (organisation) or let every office in (region), so it fails here, naming the registration to add.
/// </summary>
public abstract class RouteScopeTests(BirgeApp app)
{
    [Fact]
    public async Task Every_route_under_an_organisation_or_region_policy_names_its_scope_through_a_registered_parameter()
    {
        var scopes = app.Services.GetRequiredService<IOptions<RouteScopes>>().Value;
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var problems = new List<string>();
        var checkedRoutes = 0;
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var policy = await AuthorizationPolicy.CombineAsync(
                policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            var requirements = policy?.Requirements ?? [];
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();

            if (requirements.OfType<OrganizationRoleRequirement>().Any())
            {
                checkedRoutes++;
                if (!parameters.Any(scopes.OrganizationParameters.Contains))
                {
                    problems.Add(
                        $"{route} is under an organisation policy, but none of its parameters ({Names(parameters)}) is registered as naming an organisation: " +
                        "add services.AddOrganizationScope(\"<parameter>\", (db, id, ct) => …the organisation's id…) to the feature's AddX().");
                }
            }

            if (requirements.OfType<RegionStaffRequirement>().Any())
            {
                checkedRoutes++;
                var unregistered = parameters
                    .Where(p => !scopes.RegionParameters.Contains(p) && !scopes.CheckedByEndpoint.ContainsKey(p))
                    .ToList();
                if (unregistered.Count > 0)
                {
                    problems.Add(
                        $"{route} is under a region policy, but {Names(unregistered)} is registered as naming no region, so every office would be let in: " +
                        "add services.AddRegionScope(\"<parameter>\", (db, value, ct) => …the region's KATO code…) to the feature's AddX(), " +
                        "or services.AddRegionCheckedByEndpoint(\"<parameter>\", \"why\") when the endpoint checks the region itself.");
                }
            }
        }

        Assert.True(checkedRoutes > 0, "No route is under an organisation or region policy: the test looks at nothing.");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void A_parameter_registered_twice_is_refused_with_its_name()
    {
        var scopes = new RouteScopes();
        scopes.AddOrganization("helpRequestId", (_, _, _) => Task.FromResult<Guid?>(null));

        var twice = Assert.Throws<InvalidOperationException>(() => scopes.AddOrganization("helpRequestId", (_, _, _) => Task.FromResult<Guid?>(null)));

        Assert.Contains("{helpRequestId}", twice.Message, StringComparison.Ordinal);
    }

    private static string Names(IEnumerable<string> parameters) =>
        string.Join(", ", parameters.Select(p => "{" + p + "}")) is { Length: > 0 } names ? names : "none";
}

[Collection(Sqlite.Name)]
public sealed class RouteScopeTestsOnSqlite(SqliteApp app) : RouteScopeTests(app);

[Collection(Postgres.Name)]
public sealed class RouteScopeTestsOnPostgres(PostgresApp app) : RouteScopeTests(app);
