using Birge.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Birge.Tests.Data;

/// <summary>
/// Every change of the EF model comes with its migration, for both providers. Needs no database, so that it reports the
/// command to run even when the app cannot start (a migration that is missing stops <c>migrate</c>).
/// </summary>
public sealed class ModelSnapshotTests
{
    [Theory]
    [InlineData(nameof(SqliteBirgeDb), "Sqlite")]
    [InlineData(nameof(PostgresBirgeDb), "Postgres")]
    public void The_model_has_no_changes_without_a_migration(string context, string folder)
    {
        using BirgeDb db = context == nameof(SqliteBirgeDb)
            ? new SqliteDesignTimeFactory().CreateDbContext([])
            : new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The EF model has changes that no migration holds: run `dotnet ef migrations add <Name> --project src/Birge.Web " +
            $"--context {context} --output-dir Data/Migrations/{folder}` (README, \"Adding a migration\").");
    }
}
