using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Data;

public static class DatabaseSetup
{
    public const string DefaultSqlite = "Data Source=data/birge.db";

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
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = SqliteConnectionString(connectionString ?? DefaultSqlite, contentRoot);
            services.AddDbContext<BirgeDb, SqliteBirgeDb>(o => o.UseSqlite(sqlite));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{provider}'.");
        }

        // Keys in the database: every web node reads every cookie and token.
        services.AddDataProtection().SetApplicationName("Birge").PersistKeysToDbContext<BirgeDb>();

        // Ready means the database answers.
        services.AddHealthChecks().AddDbContextCheck<BirgeDb>("database", tags: ["ready"]);
        return services;
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
