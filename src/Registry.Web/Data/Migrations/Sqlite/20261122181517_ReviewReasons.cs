using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Registry.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewReasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReviewReasons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TextEs = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewReasons", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "ReviewReasons",
                columns: new[] { "Id", "Active", "TextEn", "TextEs" },
                values: new object[,]
                {
                    { 1, true, "The document shows another person's name.", "El documento muestra el nombre de otra persona." },
                    { 2, true, "The document has no date.", "El documento no tiene fecha." },
                    { 3, true, "The document cannot be read. Upload a clearer scan or photo.", "No se puede leer el documento. Suba un escaneo o una foto más clara." },
                    { 4, true, "This is a schedule or registration, not proof of completion. Upload the transcript or certificate.", "Es un horario o una inscripción, no una prueba de haber terminado. Suba el expediente académico o el certificado." },
                    { 5, true, "The document does not show this entry.", "El documento no muestra esta entrada." }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewReasons");
        }
    }
}
