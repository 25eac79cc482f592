using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Birge.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallOutsAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeliveredAt",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GatewayId",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "NotificationId",
                table: "OutboxMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CallOutId",
                table: "HoursEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CallOuts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShortCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    RegionKato = table.Column<string>(type: "TEXT", nullable: false),
                    NeighbouringRegions = table.Column<string>(type: "TEXT", nullable: false),
                    TeamIds = table.Column<string>(type: "TEXT", nullable: false),
                    Certificates = table.Column<string>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Needed = table.Column<int>(type: "INTEGER", nullable: false),
                    AnswerBy = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Coming = table.Column<int>(type: "INTEGER", nullable: false),
                    Wave = table.Column<int>(type: "INTEGER", nullable: false),
                    NextWaveAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CheckinSecret = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallOuts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallOuts_Regions_RegionKato",
                        column: x => x.RegionKato,
                        principalTable: "Regions",
                        principalColumn: "Kato",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NotificationPreferences",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    InApp = table.Column<bool>(type: "INTEGER", nullable: false),
                    Email = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sms = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationPreferences", x => new { x.AccountId, x.Kind });
                    table.ForeignKey(
                        name: "FK_NotificationPreferences_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Critical = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Teams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionKato = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Equipment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastDrillOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Standby = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Teams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Teams_Regions_RegionKato",
                        column: x => x.RegionKato,
                        principalTable: "Regions",
                        principalColumn: "Kato",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VolunteerCertificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiryNoticeSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VolunteerCertificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VolunteerCertificates_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CallOutRecipients",
                columns: table => new
                {
                    CallOutId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Wave = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionKato = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    RepliedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RepliedBy = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    NotNeededSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CheckedInAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CheckedOutAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HoursEntryId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallOutRecipients", x => new { x.CallOutId, x.AccountId });
                    table.ForeignKey(
                        name: "FK_CallOutRecipients_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CallOutRecipients_CallOuts_CallOutId",
                        column: x => x.CallOutId,
                        principalTable: "CallOuts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamMembers",
                columns: table => new
                {
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    JoinedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMembers", x => new { x.TeamId, x.AccountId });
                    table.ForeignKey(
                        name: "FK_TeamMembers_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TeamMembers_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_GatewayId",
                table: "OutboxMessages",
                column: "GatewayId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_IdempotencyKey",
                table: "OutboxMessages",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_NotificationId",
                table: "OutboxMessages",
                column: "NotificationId");

            migrationBuilder.CreateIndex(
                name: "IX_HoursEntries_CallOutId_VolunteerId",
                table: "HoursEntries",
                columns: new[] { "CallOutId", "VolunteerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallOutRecipients_AccountId_SentAt",
                table: "CallOutRecipients",
                columns: new[] { "AccountId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CallOutRecipients_Phone_SentAt",
                table: "CallOutRecipients",
                columns: new[] { "Phone", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CallOuts_RegionKato_CreatedAt",
                table: "CallOuts",
                columns: new[] { "RegionKato", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CallOuts_ShortCode",
                table: "CallOuts",
                column: "ShortCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallOuts_Status_NextWaveAt",
                table: "CallOuts",
                columns: new[] { "Status", "NextWaveAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_AccountId_CreatedAt",
                table: "Notifications",
                columns: new[] { "AccountId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_AccountId_ReadAt",
                table: "Notifications",
                columns: new[] { "AccountId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_AccountId",
                table: "TeamMembers",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_RegionKato_Name",
                table: "Teams",
                columns: new[] { "RegionKato", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerCertificates_AccountId_Code",
                table: "VolunteerCertificates",
                columns: new[] { "AccountId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VolunteerCertificates_ExpiresOn",
                table: "VolunteerCertificates",
                column: "ExpiresOn");

            migrationBuilder.AddForeignKey(
                name: "FK_HoursEntries_CallOuts_CallOutId",
                table: "HoursEntries",
                column: "CallOutId",
                principalTable: "CallOuts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_HoursEntries_CallOuts_CallOutId",
                table: "HoursEntries");

            migrationBuilder.DropTable(
                name: "CallOutRecipients");

            migrationBuilder.DropTable(
                name: "NotificationPreferences");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "TeamMembers");

            migrationBuilder.DropTable(
                name: "VolunteerCertificates");

            migrationBuilder.DropTable(
                name: "CallOuts");

            migrationBuilder.DropTable(
                name: "Teams");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_GatewayId",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_IdempotencyKey",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_NotificationId",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_HoursEntries_CallOutId_VolunteerId",
                table: "HoursEntries");

            migrationBuilder.DropColumn(
                name: "DeliveredAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "GatewayId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "NotificationId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "CallOutId",
                table: "HoursEntries");
        }
    }
}
