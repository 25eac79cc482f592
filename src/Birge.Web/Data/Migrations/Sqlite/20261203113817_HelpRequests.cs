using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Birge.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HelpRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HelpRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackingCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RegionKato = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Locality = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    RequesterName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Vulnerabilities = table.Column<string>(type: "TEXT", nullable: false),
                    ConsentVersion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OperatorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PhoneCodeHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true),
                    PhoneCodeExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PhoneCodeAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimDueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneDueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WaitingSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PausedSeconds = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimBreachNotifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneBreachNotifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClaimedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DoneMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    HelperId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CallbackAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextCallbackAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DuplicateOfId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ErasedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HelpRequests_Accounts_ClaimedBy",
                        column: x => x.ClaimedBy,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_HelpRequests_HelpRequests_DuplicateOfId",
                        column: x => x.DuplicateOfId,
                        principalTable: "HelpRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_HelpRequests_Regions_RegionKato",
                        column: x => x.RegionKato,
                        principalTable: "Regions",
                        principalColumn: "Kato",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HelpRequestEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HelpRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpRequestEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HelpRequestEvents_HelpRequests_HelpRequestId",
                        column: x => x.HelpRequestId,
                        principalTable: "HelpRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HelpRequestOffers",
                columns: table => new
                {
                    HelpRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HelpRequestOffers", x => new { x.HelpRequestId, x.VolunteerId });
                    table.ForeignKey(
                        name: "FK_HelpRequestOffers_Accounts_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HelpRequestOffers_HelpRequests_HelpRequestId",
                        column: x => x.HelpRequestId,
                        principalTable: "HelpRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequestEvents_HelpRequestId_At",
                table: "HelpRequestEvents",
                columns: new[] { "HelpRequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequestOffers_VolunteerId_OfferedAt",
                table: "HelpRequestOffers",
                columns: new[] { "VolunteerId", "OfferedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_ClaimedBy_Status",
                table: "HelpRequests",
                columns: new[] { "ClaimedBy", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_ClosedAt_ErasedAt",
                table: "HelpRequests",
                columns: new[] { "ClosedAt", "ErasedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_DuplicateOfId",
                table: "HelpRequests",
                column: "DuplicateOfId");

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_Phone_CreatedAt",
                table: "HelpRequests",
                columns: new[] { "Phone", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_RegionKato_Status_Language_ClaimDueAt",
                table: "HelpRequests",
                columns: new[] { "RegionKato", "Status", "Language", "ClaimDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_Status_ClaimExpiresAt",
                table: "HelpRequests",
                columns: new[] { "Status", "ClaimExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_Status_NextCallbackAt",
                table: "HelpRequests",
                columns: new[] { "Status", "NextCallbackAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_TrackingCode",
                table: "HelpRequests",
                column: "TrackingCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HelpRequestEvents");

            migrationBuilder.DropTable(
                name: "HelpRequestOffers");

            migrationBuilder.DropTable(
                name: "HelpRequests");
        }
    }
}
