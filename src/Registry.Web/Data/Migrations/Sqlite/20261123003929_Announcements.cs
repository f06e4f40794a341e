using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Announcements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_SentAt_GaveUpAt_NextAttemptAt",
                table: "OutboxMessages");

            migrationBuilder.AddColumn<int>(
                name: "AnnouncementId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ViaAnnouncementId",
                table: "MessageOptOuts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Announcements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ScopeEmployerId = table.Column<int>(type: "INTEGER", nullable: true),
                    ScopeSponsorId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectEnglish = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BodyEnglish = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    SubjectSpanish = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BodySpanish = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ScheduledFor = table.Column<long>(type: "INTEGER", nullable: true),
                    QueuingStartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    QueueCursor = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    RecipientCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AudienceCounty = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AudienceEmployerId = table.Column<int>(type: "INTEGER", nullable: true),
                    AudienceLanguage = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    AudiencePermit = table.Column<int>(type: "INTEGER", nullable: true),
                    AudienceRole = table.Column<int>(type: "INTEGER", nullable: true),
                    AudienceSetting = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Announcements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SiteRatingDates",
                columns: table => new
                {
                    EmployerId = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidationOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SetByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SiteRatingDates", x => x.EmployerId);
                    table.ForeignKey(
                        name: "FK_SiteRatingDates_Employers_EmployerId",
                        column: x => x.EmployerId,
                        principalTable: "Employers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UndeliverableAddresses",
                columns: table => new
                {
                    Address = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UndeliverableAddresses", x => x.Address);
                });

            migrationBuilder.CreateTable(
                name: "AnnouncementRecipients",
                columns: table => new
                {
                    AnnouncementId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProfessionalId = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Emailed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnouncementRecipients", x => new { x.ProfessionalId, x.AnnouncementId });
                    table.ForeignKey(
                        name: "FK_AnnouncementRecipients_Announcements_AnnouncementId",
                        column: x => x.AnnouncementId,
                        principalTable: "Announcements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_AnnouncementId",
                table: "OutboxMessages",
                column: "AnnouncementId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_SentAt_GaveUpAt_Priority_Id",
                table: "OutboxMessages",
                columns: new[] { "SentAt", "GaveUpAt", "Priority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageOptOuts_ViaAnnouncementId",
                table: "MessageOptOuts",
                column: "ViaAnnouncementId");

            migrationBuilder.CreateIndex(
                name: "IX_AnnouncementRecipients_AnnouncementId_Language",
                table: "AnnouncementRecipients",
                columns: new[] { "AnnouncementId", "Language" });

            migrationBuilder.CreateIndex(
                name: "IX_Announcements_ScopeEmployerId",
                table: "Announcements",
                column: "ScopeEmployerId");

            migrationBuilder.CreateIndex(
                name: "IX_Announcements_ScopeSponsorId",
                table: "Announcements",
                column: "ScopeSponsorId");

            migrationBuilder.CreateIndex(
                name: "IX_Announcements_Status_ScheduledFor",
                table: "Announcements",
                columns: new[] { "Status", "ScheduledFor" });

            migrationBuilder.CreateIndex(
                name: "IX_SiteRatingDates_ValidationOn",
                table: "SiteRatingDates",
                column: "ValidationOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnouncementRecipients");

            migrationBuilder.DropTable(
                name: "SiteRatingDates");

            migrationBuilder.DropTable(
                name: "UndeliverableAddresses");

            migrationBuilder.DropTable(
                name: "Announcements");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_AnnouncementId",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_SentAt_GaveUpAt_Priority_Id",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_MessageOptOuts_ViaAnnouncementId",
                table: "MessageOptOuts");

            migrationBuilder.DropColumn(
                name: "AnnouncementId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ViaAnnouncementId",
                table: "MessageOptOuts");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_SentAt_GaveUpAt_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "SentAt", "GaveUpAt", "NextAttemptAt" });
        }
    }
}
