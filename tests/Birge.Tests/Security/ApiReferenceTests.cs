using System.Net;
using Birge.Tests.Infrastructure;

namespace Birge.Tests.Security;

/// <summary>
/// The API reference at <c>/scalar</c>: anonymous, served from the app itself, under a policy of its own that still
/// connects nowhere else; it shows only the one document, never a name typed into its URL.
/// </summary>
public abstract class ApiReferenceTests(BirgeApp app)
{
    [Fact]
    public async Task The_reference_page_loads_its_script_from_the_app_under_its_own_policy()
    {
        using var client = app.Browser();

        using var page = await client.GetAsync("/scalar/");
        using var script = await client.GetAsync("/scalar/scalar.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"scalar.js\">", html, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("//cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        var csp = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("font-src 'self' data:", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_name_typed_into_the_address_is_not_found_rather_than_written_into_the_page()
    {
        using var client = app.Browser();

        using var response = await client.GetAsync("/scalar/x%27%3Balert(1)%2F%2F");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("alert(1)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(Sqlite.Name)]
public sealed class ApiReferenceTestsOnSqlite(SqliteApp app) : ApiReferenceTests(app);

[Collection(Postgres.Name)]
public sealed class ApiReferenceTestsOnPostgres(PostgresApp app) : ApiReferenceTests(app);
