using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Birge.Web.Data;

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/birge.db";

    /// <summary>
    /// The key of the <see cref="BirgeDb"/> that search, public pages and statistics read
    /// (<c>[FromKeyedServices(DatabaseSetup.Standby)]</c>): a standby when <c>Database:StandbyReads</c> is on and the
    /// request is a stranger's, otherwise the primary's own. Writes, background jobs and signed-in people (who may
    /// have just changed what they read) always read the primary.
    /// </summary>
    public const string Standby = "standby";

    /// <summary>
    /// <c>Database:Provider</c> = Sqlite (default) or Postgres; <c>ConnectionStrings:Birge</c>. Also what lives in the
    /// database besides the data: the data-protection keys and the readiness check.
    /// </summary>
    public static IServiceCollection AddBirgeDb(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Birge");
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Birge is not set.");
            }

            services.AddDbContext<BirgeDb, PostgresBirgeDb>(o => o.UseNpgsql(connectionString));
            if (StandbyConnectionString(configuration, connectionString) is { } standby)
            {
                var options = new DbContextOptionsBuilder<PostgresBirgeDb>().UseNpgsql(standby)
                    .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options;
                AddStandby(services, () => new PostgresBirgeDb(options));
            }
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = SqliteConnectionString(connectionString ?? DefaultSqlite, contentRoot);
            services.AddDbContext<BirgeDb, SqliteBirgeDb>(o => o.UseSqlite(sqlite));
            if (StandbyConnectionString(configuration, null) is { } standby)
            {
                var options = new DbContextOptionsBuilder<SqliteBirgeDb>().UseSqlite(SqliteConnectionString(standby, contentRoot))
                    .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options;
                AddStandby(services, () => new SqliteBirgeDb(options));
            }
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{provider}'.");
        }

        // Off (or not configured): the standby key is the primary's context itself.
        services.TryAddKeyedScoped(Standby, (provider, _) => provider.GetRequiredService<BirgeDb>());

        // Keys in the database: every web node reads every cookie and token.
        services.AddDataProtection().SetApplicationName("Birge").PersistKeysToDbContext<BirgeDb>();

        // Ready means the database answers, and this node keeps the same time as the database.
        services.AddHealthChecks()
            .AddDbContextCheck<BirgeDb>("database", tags: ["ready"])
            .AddCheck<ClockCheck>("clock", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// <c>ConnectionStrings:BirgeStandby</c> when <c>Database:StandbyReads</c> is on; for PostgreSQL without it, the
    /// primary's (multi-host) string preferring a standby, which falls back to the primary when no standby answers.
    /// </summary>
    private static string? StandbyConnectionString(IConfiguration configuration, string? postgres)
    {
        if (!configuration.GetValue("Database:StandbyReads", false))
        {
            return null;
        }

        if (configuration.GetConnectionString("BirgeStandby") is { Length: > 0 } standby)
        {
            return standby;
        }

        return postgres is null
            ? throw new InvalidOperationException("Database:StandbyReads is on but ConnectionStrings:BirgeStandby is not set.")
            : new NpgsqlConnectionStringBuilder(postgres) { TargetSessionAttributes = "prefer-standby" }.ToString();
    }

    private static void AddStandby(IServiceCollection services, Func<BirgeDb> standby)
    {
        services.AddHttpContextAccessor();
        services.AddKeyedScoped(Standby, (provider, _) =>
            provider.GetRequiredService<IHttpContextAccessor>().HttpContext is { } http && http.User.Identity?.IsAuthenticated != true
                ? standby()
                : provider.GetRequiredService<BirgeDb>());
    }

    /// <summary>A relative SQLite file is placed under the app's content root, and its folder is created.</summary>
    public static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
