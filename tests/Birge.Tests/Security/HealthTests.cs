using System.Net;
using Birge.Tests.Infrastructure;

namespace Birge.Tests.Security;

public abstract class HealthTests(BirgeApp app)
{
    [Fact]
    public async Task Liveness_answers_without_signing_in()
    {
        using var client = app.Browser();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_checks_the_database_and_reports_healthy()
    {
        using var client = app.Browser();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

[Collection(Sqlite.Name)]
public sealed class HealthTestsOnSqlite(SqliteApp app) : HealthTests(app);

[Collection(Postgres.Name)]
public sealed class HealthTestsOnPostgres(PostgresApp app) : HealthTests(app);
