using System.Net;
using Birge.Tests.Infrastructure;

namespace Birge.Tests.Security;

public abstract class OpenApiTests(BirgeApp app)
{
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
}

[Collection(Sqlite.Name)]
public sealed class OpenApiTestsOnSqlite(SqliteApp app) : OpenApiTests(app);

[Collection(Postgres.Name)]
public sealed class OpenApiTestsOnPostgres(PostgresApp app) : OpenApiTests(app);
