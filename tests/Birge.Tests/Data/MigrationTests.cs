using System.Data.Common;
using Birge.Tests.Infrastructure;
using Birge.Web.Data;
using Birge.Web.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Birge.Tests.Data;

/// <summary>
/// The schema comes from the hand-written SQL history followed by EF's generated migrations. These compare the schema
/// the app's migrations built (the fixture's database) with one EF creates straight from the model, and check that a
/// database built by the SQL history alone upgrades with its data. <see cref="ModelSnapshotTests"/> checks that no model
/// change lacks its migration.
/// </summary>
public abstract class MigrationTests(BirgeApp app)
{
    private static readonly string[] EfTables = ["__EFMigrationsHistory", "__EFMigrationsLock"];

    [Fact]
    public async Task The_migrated_schema_is_exactly_the_schema_of_the_model()
    {
        var migrated = await app.Db(db => ReadSchemaAsync(db.Database.GetDbConnection(), app.Provider));

        var fromModel = app.Provider == DatabaseProvider.Sqlite
            ? await SqliteModelSchemaAsync()
            : await PostgresModelSchemaAsync();

        Assert.NotEmpty(fromModel.Tables);
        Assert.Contains("Accounts", fromModel.Tables);
        Assert.Equal(fromModel.Tables, migrated.Tables);
        Assert.Equal(fromModel.Columns, migrated.Columns);
        Assert.Equal(fromModel.PrimaryKeys, migrated.PrimaryKeys);
        Assert.Equal(fromModel.Indexes, migrated.Indexes);
        Assert.Equal(fromModel.ForeignKeys, migrated.ForeignKeys);
    }

    [Fact]
    public async Task A_database_built_by_the_sql_history_upgrades_with_migrate_and_keeps_its_data()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app.Provider);
        await using (var db = scratch.Context())
        {
            var lastSql = db.GetService<IMigrationsAssembly>().Migrations
                .Where(m => typeof(SqlMigration).IsAssignableFrom(m.Value)).Max(m => m.Key)!;
            await db.GetService<IMigrator>().MigrateAsync(lastSql);
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync());

            // What a database in service holds: a data-protection key (every cookie depends on it) and the audit log.
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES ('key-upgrade', '<key id=\"upgrade\" />')");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"AuditEntries\" (\"At\", \"Action\", \"TargetType\", \"TargetId\", \"Outcome\") " +
                "VALUES ({0}, 'upgrade.test', 'Test', 'upgrade', 'done')", DateTime.UtcNow);
        }

        // What the `migrate` command does.
        await using (var db = scratch.Context())
        {
            await db.Database.MigrateAsync();

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var key = await db.DataProtectionKeys.AsNoTracking().SingleAsync();
            Assert.Equal(("key-upgrade", "<key id=\"upgrade\" />"), (key.FriendlyName, key.Xml));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "upgrade.test" && e.TargetId == "upgrade"));

            // The audit log is still append-only after the upgrade.
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
        }
    }

    private static async Task<Schema> SqliteModelSchemaAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), "birge-tests", $"model-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            var options = new DbContextOptionsBuilder<SqliteBirgeDb>().UseSqlite($"Data Source={file};Pooling=false").Options;
            await using var db = new SqliteBirgeDb(options);
            Assert.True(await db.Database.EnsureCreatedAsync());
            return await ReadSchemaAsync(db.Database.GetDbConnection(), DatabaseProvider.Sqlite);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task<Schema> PostgresModelSchemaAsync()
    {
        var database = $"birge_model_{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = database, Pooling = false }.ToString();
        try
        {
            var options = new DbContextOptionsBuilder<PostgresBirgeDb>().UseNpgsql(connectionString).Options;
            await using var db = new PostgresBirgeDb(options);
            Assert.True(await db.Database.EnsureCreatedAsync());
            return await ReadSchemaAsync(db.Database.GetDbConnection(), DatabaseProvider.Postgres);
        }
        finally
        {
            await using var server = new NpgsqlConnection(PostgresApp.ServerConnectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<Schema> ReadSchemaAsync(DbConnection connection, DatabaseProvider provider)
    {
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync();
        }

        try
        {
            return provider == DatabaseProvider.Sqlite ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task<Schema> ReadSqliteAsync(DbConnection connection)
    {
        var tables = (await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            .Select(r => r[0]).Where(t => !EfTables.Contains(t)).Order(StringComparer.Ordinal).ToList();
        var columns = new List<string>();
        var primaryKeys = new List<string>();
        var indexes = new List<string>();
        var foreignKeys = new List<string>();
        foreach (var table in tables)
        {
            var tableColumns = await QueryAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')");
            columns.AddRange(tableColumns.Select(c => $"{table}.{c[0]} {c[1]} {(c[2] == "1" ? "NOT NULL" : "NULL")}"));
            primaryKeys.Add($"{table} ({string.Join(", ", tableColumns.Where(c => c[3] != "0").OrderBy(c => int.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture)).Select(c => c[0]))})");

            // origin 'pk' is the primary key's own index, already compared above.
            foreach (var index in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}') WHERE origin <> 'pk'"))
            {
                var indexColumns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno");
                indexes.Add($"{table}.{index[0]} ({string.Join(", ", indexColumns.Select(c => c[0]))}){(index[1] == "1" ? " UNIQUE" : "")}");
            }

            foreignKeys.AddRange((await QueryAsync(connection, $"SELECT id, seq, \"table\", \"from\", \"to\", on_delete, on_update FROM pragma_foreign_key_list('{table}')"))
                .GroupBy(f => f[0])
                .Select(g =>
                {
                    var parts = g.OrderBy(f => int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
                    return $"{table} ({string.Join(", ", parts.Select(f => f[3]))}) -> {parts[0][2]} ({string.Join(", ", parts.Select(f => f[4]))}) ON DELETE {parts[0][5]} ON UPDATE {parts[0][6]}";
                }));
        }

        return new Schema(tables, Sorted(columns), Sorted(primaryKeys), Sorted(indexes), Sorted(foreignKeys));
    }

    private static async Task<Schema> ReadPostgresAsync(DbConnection connection)
    {
        const string ignored = "('__EFMigrationsHistory', '__EFMigrationsLock')";
        var tables = (await QueryAsync(connection, $"""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN {ignored}
            """)).Select(r => r[0]).Order(StringComparer.Ordinal).ToList();
        var columns = (await QueryAsync(connection, $"""
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable,
                   coalesce(column_default, ''), is_identity, coalesce(identity_generation, '')
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name NOT IN {ignored}
            """)).Select(c => $"{c[0]}.{c[1]} {c[2]}({c[3]}) {(c[4] == "YES" ? "NULL" : "NOT NULL")} default '{c[5]}' identity {c[6]} {c[7]}").ToList();
        var primaryKeys = (await QueryAsync(connection, $"""
            SELECT tc.table_name, tc.constraint_name, string_agg(k.column_name, ', ' ORDER BY k.ordinal_position)
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage k
              ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name
            WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY' AND tc.table_name NOT IN {ignored}
            GROUP BY tc.table_name, tc.constraint_name
            """)).Select(p => $"{p[0]} {p[1]} ({p[2]})").ToList();
        var indexes = (await QueryAsync(connection, $"""
            SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename NOT IN {ignored}
            """)).Select(i => $"{i[0]}.{i[1]}: {i[2]}").ToList();
        var foreignKeys = (await QueryAsync(connection, $"""
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_catalog.pg_constraint c
            WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('f', 'u', 'c')
            """)).Select(f => $"{f[0]} {f[1]}: {f[2]}").ToList();
        return new Schema(tables, Sorted(columns), Sorted(primaryKeys), Sorted(indexes), Sorted(foreignKeys));
    }

    private static List<string> Sorted(List<string> items) => [.. items.Order(StringComparer.Ordinal)];

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>An empty database of its own, dropped at the end.</summary>
    private sealed class ScratchDatabase : IAsyncDisposable
    {
        private readonly DatabaseProvider provider;
        private readonly string name;

        private ScratchDatabase(DatabaseProvider provider, string name)
        {
            this.provider = provider;
            this.name = name;
        }

        private string ConnectionString => provider == DatabaseProvider.Sqlite
            ? $"Data Source={name};Pooling=false"
            : new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = name, Pooling = false }.ToString();

        public static async Task<ScratchDatabase> CreateAsync(DatabaseProvider provider)
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                var file = Path.Combine(Path.GetTempPath(), "birge-tests", $"scratch-{Guid.NewGuid():N}.db");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                return new ScratchDatabase(provider, file);
            }

            var database = $"birge_scratch_{Guid.NewGuid():N}";
            await ServerAsync($"CREATE DATABASE \"{database}\"");
            return new ScratchDatabase(provider, database);
        }

        public BirgeDb Context() => provider == DatabaseProvider.Sqlite
            ? new SqliteBirgeDb(new DbContextOptionsBuilder<SqliteBirgeDb>().UseSqlite(ConnectionString).Options)
            : new PostgresBirgeDb(new DbContextOptionsBuilder<PostgresBirgeDb>().UseNpgsql(ConnectionString).Options);

        public async ValueTask DisposeAsync()
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                SqliteConnection.ClearAllPools();
                File.Delete(name);
            }
            else
            {
                await ServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
        }

        private static async Task ServerAsync(string sql)
        {
            await using var server = new NpgsqlConnection(PostgresApp.ServerConnectionString);
            await server.OpenAsync();
            await using var command = new NpgsqlCommand(sql, server);
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed record Schema(
        IReadOnlyList<string> Tables,
        IReadOnlyList<string> Columns,
        IReadOnlyList<string> PrimaryKeys,
        IReadOnlyList<string> Indexes,
        IReadOnlyList<string> ForeignKeys);
}

[Collection(Sqlite.Name)]
public sealed class MigrationTestsOnSqlite(SqliteApp app) : MigrationTests(app);

[Collection(Postgres.Name)]
public sealed class MigrationTestsOnPostgres(PostgresApp app) : MigrationTests(app);
