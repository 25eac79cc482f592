using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

// The SQL history: the migrations written by hand before EF's design tools could be used here. Databases that exist
// record these ids in __EFMigrationsHistory, so they stay, unchanged. The Baseline migration in Sqlite/ and Postgres/
// follows them and carries the model snapshot; every later change is `dotnet ef migrations add` (see the README).
// Add nothing here.
namespace Birge.Web.Data.Migrations;

[DbContext(typeof(SqliteBirgeDb))]
[Migration("20261122000000_Initial")]
public sealed class SqliteInitial : SqlMigration;

[DbContext(typeof(PostgresBirgeDb))]
[Migration("20261122000000_Initial")]
public sealed class PostgresInitial : SqlMigration;

[DbContext(typeof(SqliteBirgeDb))]
[Migration("20261122100000_PeopleAndOrganizations")]
public sealed class SqlitePeopleAndOrganizations : SqlMigration;

[DbContext(typeof(PostgresBirgeDb))]
[Migration("20261122100000_PeopleAndOrganizations")]
public sealed class PostgresPeopleAndOrganizations : SqlMigration;

// PostgreSQL only: a column length, which SQLite's schema does not have.
[DbContext(typeof(PostgresBirgeDb))]
[Migration("20261122200000_LongerAuditActions")]
public sealed class PostgresLongerAuditActions : SqlMigration;

[DbContext(typeof(SqliteBirgeDb))]
[Migration("20261123000000_OpportunitiesAndHours")]
public sealed class SqliteOpportunitiesAndHours : SqlMigration;

[DbContext(typeof(PostgresBirgeDb))]
[Migration("20261123000000_OpportunitiesAndHours")]
public sealed class PostgresOpportunitiesAndHours : SqlMigration;

// PostgreSQL only: a trigram index for opportunity search, which SQLite has no use for.
[DbContext(typeof(PostgresBirgeDb))]
[Migration("20261201100000_OpportunitySearch")]
public sealed class PostgresOpportunitySearch : SqlMigration;

// PostgreSQL only: INCLUDE columns on two indexes, which SQLite's schema does not have.
[DbContext(typeof(PostgresBirgeDb))]
[Migration("20261201500000_SearchAtNationalScale")]
public sealed class PostgresSearchAtNationalScale : SqlMigration;

[DbContext(typeof(SqliteBirgeDb))]
[Migration("20261202400000_OrganizationChanges")]
public sealed class SqliteOrganizationChanges : SqlMigration;

[DbContext(typeof(PostgresBirgeDb))]
[Migration("20261202400000_OrganizationChanges")]
public sealed class PostgresOrganizationChanges : SqlMigration;

// Hardening (issue 9), accounts: IIN checks for the front office, and the unconfirmed-contact reminder.
[DbContext(typeof(SqliteBirgeDb))]
[Migration("20261202100000_AccountsHardening")]
public sealed class SqliteAccountsHardening : SqlMigration;

[DbContext(typeof(PostgresBirgeDb))]
[Migration("20261202100000_AccountsHardening")]
public sealed class PostgresAccountsHardening : SqlMigration;
