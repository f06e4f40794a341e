using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Registry.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PeopleImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ImportId",
                table: "TrainingRecords",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportId",
                table: "Professionals",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportId",
                table: "Employments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportId",
                table: "Degrees",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportId",
                table: "Credentials",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportId",
                table: "Courses",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PeopleImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Files = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DryRun = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Failure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PeopleInFiles = table.Column<int>(type: "integer", nullable: false),
                    PeopleDone = table.Column<int>(type: "integer", nullable: false),
                    PeopleCreated = table.Column<int>(type: "integer", nullable: false),
                    PeopleMatched = table.Column<int>(type: "integer", nullable: false),
                    PossibleDuplicates = table.Column<int>(type: "integer", nullable: false),
                    PeopleRejected = table.Column<int>(type: "integer", nullable: false),
                    FactsAdded = table.Column<int>(type: "integer", nullable: false),
                    FactsAlreadyThere = table.Column<int>(type: "integer", nullable: false),
                    RowsRejected = table.Column<int>(type: "integer", nullable: false),
                    Rejects = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeopleImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AccountInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ImportId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountInvitations_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccountInvitations_PeopleImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "PeopleImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountInvitations_ImportId_SentAt",
                table: "AccountInvitations",
                columns: new[] { "ImportId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountInvitations_TokenHash",
                table: "AccountInvitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountInvitations_UserId",
                table: "AccountInvitations",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PeopleImports_CreatedAt",
                table: "PeopleImports",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountInvitations");

            migrationBuilder.DropTable(
                name: "PeopleImports");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "TrainingRecords");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "Professionals");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "Employments");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "Degrees");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "Credentials");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "Courses");
        }
    }
}
