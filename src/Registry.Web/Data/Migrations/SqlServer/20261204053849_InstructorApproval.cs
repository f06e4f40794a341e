using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Web.Data.Migrations.SqlServer
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
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InstructorApprovalDelegatedByUserId",
                table: "Sponsors",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedByUserId",
                table: "SponsorMembers",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EndorsedAt",
                table: "SponsorMembers",
                type: "datetimeoffset",
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
