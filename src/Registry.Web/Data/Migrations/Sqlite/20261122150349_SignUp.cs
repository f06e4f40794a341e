using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SignUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HighestEducationLevel",
                table: "Professionals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PossibleDuplicateOfId",
                table: "Professionals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ReportedEceUnits",
                table: "Professionals",
                type: "TEXT",
                precision: 6,
                scale: 2,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SignUpDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignUpDrafts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Professionals_PossibleDuplicateOfId",
                table: "Professionals",
                column: "PossibleDuplicateOfId");

            migrationBuilder.CreateIndex(
                name: "IX_SignUpDrafts_ExpiresAt",
                table: "SignUpDrafts",
                column: "ExpiresAt");

            migrationBuilder.AddForeignKey(
                name: "FK_Professionals_Professionals_PossibleDuplicateOfId",
                table: "Professionals",
                column: "PossibleDuplicateOfId",
                principalTable: "Professionals",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Professionals_Professionals_PossibleDuplicateOfId",
                table: "Professionals");

            migrationBuilder.DropTable(
                name: "SignUpDrafts");

            migrationBuilder.DropIndex(
                name: "IX_Professionals_PossibleDuplicateOfId",
                table: "Professionals");

            migrationBuilder.DropColumn(
                name: "HighestEducationLevel",
                table: "Professionals");

            migrationBuilder.DropColumn(
                name: "PossibleDuplicateOfId",
                table: "Professionals");

            migrationBuilder.DropColumn(
                name: "ReportedEceUnits",
                table: "Professionals");
        }
    }
}
