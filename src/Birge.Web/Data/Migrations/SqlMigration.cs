using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Birge.Web.Data.Migrations;

/// <summary>
/// A migration of the SQL history, written as plain SQL for one provider before EF's design-time tools could be used.
/// The SQL lives next to the class as an embedded resource; <c>MigrationTests</c> proves that, applied in order and
/// followed by the EF migrations, they give exactly the schema of the EF model.
/// </summary>
public abstract class SqlMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var id = GetType().GetCustomAttributes(typeof(MigrationAttribute), false).Cast<MigrationAttribute>().Single().Id;
        var provider = GetType().GetCustomAttributes(typeof(DbContextAttribute), false).Cast<DbContextAttribute>().Single().ContextType == typeof(PostgresBirgeDb)
            ? "Postgres"
            : "Sqlite";
        migrationBuilder.Sql(Script(provider, id));
    }

    public static string Script(string provider, string id)
    {
        var suffix = $".Data.Migrations.{provider}.{id}.sql";
        var assembly = typeof(SqlMigration).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(suffix, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
