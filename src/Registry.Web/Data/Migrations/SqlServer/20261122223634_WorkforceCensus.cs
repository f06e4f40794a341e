using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Web.Data.Migrations.SqlServer
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    TakenByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    People = table.Column<int>(type: "int", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    PublishedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CensusSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataQualityRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Records = table.Column<int>(type: "int", nullable: false),
                    Passing = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataQualityRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CensusCells",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SnapshotId = table.Column<int>(type: "int", nullable: false),
                    First = table.Column<int>(type: "int", nullable: false),
                    Second = table.Column<int>(type: "int", nullable: false),
                    County = table.Column<int>(type: "int", nullable: false),
                    FirstValue = table.Column<int>(type: "int", nullable: false),
                    SecondValue = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SnapshotId = table.Column<int>(type: "int", nullable: false),
                    Role = table.Column<int>(type: "int", nullable: false),
                    Setting = table.Column<int>(type: "int", nullable: false),
                    County = table.Column<int>(type: "int", nullable: false),
                    Education = table.Column<int>(type: "int", nullable: false),
                    EceUnits = table.Column<int>(type: "int", nullable: false),
                    Permit = table.Column<int>(type: "int", nullable: false),
                    YearsInField = table.Column<int>(type: "int", nullable: false),
                    Age = table.Column<int>(type: "int", nullable: false),
                    Wage = table.Column<int>(type: "int", nullable: false),
                    Race = table.Column<int>(type: "int", nullable: false),
                    RaceCategories = table.Column<int>(type: "int", nullable: false),
                    Ethnicity1997 = table.Column<int>(type: "int", nullable: false),
                    Race1997 = table.Column<int>(type: "int", nullable: false),
                    Languages = table.Column<int>(type: "int", nullable: false),
                    QualityCountsPoints = table.Column<int>(type: "int", nullable: false)
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
                    RunId = table.Column<int>(type: "int", nullable: false),
                    County = table.Column<int>(type: "int", nullable: false),
                    Records = table.Column<int>(type: "int", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RunId = table.Column<int>(type: "int", nullable: false),
                    ProfessionalId = table.Column<int>(type: "int", nullable: false),
                    Rule = table.Column<int>(type: "int", nullable: false),
                    Code = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Entry = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    County = table.Column<int>(type: "int", nullable: false)
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
