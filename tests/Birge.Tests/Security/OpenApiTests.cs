using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Birge.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Security;

/// <summary>
/// <c>/openapi/v1.json</c> is what partners generate clients from: it passes Redocly's recommended rules, every
/// operation names its refusals as problem details, and the bearer scheme is on exactly the operations that need it.
/// </summary>
public abstract class OpenApiTests(BirgeApp app)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task The_openapi_document_lists_the_core_routes()
    {
        using var client = app.Browser();

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.JsonAsync()).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/accounts", out var accounts));
        Assert.True(accounts.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/auth/token", out var token));
        Assert.True(token.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/regions", out _));
    }

    [Fact]
    public async Task Redocly_finds_no_error_in_the_document()
    {
        var folder = LintFolder();
        var cli = Path.Combine(folder, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"Redocly is not installed in {folder}: run `npm ci` there (test.sh does when node_modules is missing).");
        var file = Path.Combine(Path.GetTempPath(), $"birge-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, (await DocumentAsync()).GetRawText());
        try
        {
            var (exit, output) = await RunAsync("node", cli, "lint", file, "--config", Path.Combine(folder, "redocly.yaml"), "--format", "json");

            using var report = JsonDocument.Parse(output);
            var errors = report.RootElement.GetProperty("problems").EnumerateArray()
                .Where(p => p.GetProperty("severity").GetString() == "error")
                .Select(p => $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}")
                .ToList();
            Assert.True(errors.Count == 0, "Redocly errors:\n" + string.Join('\n', errors));
            Assert.Equal(0, exit);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_and_its_refusals_as_problem_details()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, operation) in Operations(document))
        {
            if (!operation.TryGetProperty("operationId", out var id) || !ids.Add(id.GetString()!))
            {
                problems.Add($"{name}: no operationId of its own");
            }

            if (!operation.TryGetProperty("summary", out _))
            {
                problems.Add($"{name}: no summary");
            }

            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            var refusals = responses.Where(r => r.Name.StartsWith('4')).ToList();
            var takesInput = operation.TryGetProperty("requestBody", out _) || operation.TryGetProperty("parameters", out _);
            if (refusals.Count == 0 && (takesInput || NeedsToken(operation)))
            {
                problems.Add($"{name}: no 4xx response");
            }

            foreach (var refusal in refusals)
            {
                var schema = refusal.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out var media)
                    ? media.GetProperty("schema").GetProperty("$ref").GetString()
                    : null;
                if (schema != "#/components/schemas/Problem" || content.EnumerateObject().Count() != 1)
                {
                    problems.Add($"{name}: {refusal.Name} is not application/problem+json with the Problem schema");
                }
            }

            if (NeedsToken(operation) && !responses.Any(r => r.Name == "401"))
            {
                problems.Add($"{name}: needs a token but lists no 401");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("Problem");
        Assert.Equal(["type", "title", "status", "code"], problem.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.True(problem.GetProperty("properties").TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task The_bearer_scheme_is_declared_and_required_by_exactly_the_endpoints_that_need_a_signed_in_caller()
    {
        var document = await DocumentAsync();
        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());

        // The truth is the app's own endpoints: a policy and no [AllowAnonymous] means a token is needed.
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (
                Name: $"{m.ToLowerInvariant()} {DocumentPath(e.RoutePattern.RawText!)}",
                Signed: e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0)))
            .ToDictionary(e => e.Name, e => e.Signed);
        // The open data's files are in the document too, outside /api/v1, and public.
        var all = Operations(document).ToDictionary(o => o.Name, o => o.Operation);
        Assert.All(all.Where(o => !o.Key.Contains(" /api/v1", StringComparison.Ordinal)), o => Assert.False(NeedsToken(o.Value), o.Key));
        var operations = all.Where(o => o.Key.Contains(" /api/v1", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(endpoints.Keys.Order(StringComparer.Ordinal), operations.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(endpoints, e => e.Value);
        Assert.Contains(endpoints, e => !e.Value);

        var wrong = endpoints.Where(e => NeedsToken(operations[e.Key]) != e.Value || !operations[e.Key].TryGetProperty("security", out _))
            .Select(e => $"{e.Key}: needs a token {e.Value}, the document says {(operations[e.Key].TryGetProperty("security", out var s) ? s.GetRawText() : "nothing")}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.Equal("""[{"bearer":[]}]""", Compact(operations["post /api/v1/opportunities"].GetProperty("security")));
        Assert.Equal("[{}]", Compact(operations["get /api/v1/regions"].GetProperty("security")));

        // An anonymous read that shows more to members (a draft to its organisation) takes the token when given.
        Assert.Equal("""[{},{"bearer":[]}]""", Compact(operations["get /api/v1/opportunities/{opportunityId}"].GetProperty("security")));
    }

    [Fact]
    public async Task Request_bodies_require_only_what_the_server_requires_and_responses_mark_what_may_be_null()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        Assert.Equal(["organizationId", "kind", "title", "description", "directions", "regionKato", "shifts"], Required(schemas, "OpportunityRequest"));
        Assert.Equal(["startsAt", "endsAt", "capacity"], Required(schemas, "ShiftRequest"));
        Assert.Equal(["password", "fullName", "birthDate", "regionKato", "consentVersion"], Required(schemas, "CreateAccountRequest"));
        Assert.Equal(["volunteerId"], Required(schemas, "HoursToConfirmRequest"));
        Assert.Empty(Required(schemas, "IssueRequest"));
        Assert.Empty(Required(schemas, "ProfileRequest"));
        Assert.Equal("string", Type(schemas, "OpportunityRequest", "kind"));
        Assert.Equal(["null", "string"], Types(schemas, "OpportunityRequest", "address"));
        Assert.Equal(["null", "string"], Types(schemas, "ShiftRequest", "id"));
        Assert.Equal("string", Type(schemas, "HoursToConfirmRequest", "volunteerId"));

        // Responses write every property; the ones that may be null say so.
        Assert.Contains("fullName", Required(schemas, "MeResponse"));
        Assert.Equal(["null", "string"], Types(schemas, "MeResponse", "fullName"));
        Assert.Equal("string", Type(schemas, "MeResponse", "regionKato"));
        Assert.Equal(["null", "string"], Types(schemas, "OpportunityDetail", "cancelReason"));
        Assert.Contains("id", Required(schemas, "HoursItem"));

        // No request schema requires a property and allows null for it at once.
        var contradictions = new List<string>();
        foreach (var name in schemas.EnumerateObject().Select(s => s.Name).Where(n => n.EndsWith("Request", StringComparison.Ordinal)))
        {
            foreach (var required in Required(schemas, name))
            {
                var property = schemas.GetProperty(name).GetProperty("properties").GetProperty(required);
                if (Types(property).Contains("null") || property.TryGetProperty("oneOf", out _))
                {
                    contradictions.Add($"{name}.{required}");
                }
            }
        }

        Assert.Empty(contradictions);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.Client();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)).Select(m => ($"{m.Name} {path.Name}", m.Value)));

    /// <summary>True when every security alternative names a scheme (none is the empty requirement {}).</summary>
    private static bool NeedsToken(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
        && security.GetArrayLength() > 0
        && security.EnumerateArray().All(r => r.EnumerateObject().Any());

    /// <summary>"/api/v1/shifts/{shiftId:guid}/hours" as the document writes it.</summary>
    private static string DocumentPath(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:]+)(:[^}]*)?\}", "{$1}").TrimEnd('/');

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private static List<string> Required(JsonElement schemas, string name) =>
        schemas.GetProperty(name).TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];

    private static string? Type(JsonElement schemas, string name, string property) =>
        schemas.GetProperty(name).GetProperty("properties").GetProperty(property).GetProperty("type").GetString();

    private static List<string> Types(JsonElement schemas, string name, string property) =>
        Types(schemas.GetProperty(name).GetProperty("properties").GetProperty(property));

    private static List<string> Types(JsonElement property) =>
        !property.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : [type.GetString()!];

    /// <summary>tools/openapi-lint of the repository the tests were built from.</summary>
    private static string LintFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, "tools", "openapi-lint");
            if (File.Exists(System.IO.Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tools/openapi-lint not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True((await output).Length > 0, $"{program} wrote nothing: {await errors}");
        return (process.ExitCode, await output);
    }
}

[Collection(Sqlite.Name)]
public sealed class OpenApiTestsOnSqlite(SqliteApp app) : OpenApiTests(app);

[Collection(Postgres.Name)]
public sealed class OpenApiTestsOnPostgres(PostgresApp app) : OpenApiTests(app);
