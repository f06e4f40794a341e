using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrainingCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Sponsors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    County = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AppliedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AppliedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sponsors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SponsorMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SponsorId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CanManageEvents = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SponsorMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SponsorMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SponsorMembers_Sponsors_SponsorId",
                        column: x => x.SponsorId,
                        principalTable: "Sponsors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingEvents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SponsorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Topic = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Audience = table.Column<int>(type: "INTEGER", nullable: false),
                    IsOnline = table.Column<bool>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    County = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Cost = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: false),
                    RegistrationDeadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WithdrawalDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ClockHours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingEvents_Sponsors_SponsorId",
                        column: x => x.SponsorId,
                        principalTable: "Sponsors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Registrations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProfessionalId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RegisteredByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReminderSentAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Registrations_Professionals_ProfessionalId",
                        column: x => x.ProfessionalId,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Registrations_TrainingEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "TrainingEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingEventWords",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Word = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingEventWords", x => new { x.Word, x.EventId });
                    table.ForeignKey(
                        name: "FK_TrainingEventWords_TrainingEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "TrainingEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Starts = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Ends = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    CheckInCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CheckInExpiresAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingSessions_TrainingEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "TrainingEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Attendance",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProfessionalId = table.Column<int>(type: "INTEGER", nullable: false),
                    Hours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    CreditedHours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    PostedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    PostedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TrainingRecordId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Attendance_Professionals_ProfessionalId",
                        column: x => x.ProfessionalId,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Attendance_TrainingSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "TrainingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnmatchedAttendance",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    GivenRegistryId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Hours = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: true),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnmatchedAttendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnmatchedAttendance_TrainingSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "TrainingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Attendance_ProfessionalId",
                table: "Attendance",
                column: "ProfessionalId");

            migrationBuilder.CreateIndex(
                name: "IX_Attendance_SessionId_ProfessionalId",
                table: "Attendance",
                columns: new[] { "SessionId", "ProfessionalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_EventId_ProfessionalId",
                table: "Registrations",
                columns: new[] { "EventId", "ProfessionalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_EventId_Status_RegisteredAt",
                table: "Registrations",
                columns: new[] { "EventId", "Status", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_ProfessionalId",
                table: "Registrations",
                column: "ProfessionalId");

            migrationBuilder.CreateIndex(
                name: "IX_SponsorMembers_SponsorId",
                table: "SponsorMembers",
                column: "SponsorId");

            migrationBuilder.CreateIndex(
                name: "IX_SponsorMembers_UserId_SponsorId",
                table: "SponsorMembers",
                columns: new[] { "UserId", "SponsorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sponsors_Status_AppliedAt",
                table: "Sponsors",
                columns: new[] { "Status", "AppliedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingEvents_SponsorId_FirstDay",
                table: "TrainingEvents",
                columns: new[] { "SponsorId", "FirstDay" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingEvents_Status_County_LastDay",
                table: "TrainingEvents",
                columns: new[] { "Status", "County", "LastDay" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingEvents_Status_LastDay_FirstDay",
                table: "TrainingEvents",
                columns: new[] { "Status", "LastDay", "FirstDay" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingEventWords_EventId",
                table: "TrainingEventWords",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingSessions_CheckInCode",
                table: "TrainingSessions",
                column: "CheckInCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrainingSessions_EventId_Day",
                table: "TrainingSessions",
                columns: new[] { "EventId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_UnmatchedAttendance_SessionId_ResolvedAt",
                table: "UnmatchedAttendance",
                columns: new[] { "SessionId", "ResolvedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Attendance");

            migrationBuilder.DropTable(
                name: "Registrations");

            migrationBuilder.DropTable(
                name: "SponsorMembers");

            migrationBuilder.DropTable(
                name: "TrainingEventWords");

            migrationBuilder.DropTable(
                name: "UnmatchedAttendance");

            migrationBuilder.DropTable(
                name: "TrainingSessions");

            migrationBuilder.DropTable(
                name: "TrainingEvents");

            migrationBuilder.DropTable(
                name: "Sponsors");
        }
    }
}
