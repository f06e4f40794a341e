using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class QualificationSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QualificationSummaries",
                columns: table => new
                {
                    ProfessionalId = table.Column<int>(type: "integer", nullable: false),
                    RulesVersion = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EvaluatedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidationDate = table.Column<DateOnly>(type: "date", nullable: true),
                    RecomputeOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LeadTeacherPoints = table.Column<int>(type: "integer", nullable: false),
                    Title22Rule = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Content = table.Column<string>(type: "text", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualificationSummaries", x => x.ProfessionalId);
                    table.ForeignKey(
                        name: "FK_QualificationSummaries_Professionals_ProfessionalId",
                        column: x => x.ProfessionalId,
                        principalTable: "Professionals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QualificationSummaries_RecomputeOn",
                table: "QualificationSummaries",
                column: "RecomputeOn");

            migrationBuilder.CreateIndex(
                name: "IX_QualificationSummaries_RulesVersion",
                table: "QualificationSummaries",
                column: "RulesVersion");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QualificationSummaries");
        }
    }
}
