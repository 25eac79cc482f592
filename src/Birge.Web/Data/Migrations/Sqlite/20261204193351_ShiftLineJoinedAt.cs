using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Birge.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ShiftLineJoinedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LineJoinedAt",
                table: "Shifts",
                type: "TEXT",
                nullable: true);

            // The lines already waiting: a newcomer comes after the last of each.
            migrationBuilder.Sql("""
                UPDATE "Shifts" SET "LineJoinedAt" = (SELECT max("AppliedAt") FROM "Applications" a
                    WHERE a."ShiftId" = "Shifts"."Id" AND a."Status" = 'Waitlisted')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LineJoinedAt",
                table: "Shifts");
        }
    }
}
