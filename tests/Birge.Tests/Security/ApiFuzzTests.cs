using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Birge.Tests.Features.Attendance;
using Birge.Tests.Features.Opportunities;
using Birge.Tests.Features.Organizations;
using Birge.Tests.Infrastructure;
using Birge.Web.Domain;

namespace Birge.Tests.Security;

/// <summary>
/// Bad input never gives a server error. The test reads <c>/openapi/v1.json</c> and sends every operation, as an
/// anonymous caller and as a volunteer, a coordinator of a verified organisation, regional staff and the national
/// admin, a bounded, seeded sample of bad values: nulls in lists, NaN and infinities, extreme dates (offsets included),
/// 100 KB strings, wrong types, negative and huge numbers, digits that only look like digits, malformed ids and the
/// fixture's real ids (so the deeper code runs), and bodies built from the operation's request schema with one property
/// changed at a time. It fails on any 5xx and lists what gave it. An endpoint added tomorrow is in the document, so it
/// is fuzzed too.
/// </summary>
public abstract class ApiFuzzTests(BirgeApp app)
{
    /// <summary>At most this many requests per operation and actor.</summary>
    private const int Budget = 40;

    private const string Seed = "birge-fuzz-1";

    private static readonly string HundredKb = new('ә', 100 * 1024 / 2);

    /// <summary>Values put in place of one property (or array item) of an otherwise good body.</summary>
    private static readonly string[] BadJson =
    [
        "null", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e308", "-1e308", "1e400", "-1", "0", "-0", "1.5", "2147483647",
        "2147483648", "-9223372036854775809", "99999999999999999999999", "true", "{}", "[]", "[null]", "[[]]", "\"\"", "\"   \"",
        "\"0001-01-01\"", "\"9999-12-31\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59+14:00\"",
        "\"9999-12-31T23:59:59-14:00\"", "\"2026-02-30\"", "\"not-a-guid\"", "\"00000000-0000-0000-0000-000000000000\"",
        "\"٩٥٠٥١٥٣٠٠١٢٣\"", "\"９４０１４００００３８５\"", "\"+7 ٧٠١ ١٢٣ ٤٥ ٦٧\"", "\"８７０１１２３４５６７\"", "\"\\u0000\"",
        "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\"", "\"😀\"", "\"" + HundredKb + "\"",
    ];

    /// <summary>Values of one query parameter.</summary>
    private static readonly string[] BadQuery =
    [
        "NaN", "Infinity", "-Infinity", "1e308", "1e400", "-1", "0", "2147483648", "99999999999999999999", "1.5", "true", "",
        "0001-01-01", "9999-12-31", "2026-02-30", "٣", "１２", "\u0000", "not-a-guid", new string('x', 4000),
    ];

    /// <summary>Whole bodies that are not the object asked for.</summary>
    private static readonly string?[] BadBodies = [null, "null", "[]", "{}", "42", "\"x\"", "{", "[null]"];

    [Fact]
    public async Task No_generated_bad_input_gives_a_server_error()
    {
        var fixture = await FixtureAsync();
        var document = await DocumentAsync();
        // What ends things (cancelling the opportunity, revoking hours, deleting) comes last, so the rest meets live objects.
        var operations = Operations(document)
            .OrderBy(o => o.Method == "delete" ? 2 : o.Path.EndsWith("/cancel", StringComparison.Ordinal) || o.Path.EndsWith("/revoke", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(o => o is { Method: "delete", Path: "/api/v1/me" } ? 1 : 0)
            .ThenBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(operations);

        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in operations)
        {
            foreach (var (actor, token) in fixture.Actors)
            {
                using var client = app.Client("ru", token);
                foreach (var request in Requests(operation, document, fixture, actor))
                {
                    sent++;
                    var failure = await SendAsync(client, operation.Method, request);
                    if (failure is not null)
                    {
                        failures.Add($"{operation.Method.ToUpperInvariant()} {request.Url} as {actor}: {failure}; body {Shorten(request.Body)}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests gave a server error:\n" + string.Join('\n', failures.Distinct().Take(60)));
        Assert.True(sent > operations.Count * fixture.Actors.Count, $"only {sent} requests were sent");
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.Client();
        return await (await client.GetAsync("/openapi/v1.json")).JsonAsync();
    }

    private sealed record Operation(string Method, string Path, JsonElement Spec);

    private sealed record FuzzRequest(string Url, string? Body);

    private static IEnumerable<Operation> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch")
            .Select(m => new Operation(m.Name, path.Name, m.Value)));

    private static async Task<string?> SendAsync(HttpClient client, string method, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), request.Url);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        try
        {
            using var response = await client.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            return (int)response.StatusCode >= 500 ? $"{(int)response.StatusCode} {Shorten(text)}" : null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The test server lets an exception escape when nothing handled it: as much a server error as a 500.
            return $"{exception.GetType().Name}: {Shorten(exception.Message)}";
        }
    }

    /// <summary>The seeded sample of one operation's requests for one actor: the good request first.</summary>
    private static IEnumerable<FuzzRequest> Requests(Operation operation, JsonElement document, Fixture fixture, string actor)
    {
        var parameters = operation.Spec.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
        var pathParameters = parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(x => x.GetProperty("name").GetString()!).ToList();
        var queryParameters = parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()!).ToList();
        var bodySchema = operation.Spec.TryGetProperty("requestBody", out var requestBody)
            && requestBody.GetProperty("content").TryGetProperty("application/json", out var media)
            ? media.GetProperty("schema")
            : (JsonElement?)null;
        // Three good bodies: every property, every property but ids of things inside (a new shift has none), and only
        // what is required. Each is sent as it is, and mutated.
        var good = bodySchema is { } schema ? Value(schema, document, fixture, "", 0, requiredOnly: false) : null;
        var least = bodySchema is { } required ? Value(required, document, fixture, "", 0, requiredOnly: true) : null;
        var fresh = good?.DeepClone();
        WithoutIds(fresh);
        string Url(Dictionary<string, string> path, string? query = null)
        {
            var url = operation.Path;
            foreach (var name in pathParameters)
            {
                url = url.Replace("{" + name + "}", Uri.EscapeDataString(path.GetValueOrDefault(name) ?? fixture.Existing(name)[0]), StringComparison.Ordinal);
            }

            return query is null ? url : url + "?" + query;
        }

        var goodPath = pathParameters.ToDictionary(n => n, n => fixture.Existing(n)[0]);
        var fixedOnes = new List<FuzzRequest> { new(Url(goodPath), fresh?.ToJsonString()), new(Url(goodPath), good?.ToJsonString()), new(Url(goodPath), least?.ToJsonString()) };
        var candidates = new List<FuzzRequest>();

        // Every real id of the fixture (so the deeper code runs), then ids of other shapes. (A NUL in the path never
        // reaches the app: Kestrel refuses it, and the test server will not even send it.)
        foreach (var name in pathParameters)
        {
            foreach (var value in fixture.Existing(name).Skip(1))
            {
                fixedOnes.Add(new(Url(new(goodPath) { [name] = value }), good?.ToJsonString()));
            }

            foreach (var value in new[] { Guid.NewGuid().ToString(), "00000000-0000-0000-0000-000000000000", "not-a-guid", "١٢٣", "１２٣", new string('9', 300) })
            {
                candidates.Add(new(Url(new(goodPath) { [name] = value }), good?.ToJsonString()));
            }
        }

        foreach (var name in queryParameters)
        {
            foreach (var value in BadQuery)
            {
                candidates.Add(new(Url(goodPath, $"{name}={Uri.EscapeDataString(value)}"), good?.ToJsonString()));
            }
        }

        if (good is not null)
        {
            candidates.AddRange(BadBodies.Select(b => new FuzzRequest(Url(goodPath), b)));
            foreach (var mutated in Mutations(good).Concat(Mutations(fresh!)).Concat(Mutations(least!)))
            {
                candidates.Add(new(Url(goodPath), mutated));
            }
        }

        var random = new Random(StableHash(Seed + operation.Method + operation.Path + actor));
        var sample = candidates.OrderBy(_ => random.Next()).Take(Math.Max(0, Budget - fixedOnes.Count));
        return fixedOnes.Concat(sample);
    }

    private static void WithoutIds(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("id");
                foreach (var (_, value) in obj)
                {
                    WithoutIds(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    WithoutIds(item);
                }

                break;
        }
    }

    /// <summary>The good body with one property or array item replaced by each bad value in turn.</summary>
    private static IEnumerable<string> Mutations(JsonNode good)
    {
        foreach (var path in Locations(good, []))
        {
            foreach (var bad in BadJson)
            {
                var copy = good.DeepClone();
                Replace(copy, path, JsonNode.Parse(bad));
                yield return copy.ToJsonString();
            }
        }
    }

    private static IEnumerable<List<object>> Locations(JsonNode? node, List<object> at)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    List<object> here = [.. at, name];
                    yield return here;
                    foreach (var inner in Locations(value, here))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray { Count: > 0 } array:
                List<object> first = [.. at, 0];
                yield return first;
                foreach (var inner in Locations(array[0], first))
                {
                    yield return inner;
                }

                break;
        }
    }

    private static void Replace(JsonNode root, List<object> path, JsonNode? value)
    {
        var parent = root;
        foreach (var step in path[..^1])
        {
            parent = step is string name ? parent[name]! : parent[(int)step]!;
        }

        if (path[^1] is string last)
        {
            parent[last] = value;
        }
        else
        {
            parent[(int)path[^1]] = value;
        }
    }

    /// <summary>A good value for the schema: known ids by property name, sensible strings, every property filled.</summary>
    private static JsonNode? Value(JsonElement schema, JsonElement document, Fixture fixture, string name, int depth, bool requiredOnly)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var id = reference.GetString()!.Split('/')[^1];
            return depth > 6 ? null : Value(document.GetProperty("components").GetProperty("schemas").GetProperty(id), document, fixture, name, depth + 1, requiredOnly);
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var some = oneOf.EnumerateArray().FirstOrDefault(s => !(s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
            return some.ValueKind == JsonValueKind.Undefined ? null : Value(some, document, fixture, name, depth, requiredOnly);
        }

        var types = !schema.TryGetProperty("type", out var type) ? [] : type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).ToList()
            : [type.GetString()!];
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            var obj = new JsonObject();
            var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet() : [];
            foreach (var property in schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject() : Enumerable.Empty<JsonProperty>())
            {
                if (!requiredOnly || required.Count == 0 || required.Contains(property.Name))
                {
                    obj[property.Name] = Value(property.Value, document, fixture, property.Name, depth + 1, requiredOnly);
                }
            }

            return obj;
        }

        if (types.Contains("array"))
        {
            return new JsonArray(schema.TryGetProperty("items", out var items) ? Value(items, document, fixture, name, depth + 1, requiredOnly) : null);
        }

        if (types.Contains("boolean"))
        {
            return JsonValue.Create(name != "online");
        }

        if (types.Contains("integer"))
        {
            return JsonValue.Create(name.Contains("minute", StringComparison.OrdinalIgnoreCase) ? 60 : name == "minAge" ? 14 : name == "repeatWeekly" ? 0 : 5);
        }

        if (types.Contains("number"))
        {
            return JsonValue.Create(name.StartsWith("lon", StringComparison.Ordinal) ? Opps.AlmatyLon : Opps.AlmatyLat);
        }

        return JsonValue.Create(format switch
        {
            "uuid" => fixture.Existing(name)[0],
            "date" => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "date-time" => Opps.WeekAhead(name.StartsWith("end", StringComparison.Ordinal) ? 13 : 10),
            _ => fixture.Text(name),
        });
    }

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length <= 300 ? text : text[..300] + $"… ({text.Length} characters)";

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }

    /// <summary>Five actors and real objects for them to act on.</summary>
    private sealed record Fixture(
        IReadOnlyList<(string Actor, string? Token)> Actors,
        IReadOnlyDictionary<string, string[]> Ids,
        IReadOnlyDictionary<string, string> Texts)
    {
        public string[] Existing(string name) =>
            Ids.TryGetValue(name, out var ids) ? ids
            : name.EndsWith("Id", StringComparison.Ordinal) || name == "id" ? [Guid.NewGuid().ToString()]
            : [Text(name)];

        public string Text(string name) => Texts.TryGetValue(name, out var text) ? text : "Тест " + name;
    }

    private async Task<Fixture> FixtureAsync()
    {
        var volunteer = await app.NewPerson().WithToken();
        var coordinator = await app.NewPerson().SignedIn().WithToken().OwningAnOrganization();
        var staff = await app.NewPerson().Staff(People.AlmatyCity).SignedIn();
        var admin = await app.NewPerson().Admin().SignedIn();

        // A published opportunity the volunteer applied to, past hours of theirs, a certificate and an invitation.
        var (opportunityId, shiftIds) = await Opps.CreateAsync(app, coordinator.Token, Opps.Body(coordinator.OrganizationId, Orgs.UniqueWord()));
        using var coordinatorClient = app.Client(accessToken: coordinator.Token);
        using var volunteerClient = app.Client(accessToken: volunteer.Token);
        (await coordinatorClient.PostAsync($"/api/v1/opportunities/{opportunityId}/publish", null)).EnsureSuccessStatusCode();
        var applied = await (await volunteerClient.PostAsync($"/api/v1/shifts/{shiftIds[0]}/applications", null)).JsonAsync();
        var entry = await app.NewHours(volunteer.Id, coordinator.OrganizationId).On(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10), 120);
        var certificate = await (await volunteerClient.PostAsJsonAsync("/api/v1/me/certificates", new { language = "kk" })).JsonAsync();
        var now = (await app.NewOpportunity(coordinator.OrganizationId).Titled(new LocalizedText("Саябақты тазалау", "Уборка парка", null)).Starting(DateTime.UtcNow.AddMinutes(10)).Until(DateTime.UtcNow.AddHours(3)).Seats(20).Directions(Duty.Ecology, "social")).Shift;
        await app.AcceptAsync(now.Id, volunteer.Id);
        var invitation = await (await coordinatorClient.PostAsJsonAsync($"/api/v1/organizations/{coordinator.OrganizationId}/invitations", new { email = People.NewEmail() })).JsonAsync();

        var ids = new Dictionary<string, string[]>
        {
            ["organizationId"] = [coordinator.OrganizationId.ToString()],
            ["opportunityId"] = [opportunityId.ToString()],
            ["shiftId"] = [shiftIds[0].ToString(), now.Id.ToString(), entry.ShiftId!.Value.ToString()],
            ["applicationId"] = [applied.GetProperty("id").GetString()!],
            ["hoursEntryId"] = [entry.Id.ToString()],
            ["invitationId"] = [invitation.TryGetProperty("id", out var i) ? i.GetString()! : Guid.NewGuid().ToString()],
            ["volunteerId"] = [volunteer.Id.ToString()],
            ["accountId"] = [volunteer.Id.ToString()],
            ["id"] = [shiftIds[0].ToString()],
            ["kato"] = [People.AlmatyCity, "national", "٧٥٠٠٠٠٠٠٠"],
            ["code"] = [certificate.GetProperty("code").GetString()!, "7KQ2-M9XD-4HTB"],
        };

        // Logins are of a person no actor is, so wrong passwords lock out nobody the fuzz needs.
        var person = await app.NewPerson();
        var texts = new Dictionary<string, string>
        {
            ["login"] = person.Email,
            ["email"] = People.NewEmail(),
            ["phone"] = "+77011234567",
            ["password"] = People.Password,
            ["fullName"] = "Айгерім Серікқызы",
            ["birthDate"] = "1995-05-15",
            ["regionKato"] = People.AlmatyCity,
            ["consentVersion"] = People.ConsentVersion,
            ["bin"] = Bins.New(),
            ["iin"] = "",
            ["kind"] = "event",
            ["directions"] = "ecology",
            ["language"] = "kk",
            ["decision"] = "verified",
            ["role"] = "staff",
            ["legalForm"] = "foundation",
            ["kk"] = "Сынақ",
            ["refreshToken"] = "x",
            ["code"] = "123456",
        };
        var actors = new List<(string, string?)>
        {
            ("anonymous", null),
            ("volunteer", volunteer.Token),
            ("coordinator", coordinator.Token),
            ("regional staff", await Api.TokenAsync(app, staff.Email)),
            ("national admin", await Api.TokenAsync(app, admin.Email)),
        };
        return new Fixture(actors, ids, texts);
    }
}

[Collection(Sqlite.Name)]
public sealed class ApiFuzzTestsOnSqlite(SqliteApp app) : ApiFuzzTests(app);

[Collection(Postgres.Name)]
public sealed class ApiFuzzTestsOnPostgres(PostgresApp app) : ApiFuzzTests(app);
