using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Registry.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SafeMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Professionals",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProfileMerges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    KeptProfessionalId = table.Column<int>(type: "integer", nullable: false),
                    KeptRegistryId = table.Column<string>(type: "character varying(8)", unicode: false, maxLength: 8, nullable: false),
                    MergedProfessionalId = table.Column<int>(type: "integer", nullable: false),
                    MergedRegistryId = table.Column<string>(type: "character varying(8)", unicode: false, maxLength: 8, nullable: false),
                    MergedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    MergedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Moves = table.Column<string>(type: "text", nullable: false),
                    MergedLockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    MergedLockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UndoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UndoneByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    UndoReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfileMerges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Professionals_MergedIntoId",
                table: "Professionals",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_ProfileMerges_MergedAt",
                table: "ProfileMerges",
                column: "MergedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ProfileMerges_MergedProfessionalId",
                table: "ProfileMerges",
                column: "MergedProfessionalId");

            migrationBuilder.AddForeignKey(
                name: "FK_Professionals_Professionals_MergedIntoId",
                table: "Professionals",
                column: "MergedIntoId",
                principalTable: "Professionals",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Professionals_Professionals_MergedIntoId",
                table: "Professionals");

            migrationBuilder.DropTable(
                name: "ProfileMerges");

            migrationBuilder.DropIndex(
                name: "IX_Professionals_MergedIntoId",
                table: "Professionals");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Professionals");
        }
    }
}
