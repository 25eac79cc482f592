using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Birge.Web.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            // The lines already waiting: a newcomer comes after the last of each.
            migrationBuilder.Sql("""
                UPDATE "Shifts" s SET "LineJoinedAt" = w.last
                FROM (SELECT "ShiftId", max("AppliedAt") AS last FROM "Applications" WHERE "Status" = 'Waitlisted' GROUP BY "ShiftId") w
                WHERE w."ShiftId" = s."Id"
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
