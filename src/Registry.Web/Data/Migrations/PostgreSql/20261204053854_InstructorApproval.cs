using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InstructorApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "InstructorApprovalDelegatedAt",
                table: "Sponsors",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InstructorApprovalDelegatedByUserId",
                table: "Sponsors",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedByUserId",
                table: "SponsorMembers",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EndorsedAt",
                table: "SponsorMembers",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InstructorApprovalDelegatedAt",
                table: "Sponsors");

            migrationBuilder.DropColumn(
                name: "InstructorApprovalDelegatedByUserId",
                table: "Sponsors");

            migrationBuilder.DropColumn(
                name: "ApprovedByUserId",
                table: "SponsorMembers");

            migrationBuilder.DropColumn(
                name: "EndorsedAt",
                table: "SponsorMembers");
        }
    }
}
