using Microsoft.EntityFrameworkCore.Migrations;

namespace Birge.Web.Data.Migrations.Sqlite;

/// <summary>
/// Where EF's migrations take over from the SQL history (<c>Migrations.cs</c>). The SQL history already built this
/// schema, so the baseline changes nothing; it carries the model snapshot that the next <c>dotnet ef migrations add</c>
/// compares with.
/// </summary>
public partial class Baseline : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Nothing: the SQL history already built this schema.
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Nothing: undoing the SQL history is not supported.
    }
}
