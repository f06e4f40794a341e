using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Registry.Web.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProfileMerges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KeptProfessionalId = table.Column<int>(type: "INTEGER", nullable: false),
                    KeptRegistryId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 8, nullable: false),
                    MergedProfessionalId = table.Column<int>(type: "INTEGER", nullable: false),
                    MergedRegistryId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 8, nullable: false),
                    MergedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    MergedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Moves = table.Column<string>(type: "TEXT", nullable: false),
                    MergedLockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    MergedLockoutEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    UndoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UndoneByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UndoReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
