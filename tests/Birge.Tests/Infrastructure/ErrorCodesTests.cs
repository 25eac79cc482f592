using System.Reflection;
using System.Text.RegularExpressions;
using Birge.Tests.Localization;
using Birge.Web.Domain;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Birge.Tests.Infrastructure;

/// <summary>
/// Every error code a feature declares (<see cref="ErrorCodes"/> and each feature's <c>…Errors</c>) is a stable
/// snake_case name, tells the API its HTTP status, and has its message in all three languages.
/// </summary>
public sealed partial class ErrorCodesTests
{
    [Fact]
    public void Every_feature_declares_its_codes_and_the_shared_ones_stay_few()
    {
        var groups = ErrorStatuses.Codes.Select(c => c.Group).Distinct().ToList();
        Assert.Contains(typeof(ErrorCodes), groups);
        Assert.True(groups.Count >= 8, $"error codes are grouped by feature; found only {string.Join(", ", groups.Select(g => g.Name))}");
        var twice = ErrorStatuses.Codes.GroupBy(c => c.Code).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key} in {string.Join(" and ", g.Select(c => c.Group.Name))}").ToList();
        Assert.True(twice.Count == 0, "A code is declared once, in one feature (shared ones in Domain/ErrorCodes.cs):\n  " + string.Join("\n  ", twice));
    }

    [Fact]
    public void Every_code_has_an_HTTP_status()
    {
        var missing = new List<string>();
        foreach (var (group, field, code) in ErrorStatuses.Codes)
        {
            var statuses = field.GetCustomAttributes<HttpStatusAttribute>().ToList();
            if (statuses.Count(s => s.Operation is null) != 1)
            {
                missing.Add($"{group.Name}.{field.Name} ('{code}') needs exactly one [HttpStatus(…)] without an operation");
            }
            else if (statuses.Any(s => s.Status is < 400 or > 599))
            {
                missing.Add($"{group.Name}.{field.Name} ('{code}') has a status that is not a refusal: {string.Join(", ", statuses.Select(s => s.Status))}");
            }
            else
            {
                Assert.Equal(statuses.Single(s => s.Operation is null).Status, ErrorStatuses.Of(code));
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Every_code_is_snake_case()
    {
        var bad = ErrorStatuses.Codes.Where(c => !SnakeCase().IsMatch(c.Code)).Select(c => $"{c.Group.Name}.{c.Field.Name} = '{c.Code}'").ToList();
        Assert.True(bad.Count == 0, "Codes are part of the API: lower-case words joined by '_':\n  " + string.Join("\n  ", bad));
    }

    [Fact]
    public void Every_code_has_its_message_in_kazakh_russian_and_english()
    {
        var texts = ResourceFiles.Languages.ToDictionary(l => l, ResourceFiles.Texts);
        var missing = (
            from c in ErrorStatuses.Codes
            from language in ResourceFiles.Languages
            where !texts[language].TryGetValue("Error_" + c.Code, out var text) || string.IsNullOrWhiteSpace(text)
            select $"Error_{c.Code} ({c.Group.Name}.{c.Field.Name}) in SharedResource.{language}.resx").ToList();
        Assert.True(missing.Count == 0, "Add with tools/add-strings.py:\n  " + string.Join("\n  ", missing));
    }

    [GeneratedRegex("^[a-z]+(_[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeCase();
}

/// <summary>A status the published contract fixed for one operation names an endpoint the app maps, and differs from the code's own.</summary>
public abstract class PinnedErrorStatusTests(BirgeApp app)
{
    [Fact]
    public void A_status_fixed_for_one_operation_names_an_endpoint_that_exists()
    {
        var names = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var pinned = ErrorStatuses.Codes
            .SelectMany(c => c.Field.GetCustomAttributes<HttpStatusAttribute>().Where(s => s.Operation is not null).Select(s => (c.Code, Operation: s.Operation!, s.Status)))
            .ToList();
        Assert.NotEmpty(pinned);
        Assert.All(pinned, p => Assert.True(names.Contains(p.Operation), $"{p.Code}: no endpoint is named '{p.Operation}'"));
        Assert.All(pinned, p => Assert.NotEqual(ErrorStatuses.Of(p.Code), ErrorStatuses.Of(p.Code, p.Operation)));
    }
}

[Collection(Sqlite.Name)]
public sealed class PinnedErrorStatusTestsOnSqlite(SqliteApp app) : PinnedErrorStatusTests(app);

[Collection(Postgres.Name)]
public sealed class PinnedErrorStatusTestsOnPostgres(PostgresApp app) : PinnedErrorStatusTests(app);
