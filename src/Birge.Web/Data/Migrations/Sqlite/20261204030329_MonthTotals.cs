using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Birge.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MonthTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MonthTotals",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RegionKato = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Part = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthTotals", x => new { x.Month, x.RegionKato, x.Metric, x.Part });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonthTotals");
        }
    }
}
