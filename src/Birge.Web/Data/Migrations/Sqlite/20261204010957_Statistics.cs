using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Birge.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DailyFigures",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RegionKato = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Part = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyFigures", x => new { x.Day, x.RegionKato, x.Metric, x.Part });
                });

            migrationBuilder.CreateTable(
                name: "StatsSnapshots",
                columns: table => new
                {
                    Through = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MadeAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatsSnapshots", x => x.Through);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Status_StatusChangedAt",
                table: "Organizations",
                columns: new[] { "Status", "StatusChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_PublishedAt",
                table: "Opportunities",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_Date_Status",
                table: "HoursEntries",
                columns: new[] { "Date", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_QueuedAt",
                table: "HelpRequests",
                column: "QueuedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CallOutRecipients_RepliedAt",
                table: "CallOutRecipients",
                column: "RepliedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CallOutRecipients_SentAt",
                table: "CallOutRecipients",
                column: "SentAt");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_CreatedAt",
                table: "Accounts",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_DeletedAt",
                table: "Accounts",
                column: "DeletedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DailyFigures_Metric_Day",
                table: "DailyFigures",
                columns: new[] { "Metric", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyFigures");

            migrationBuilder.DropTable(
                name: "StatsSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_Status_StatusChangedAt",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Opportunities_PublishedAt",
                table: "Opportunities");

            migrationBuilder.DropIndex(
                name: "IX_HoursEntries_Date_Status",
                table: "HoursEntries");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_QueuedAt",
                table: "HelpRequests");

            migrationBuilder.DropIndex(
                name: "IX_CallOutRecipients_RepliedAt",
                table: "CallOutRecipients");

            migrationBuilder.DropIndex(
                name: "IX_CallOutRecipients_SentAt",
                table: "CallOutRecipients");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_CreatedAt",
                table: "Accounts");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_DeletedAt",
                table: "Accounts");
        }
    }
}
