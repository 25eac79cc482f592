using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Birge.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HelpRequestWaitingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_Status_Latitude_Longitude",
                table: "HelpRequests");

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerProfiles_City_AccountId",
                table: "VolunteerProfiles",
                columns: new[] { "City", "AccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_Waiting_Latitude_Longitude",
                table: "HelpRequests",
                columns: new[] { "Latitude", "Longitude" },
                filter: "\"Status\" IN ('New', 'Open')");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_Waiting_RegionKato_ClaimDueAt",
                table: "HelpRequests",
                columns: new[] { "RegionKato", "ClaimDueAt", "Id" },
                filter: "\"Status\" IN ('New', 'Open')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VolunteerProfiles_City_AccountId",
                table: "VolunteerProfiles");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_Waiting_Latitude_Longitude",
                table: "HelpRequests");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_Waiting_RegionKato_ClaimDueAt",
                table: "HelpRequests");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_Status_Latitude_Longitude",
                table: "HelpRequests",
                columns: new[] { "Status", "Latitude", "Longitude" });
        }
    }
}
