using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Birge.Web.Data.Migrations.Postgres
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
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    RegionKato = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Metric = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Part = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
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
