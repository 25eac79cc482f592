using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Birge.Web.Data;

// `dotnet ef` builds each context through these instead of starting the app, so it needs no database, no settings and
// no secrets (CI runs `migrations has-pending-model-changes` on a bare checkout). The connection strings are never
// opened: adding a migration or checking for model changes reads only the model.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBirgeDb>
{
    public SqliteBirgeDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBirgeDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBirgeDb>
{
    public PostgresBirgeDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBirgeDb>().UseNpgsql("Host=design-time.invalid").Options);
}
