using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Birge.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HelpRequestIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Accounts_RegionKato",
                table: "Accounts");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_HelperId_DoneAt",
                table: "HelpRequests",
                columns: new[] { "HelperId", "DoneAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_Status_Latitude_Longitude",
                table: "HelpRequests",
                columns: new[] { "Status", "Latitude", "Longitude" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequestEvents_ActorId_Kind_At",
                table: "HelpRequestEvents",
                columns: new[] { "ActorId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_RegionKato_Id",
                table: "Accounts",
                columns: new[] { "RegionKato", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_HelperId_DoneAt",
                table: "HelpRequests");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_Status_Latitude_Longitude",
                table: "HelpRequests");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequestEvents_ActorId_Kind_At",
                table: "HelpRequestEvents");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_RegionKato_Id",
                table: "Accounts");

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_RegionKato",
                table: "Accounts",
                column: "RegionKato");
        }
    }
}
