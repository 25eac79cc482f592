namespace Birge.Tests.Infrastructure;

// Every test class is abstract over BirgeApp and has one sealed subclass per collection, so it runs on both databases:
//   public abstract class SignUpTests(BirgeApp app) { ... }
//   [Collection(Sqlite.Name)] public sealed class SignUpTestsOnSqlite(SqliteApp app) : SignUpTests(app);
//   [Collection(Postgres.Name)] public sealed class SignUpTestsOnPostgres(PostgresApp app) : SignUpTests(app);

[CollectionDefinition(Name)]
public sealed class Sqlite : ICollectionFixture<SqliteApp>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class Postgres : ICollectionFixture<PostgresApp>
{
    public const string Name = "postgres";
}
