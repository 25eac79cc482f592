using Microsoft.EntityFrameworkCore;

namespace Birge.Web.Data;

/// <summary>Brings a database up to date: migrations, then reference data, then (in Development) demo data.</summary>
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(IServiceProvider services, bool withDemoData, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // Readers do not wait for the writer, and the writer waits rather than fails.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(cancellationToken);
        await ReferenceData.SeedAsync(db, cancellationToken);
        if (withDemoData)
        {
            await DemoData.SeedAsync(scope.ServiceProvider, cancellationToken);
        }
    }
}
