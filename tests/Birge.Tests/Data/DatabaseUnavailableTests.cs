using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Birge.Tests.Infrastructure;
using Birge.Web.Data;
using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Birge.Tests.Data;

/// <summary>
/// While the database cannot be reached (a failover, a restart), a person is told to try again in a few seconds,
/// in their language, with 503 and <c>Retry-After</c>: not "something went wrong", and never a 500.
/// </summary>
public abstract class DatabaseUnavailableTests(BirgeApp app)
{
    [Fact]
    public async Task While_the_database_is_switching_over_the_api_and_the_pages_answer_503_try_again_in_the_persons_language()
    {
        var database = new SwitchingOver();
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<SqliteBirgeDb>(o => o.AddInterceptors(database));
            services.ConfigureDbContext<PostgresBirgeDb>(o => o.AddInterceptors(database));
        }));
        using var kazakh = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var english = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        await kazakh.GetPageAsync("/opportunities");

        database.Down = true;
        using (var api = await english.GetAsync("/api/v1/opportunities?q=park"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("5", api.Headers.GetValues("Retry-After").Single());
            var problem = await api.JsonAsync();
            Assert.Equal("unavailable", problem.GetProperty("code").GetString());
            Assert.Equal("Birge could not take the request just now. Try again in a few seconds", problem.GetProperty("title").GetString());
        }

        var page = await kazakh.GetPageAsync("/opportunities?q=park", HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Бірнеше секундтан кейін қайталаңыз", page.QuerySelector("h1")!.TextContent.Trim());

        // A real mistake in the code is still a server error, not a "try again".
        database.Failure = new InvalidOperationException("a bug");
        using (var bug = await english.GetAsync("/api/v1/opportunities?q=park"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, bug.StatusCode);
        }

        database.Down = false;
        await kazakh.GetPageAsync("/opportunities?q=park");
    }

    [Fact]
    public void Every_way_a_failover_shows_itself_is_unavailable_and_a_refused_statement_is_not()
    {
        // Patroni is promoting the replica: no host in the list is the primary yet.
        Assert.True(DatabaseUnavailable.Is(new NpgsqlException("No suitable host was found.")));
        Assert.True(DatabaseUnavailable.Is(new InvalidOperationException("wrapped", new NpgsqlException("Exception while reading from stream", new TimeoutException()))));
        Assert.True(DatabaseUnavailable.Is(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));
        Assert.True(DatabaseUnavailable.Is(new PostgresException("cannot execute INSERT in a read-only transaction", "ERROR", "ERROR", "25006")));
        Assert.False(DatabaseUnavailable.Is(new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505")));
        Assert.False(DatabaseUnavailable.Is(new InvalidOperationException("a bug")));
    }

    private sealed class SwitchingOver : DbCommandInterceptor
    {
        public volatile bool Down;

        public Exception Failure { get; set; } = new NpgsqlException("The primary is gone", new SocketException((int)SocketError.ConnectionRefused));

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            Down ? throw Failure : ValueTask.FromResult(result);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            Down ? throw Failure : result;
    }
}

[Collection(Sqlite.Name)]
public sealed class DatabaseUnavailableTestsOnSqlite(SqliteApp app) : DatabaseUnavailableTests(app);

[Collection(Postgres.Name)]
public sealed class DatabaseUnavailableTestsOnPostgres(PostgresApp app) : DatabaseUnavailableTests(app);
