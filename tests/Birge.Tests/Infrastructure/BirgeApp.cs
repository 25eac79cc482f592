using Birge.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Birge.Tests.Infrastructure;

/// <summary>
/// The whole Birge app in memory on a fresh database of its own. Every test class runs once on
/// <see cref="SqliteApp"/> and once on <see cref="PostgresApp"/> (see <c>Collections.cs</c>). Tests create their own
/// people with unique e-mails, so they never depend on each other.
/// </summary>
public abstract class BirgeApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string OutboxDirectory { get; } = Path.Combine(Path.GetTempPath(), "birge-tests", Guid.NewGuid().ToString("N"), "outbox");

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The app's <see cref="TimeProvider"/>: real time unless a test sets it.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>The connection string of this app's own database.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>Every service registration of the app, as the host builds its provider (<c>ServiceRegistrationTests</c>).</summary>
    public IReadOnlyList<ServiceDescriptor> Registrations { get; private set; } = [];

    /// <summary>Settings a fixture may change, e.g. switching rate limiting back on.</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>();

    public virtual Task InitializeAsync()
    {
        // Building the server migrates the database (Database:MigrateOnStart).
        _ = Server;
        return Task.CompletedTask;
    }

    public new virtual async Task DisposeAsync() => await base.DisposeAsync();

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests read them).</summary>
    public HttpClient Browser(string? acceptLanguage = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return client;
    }

    /// <summary>Runs a query against the app's database in a scope of its own.</summary>
    public async Task<T> Db<T>(Func<BirgeDb, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<BirgeDb>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Birge", ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Security:RequireHttps", "false");
        builder.UseSetting("RateLimiting:Enabled", "false");

        // The role matrix is refused hundreds of times a minute by design; RefusalAuditTests keeps the allowance.
        builder.UseSetting("Audit:RefusalsPerClientPerMinute", "1000000");
        builder.UseSetting("Outbox:Mode", "File");
        builder.UseSetting("Outbox:Directory", OutboxDirectory);
        builder.UseSetting("Birge:PublicUrl", "http://localhost");
        // Tests read the statistics right after changing what they count.
        builder.UseSetting("Statistics:CacheSeconds", "0");
        builder.UseSetting("Search:CacheSeconds", "0");
        // The reports the schedule owes are queued on the first only, not on any day a test runs the job.
        builder.UseSetting("Reports:CatchUpDays", "0");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            // The app's own host only: hosts derived with WithWebHostBuilder add test doubles.
            if (Registrations.Count == 0)
            {
                Registrations = [.. services];
            }
        });
    }
}

public class SqliteApp : BirgeApp
{
    private readonly string file = Path.Combine(Path.GetTempPath(), "birge-tests", $"{Guid.NewGuid():N}.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={file}";

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }
}

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>BIRGE_TEST_POSTGRES</c> (test.sh starts one). Without it
/// these tests fail: they never skip silently.
/// </summary>
public class PostgresApp : BirgeApp
{
    private readonly string database = $"birge_test_{Guid.NewGuid():N}";

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ToString();

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("BIRGE_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "BIRGE_TEST_POSTGRES is not set. Run ./test.sh, which starts a throwaway PostgreSQL and sets it.");

    public override async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
