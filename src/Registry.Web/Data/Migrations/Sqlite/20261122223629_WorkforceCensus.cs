using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkforceCensus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CensusSnapshots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CensusSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataQualityRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Records = table.Column<int>(type: "INTEGER", nullable: false),
                    Passing = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataQualityRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CensusCells",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SnapshotId = table.Column<int>(type: "INTEGER", nullable: false),
                    First = table.Column<int>(type: "INTEGER", nullable: false),
                    Second = table.Column<int>(type: "INTEGER", nullable: false),
                    County = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstValue = table.Column<int>(type: "INTEGER", nullable: false),
                    SecondValue = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CensusCells", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CensusCells_CensusSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "CensusSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CensusRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SnapshotId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    Setting = table.Column<int>(type: "INTEGER", nullable: false),
                    County = table.Column<int>(type: "INTEGER", nullable: false),
                    Education = table.Column<int>(type: "INTEGER", nullable: false),
                    EceUnits = table.Column<int>(type: "INTEGER", nullable: false),
                    Permit = table.Column<int>(type: "INTEGER", nullable: false),
                    YearsInField = table.Column<int>(type: "INTEGER", nullable: false),
                    Age = table.Column<int>(type: "INTEGER", nullable: false),
                    Wage = table.Column<int>(type: "INTEGER", nullable: false),
                    Race = table.Column<int>(type: "INTEGER", nullable: false),
                    RaceCategories = table.Column<int>(type: "INTEGER", nullable: false),
                    Ethnicity1997 = table.Column<int>(type: "INTEGER", nullable: false),
                    Race1997 = table.Column<int>(type: "INTEGER", nullable: false),
                    Languages = table.Column<int>(type: "INTEGER", nullable: false),
                    QualityCountsPoints = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CensusRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CensusRecords_CensusSnapshots_SnapshotId",
                        column: x => x.SnapshotId,
                        principalTable: "CensusSnapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DataQualityCountyCounts",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    County = table.Column<int>(type: "INTEGER", nullable: false),
                    Records = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataQualityCountyCounts", x => new { x.RunId, x.County });
                    table.ForeignKey(
                        name: "FK_DataQualityCountyCounts_DataQualityRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "DataQualityRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DataQualityFailures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProfessionalId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rule = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Entry = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    County = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataQualityFailures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataQualityFailures_DataQualityRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "DataQualityRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DataQualityFailures_Professionals_ProfessionalId",
                        column: x => x.ProfessionalId,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CensusCells_SnapshotId_First_Second",
                table: "CensusCells",
                columns: new[] { "SnapshotId", "First", "Second" });

            migrationBuilder.CreateIndex(
                name: "IX_CensusRecords_SnapshotId_County",
                table: "CensusRecords",
                columns: new[] { "SnapshotId", "County" });

            migrationBuilder.CreateIndex(
                name: "IX_CensusSnapshots_Kind_AsOf",
                table: "CensusSnapshots",
                columns: new[] { "Kind", "AsOf" });

            migrationBuilder.CreateIndex(
                name: "IX_DataQualityFailures_ProfessionalId",
                table: "DataQualityFailures",
                column: "ProfessionalId");

            migrationBuilder.CreateIndex(
                name: "IX_DataQualityFailures_RunId_Rule_County_ProfessionalId",
                table: "DataQualityFailures",
                columns: new[] { "RunId", "Rule", "County", "ProfessionalId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CensusCells");

            migrationBuilder.DropTable(
                name: "CensusRecords");

            migrationBuilder.DropTable(
                name: "DataQualityCountyCounts");

            migrationBuilder.DropTable(
                name: "DataQualityFailures");

            migrationBuilder.DropTable(
                name: "CensusSnapshots");

            migrationBuilder.DropTable(
                name: "DataQualityRuns");
        }
    }
}
