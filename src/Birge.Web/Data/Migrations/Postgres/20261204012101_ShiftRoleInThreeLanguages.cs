using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Birge.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ShiftRoleInThreeLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Role",
                table: "Shifts",
                newName: "RoleKk");

            migrationBuilder.AddColumn<string>(
                name: "RoleEn",
                table: "Shifts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoleRu",
                table: "Shifts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            ShiftRoleLanguages.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ShiftRoleLanguages.Down(migrationBuilder);

            migrationBuilder.DropColumn(
                name: "RoleEn",
                table: "Shifts");

            migrationBuilder.DropColumn(
                name: "RoleRu",
                table: "Shifts");

            migrationBuilder.RenameColumn(
                name: "RoleKk",
                table: "Shifts",
                newName: "Role");
        }
    }
}
