using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InstructorApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "InstructorApprovalDelegatedAt",
                table: "Sponsors",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InstructorApprovalDelegatedByUserId",
                table: "Sponsors",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedByUserId",
                table: "SponsorMembers",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EndorsedAt",
                table: "SponsorMembers",
                type: "INTEGER",
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
