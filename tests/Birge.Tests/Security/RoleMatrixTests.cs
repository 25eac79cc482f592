using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Birge.Tests.Features.FrontOffices;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Security;

/// <summary>
/// Who may use which page and endpoint, as one table merged from every feature's rows (<see cref="FeatureRoles"/>,
/// <c>tests/Birge.Tests/Features/&lt;Feature&gt;/&lt;Feature&gt;Roles.cs</c>): every route and method the app maps has
/// one row naming the people allowed, and every one of ten people really sends that request. A new page or endpoint
/// fails <see cref="Every_route_has_a_row_in_the_role_matrix_and_every_row_a_route"/> until its feature gives it a row.
/// </summary>
public abstract class RoleMatrixTests(BirgeApp app)
{
    private static readonly Actor[] Everyone = Who.Everyone;
    private static readonly Actor[] SignedIn = Who.SignedIn;

    private static IReadOnlyDictionary<string, Actor[]> Matrix => RoleMatrix.ByRoute;

    /// <summary>
    /// Routes that end the session or erase the account. Sent as the shared actors they would sign them out or delete
    /// them and spoil every later row (page posts fail antiforgery today, but the test must not depend on that), so
    /// they go only as Anonymous and as a throwaway volunteer made for the request; every other signed-in actor is
    /// let in by the same <see cref="Policies.Account"/> policy as that volunteer.
    /// </summary>
    private static readonly HashSet<string> Destructive = new(StringComparer.Ordinal)
    {
        "DELETE /api/v1/me",
        "POST /account/delete",
        "POST /account/logout",
    };

    private static readonly ConditionalWeakTable<BirgeApp, Task<Cast>> Casts = [];

    [Fact]
    public void Every_route_has_a_row_in_the_role_matrix_and_every_row_a_route()
    {
        var routes = Routes();
        var discovered = routes.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);

        var missing = routes.Where(r => !Matrix.ContainsKey(r.Key))
            .Select(r => $"{r.Key}  →  {RoleMatrix.FileFor(FeatureOf(r.Endpoint))}")
            .Order(StringComparer.Ordinal).ToList();
        var gone = RoleMatrix.Rows.Where(r => !discovered.Contains(r.Route)).Select(r => $"{r.Route}  (in {r.Feature})").Order(StringComparer.Ordinal).ToList();

        Assert.True(
            missing.Count == 0 && gone.Count == 0,
            (missing.Count == 0 ? "" : $"Add a role-matrix row for each, with who may use it, in its feature's roles file:\n  {string.Join("\n  ", missing)}\n")
            + (gone.Count == 0 ? "" : $"The role matrix names routes that no longer exist; remove them:\n  {string.Join("\n  ", gone)}"));
    }

    [Fact]
    public void Every_route_has_one_row_only()
    {
        var twice = RoleMatrix.Duplicates().ToList();
        Assert.True(twice.Count == 0, "A route has one row, in the feature that maps it; these have more:\n  " + string.Join("\n  ", twice));
        Assert.True(RoleMatrix.Rows.Count > 100, $"only {RoleMatrix.Rows.Count} rows were found: is a feature's roles class missing?");
    }

    [Fact]
    public async Task Every_actor_is_let_in_or_refused_as_the_role_matrix_says()
    {
        var cast = await Casts.GetValue(app, _ => CastAsync());
        var mismatches = new List<string>();
        var audited = new List<(string Row, Actor Actor, Guid Id, string Action)>();

        foreach (var route in Routes().Where(r => Matrix.ContainsKey(r.Key) && !Destructive.Contains(r.Key)))
        {
            foreach (var actor in Everyone)
            {
                var person = cast.People[actor];
                var refusal = await CheckAsync(route, actor, person, cast, mismatches);
                if (refusal && person.Id is { } id && await IsAuditedAsync(route.Endpoint))
                {
                    audited.Add((route.Key, actor, id, $"{route.Method} {route.Endpoint.RoutePattern.RawText}"));
                }
            }
        }

        // Every refusal of a signed-in person by an organisation, region or admin policy is in the audit log.
        var ids = audited.Select(a => a.Id).Distinct().ToList();
        var denied = await app.Db(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Outcome == AuditEntry.Denied && e.ActorId != null && ids.Contains(e.ActorId.Value))
            .Select(e => new { e.ActorId, e.Action })
            .ToListAsync());
        var stored = denied.Select(e => (e.ActorId!.Value, e.Action)).ToHashSet();
        mismatches.AddRange(audited
            .Where(a => !stored.Contains((a.Id, a.Action)))
            .Select(a => $"{a.Row} · {a.Actor}: refused, but no '{AuditEntry.Denied}' audit entry with action '{a.Action}'"));

        Assert.True(mismatches.Count == 0, Report(mismatches));
    }

    [Fact]
    public async Task Destructive_self_service_routes_refuse_the_anonymous_and_let_a_throwaway_volunteer_in()
    {
        var cast = await Casts.GetValue(app, _ => CastAsync());
        var mismatches = new List<string>();
        var routes = Routes().Where(r => Destructive.Contains(r.Key)).ToList();
        Assert.Equal(Destructive.Order(StringComparer.Ordinal), routes.Select(r => r.Key).Order(StringComparer.Ordinal));

        foreach (var route in routes)
        {
            await CheckAsync(route, Actor.Anonymous, cast.People[Actor.Anonymous], cast, mismatches);
            var throwaway = Signed(await app.NewPerson().SignedIn().WithToken());
            await CheckAsync(route, Actor.Volunteer, throwaway, cast, mismatches);
        }

        Assert.True(mismatches.Count == 0, Report(mismatches));
    }

    private static string Report(List<string> mismatches) =>
        $"{mismatches.Count} role-matrix mismatches (row · actor: expected, got):\n  " + string.Join("\n  ", mismatches);

    /// <summary>Every "METHOD pattern" the app maps: API methods from their metadata, GET and POST for pages.</summary>
    private List<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared
                ? declared
                : [HttpMethods.Get, HttpMethods.Post];
            var path = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            routes.AddRange(methods.Select(m => new Route($"{m} {path}", m, endpoint)));
        }

        return [.. routes.DistinctBy(r => r.Key)];
    }

    /// <summary>Sends the request as the actor and records a mismatch; true when the actor was (rightly) refused.</summary>
    private static async Task<bool> CheckAsync(Route route, Actor actor, Person person, Cast cast, List<string> mismatches)
    {
        var path = Path(route.Endpoint.RoutePattern, cast);
        var isApi = path.StartsWith("/api/", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (isApi && (route.Method == HttpMethods.Post || route.Method == HttpMethods.Put))
        {
            request.Content = JsonContent.Create(new { });
        }
        else if (!isApi && route.Method == HttpMethods.Post)
        {
            // No antiforgery token: authorisation runs first, so a person let in gets 400 and nothing changes.
            request.Content = new FormUrlEncodedContent([]);
        }

        var client = isApi ? person.Api : person.Pages;
        using var response = await client.SendAsync(request);
        var got = await DescribeAsync(response, isApi);
        var allowed = Matrix[route.Key].Contains(actor);
        var signedIn = actor != Actor.Anonymous;
        string expected;
        bool ok;
        if (allowed)
        {
            // Let in means answered: a server error is no more "allowed" than a refusal.
            expected = "allowed";
            ok = !IsRefusal(got) && !IsServerError(response);
        }
        else if (isApi)
        {
            expected = signedIn ? "403 forbidden" : "401 unauthorized (Bearer challenge)";
            ok = got == expected;
        }
        else
        {
            expected = signedIn ? "302 → /error/403" : "302 → /account/login";
            ok = got == expected;
        }

        if (!ok)
        {
            mismatches.Add($"{route.Key} · {actor}: expected {expected}, got {got}");
        }

        return !allowed && ok;
    }

    private static bool IsServerError(HttpResponseMessage response) => (int)response.StatusCode >= 500;

    private static bool IsRefusal(string got) =>
        got.StartsWith("401 unauthorized (Bearer challenge)", StringComparison.Ordinal)
        || got.StartsWith("403", StringComparison.Ordinal)
        || got.StartsWith("302 → /account/login", StringComparison.Ordinal)
        || got.StartsWith("302 → /error/403", StringComparison.Ordinal);

    /// <summary>
    /// The answer in a form the matrix compares: a refusal by the API is a problem with its code, and a 401 counts as
    /// the bearer handler's challenge only with <c>WWW-Authenticate</c> (the token and refresh endpoints answer 401
    /// themselves to wrong credentials, which is not a refusal of the caller).
    /// </summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response, bool isApi)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
        {
            var location = response.Headers.Location is { } l ? new Uri(new Uri("http://localhost"), l).AbsolutePath : "(none)";
            return $"{status} → {location}";
        }

        if (!isApi || response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            using var problem = JsonDocument.Parse(body);
            code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }

        var described = $"{status} {code ?? "(no problem code)"}";
        return response.StatusCode == HttpStatusCode.Unauthorized && response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer")
            ? described + " (Bearer challenge)"
            : described;
    }

    /// <summary>Refusals the audit log must show: policies with organisation, region or role requirements.</summary>
    private async Task<bool> IsAuditedAsync(RouteEndpoint endpoint)
    {
        var policy = await AuthorizationPolicy.CombineAsync(
            app.Services.GetRequiredService<IAuthorizationPolicyProvider>(),
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        return policy?.Requirements.Any(r => r is OrganizationRoleRequirement or RegionStaffRequirement or RolesAuthorizationRequirement) ?? false;
    }

    /// <summary>
    /// The route with its parameters filled in: organisation A and its opportunity and shift, Almaty, a 404, the v1
    /// document, else fresh values.
    /// </summary>
    private static string Path(RoutePattern pattern, Cast cast)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { Name: "organizationId" } => cast.OrganizationA.ToString(),
                    RoutePatternParameterPart { Name: "opportunityId" } => cast.OpportunityOfA.ToString(),
                    RoutePatternParameterPart { Name: "shiftId" } => cast.ShiftOfA.ToString(),
                    RoutePatternParameterPart { Name: "kato" } => People.AlmatyCity,
                    RoutePatternParameterPart { Name: "status" } => "404",
                    RoutePatternParameterPart { Name: "documentName" } => "v1",
                    RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content == "guid") => Guid.NewGuid().ToString(),
                    _ => "x",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    /// <summary>
    /// The ten actors, made once per app: organisation A (Almaty, pending, so the Almaty office reviews it) with its
    /// owner and a coordinator, organisation B (Astana) with another coordinator, front-office people and the admin.
    /// Roles are stored before anyone signs in, so cookies and tokens carry them.
    /// </summary>
    private async Task<Cast> CastAsync()
    {
        var people = new Dictionary<Actor, Person> { [Actor.Anonymous] = new(null, app.Browser(), app.Client()) };
        foreach (var actor in SignedIn)
        {
            var person = actor switch
            {
                Actor.AlmatyStaff => app.NewPerson().Staff(Offices.Almaty),
                Actor.AstanaStaff => app.NewPerson().Staff(Offices.Astana),
                Actor.AlmatyOperator => app.NewPerson().Staff(Offices.Almaty, FrontOfficeStaff.Operator),
                Actor.NationalStaff => app.NewPerson().Staff(FrontOffice.NationalKato),
                Actor.Admin => app.NewPerson().Admin(),
                _ => app.NewPerson(),
            };
            people[actor] = Signed(await person.SignedIn().WithToken());
        }

        var organizationA = await app.NewOrganization().Named("Role matrix " + Orgs.UniqueWord()).InRegion(Offices.Almaty).Pending()
            .OwnedBy(people[Actor.OwnerOfA].Id!.Value).CoordinatedBy(people[Actor.CoordinatorOfA].Id!.Value);
        await app.NewOrganization().Named("Role matrix " + Orgs.UniqueWord()).InRegion(Offices.Astana).Pending()
            .CoordinatedBy(people[Actor.OtherCoordinator].Id!.Value);
        var opportunity = await app.NewOpportunity(organizationA.Id).Titled("Рөлдер кестесі").Starting(DateTime.UtcNow.AddDays(7)).Seats(5).Draft();
        return new Cast(organizationA.Id, opportunity.OpportunityId, opportunity.ShiftId, people);
    }

    /// <summary>Signed in through the real login form (cookie for pages) and the token endpoint (bearer for the API).</summary>
    private static Person Signed(TestPerson person) => new(person.Id, person.Pages, person.Api);

    /// <summary>The feature whose code maps the endpoint: a page's folder, or the API handler's namespace.</summary>
    private static string? FeatureOf(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
        {
            var folders = page.ViewEnginePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return folders.Length > 1 ? folders[0] : null;
        }

        return RoleMatrix.FeatureOf(endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>());
    }

    private sealed record Route(string Key, string Method, RouteEndpoint Endpoint);

    /// <summary>One actor's two ways in: a cookie client for pages, a bearer client for the API (no id when anonymous).</summary>
    private sealed record Person(Guid? Id, HttpClient Pages, HttpClient Api);

    /// <summary>Organisation A with a draft opportunity and its shift, for routes under {opportunityId} and {shiftId}.</summary>
    private sealed record Cast(Guid OrganizationA, Guid OpportunityOfA, Guid ShiftOfA, Dictionary<Actor, Person> People);
}

[Collection(Sqlite.Name)]
public sealed class RoleMatrixTestsOnSqlite(SqliteApp app) : RoleMatrixTests(app);

[Collection(Postgres.Name)]
public sealed class RoleMatrixTestsOnPostgres(PostgresApp app) : RoleMatrixTests(app);
