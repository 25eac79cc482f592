using System.Net;
using Birge.Tests.Infrastructure;

namespace Birge.Tests.Security;

/// <summary>TRACE (and IIS's TRACK) echo requests, cookies included, back to the caller: refused everywhere.</summary>
public abstract class MethodTests(BirgeApp app)
{
    [Theory]
    [InlineData("TRACE", "/")]
    [InlineData("TRACE", "/account/login")]
    [InlineData("TRACE", "/css/site.css")]
    [InlineData("TRACE", "/no/such/page")]
    [InlineData("TRACK", "/account/login")]
    [InlineData("TRACK", "/")]
    public async Task Trace_and_track_are_refused_on_pages_and_files(string method, string path)
    {
        using var client = app.Browser();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("TRACE", "/api/v1/regions")]
    [InlineData("TRACK", "/api/v1/me")]
    [InlineData("TRACE", "/api/v1/no-such-thing")]
    public async Task Trace_and_track_are_refused_on_the_api_with_a_problem(string method, string path)
    {
        using var client = app.Client();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }
}

[Collection(Sqlite.Name)]
public sealed class MethodTestsOnSqlite(SqliteApp app) : MethodTests(app);

[Collection(Postgres.Name)]
public sealed class MethodTestsOnPostgres(PostgresApp app) : MethodTests(app);
