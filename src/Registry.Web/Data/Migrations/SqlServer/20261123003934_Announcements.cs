using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Web.Data.Migrations.SqlServer
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
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "OutboxMessages",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "OutboxMessages",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ViaAnnouncementId",
                table: "MessageOptOuts",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Announcements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AuthorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ScopeEmployerId = table.Column<int>(type: "int", nullable: true),
                    ScopeSponsorId = table.Column<int>(type: "int", nullable: true),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    SubjectEnglish = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    BodyEnglish = table.Column<string>(type: "nvarchar(max)", maxLength: 10000, nullable: false),
                    SubjectSpanish = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    BodySpanish = table.Column<string>(type: "nvarchar(max)", maxLength: 10000, nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ScheduledFor = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    QueuingStartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    QueuedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    QueueCursor = table.Column<int>(type: "int", nullable: false),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RecipientCount = table.Column<int>(type: "int", nullable: false),
                    AudienceCounty = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    AudienceEmployerId = table.Column<int>(type: "int", nullable: true),
                    AudienceLanguage = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: true),
                    AudiencePermit = table.Column<int>(type: "int", nullable: true),
                    AudienceRole = table.Column<int>(type: "int", nullable: true),
                    AudienceSetting = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Announcements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SiteRatingDates",
                columns: table => new
                {
                    EmployerId = table.Column<int>(type: "int", nullable: false),
                    ValidationOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SetByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
                    Address = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UndeliverableAddresses", x => x.Address);
                });

            migrationBuilder.CreateTable(
                name: "AnnouncementRecipients",
                columns: table => new
                {
                    AnnouncementId = table.Column<int>(type: "int", nullable: false),
                    ProfessionalId = table.Column<int>(type: "int", nullable: false),
                    Language = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    Emailed = table.Column<bool>(type: "bit", nullable: false)
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
