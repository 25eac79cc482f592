using System.Net;
using Birge.Tests.Infrastructure;
using Birge.Web.Data;
using Npgsql;

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

    [Fact]
    public async Task A_node_whose_clock_is_off_the_databases_is_not_ready_until_it_keeps_time_again()
    {
        using var client = app.Browser();
        try
        {
            app.Clock.Set(DateTime.UtcNow.AddMinutes(2));
            using var ahead = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ahead.StatusCode);
            Assert.Equal("Unhealthy", await ahead.Content.ReadAsStringAsync());

            app.Clock.Set(DateTime.UtcNow.AddSeconds(-30));
            using var behind = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, behind.StatusCode);
        }
        finally
        {
            app.Clock.Reset();
        }

        using var again = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Readiness_reports_unhealthy_when_the_database_does_not_answer_and_liveness_stays_healthy()
    {
        var nowhere = app.Provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(Path.GetTempPath(), "birge-tests", $"missing-{Guid.NewGuid():N}.db")};Mode=ReadOnly"
            : new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Host = "127.0.0.1", Port = 1, Timeout = 2 }.ToString();
        await using var down = app.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Birge", nowhere)
            .UseSetting("Database:MigrateOnStart", "false"));
        using var client = down.CreateClient();

        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}

[Collection(Sqlite.Name)]
public sealed class HealthTestsOnSqlite(SqliteApp app) : HealthTests(app);

[Collection(Postgres.Name)]
public sealed class HealthTestsOnPostgres(PostgresApp app) : HealthTests(app);
