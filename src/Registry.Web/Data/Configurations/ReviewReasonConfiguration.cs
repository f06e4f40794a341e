using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Data.Configurations;

public sealed class ReviewReasonConfiguration : IEntityTypeConfiguration<ReviewReason>
{
    public void Configure(EntityTypeBuilder<ReviewReason> builder)
    {
        builder.ToTable("ReviewReasons");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.TextEn).HasMaxLength(ReviewReason.MaxTextLength);
        builder.Property(r => r.TextEs).HasMaxLength(ReviewReason.MaxTextLength);

        // The reasons every registry starts with (the ones the registry's users see most).
        builder.HasData(
            new { Id = 1, TextEn = "The document shows another person's name.", TextEs = "El documento muestra el nombre de otra persona.", Active = true },
            new { Id = 2, TextEn = "The document has no date.", TextEs = "El documento no tiene fecha.", Active = true },
            new { Id = 3, TextEn = "The document cannot be read. Upload a clearer scan or photo.", TextEs = "No se puede leer el documento. Suba un escaneo o una foto más clara.", Active = true },
            new { Id = 4, TextEn = "This is a schedule or registration, not proof of completion. Upload the transcript or certificate.", TextEs = "Es un horario o una inscripción, no una prueba de haber terminado. Suba el expediente académico o el certificado.", Active = true },
            new { Id = 5, TextEn = "The document does not show this entry.", TextEs = "El documento no muestra esta entrada.", Active = true });
    }
}
