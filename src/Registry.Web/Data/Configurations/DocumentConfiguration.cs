using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Documents;
using Registry.Web.Domain.Professionals;

namespace Registry.Web.Data.Configurations;

public sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> builder)
    {
        builder.ToTable("Documents");
        builder.HasKey(d => d.Id);
        builder.HasOne<Professional>().WithMany().HasForeignKey(d => d.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(d => d.Kind).HasConversion<int>();
        builder.Property(d => d.FileType).HasConversion<int>();
        builder.Property(d => d.FileName).HasMaxLength(Document.MaxFileNameLength + 5).IsRequired();
        builder.Property(d => d.StorageKey).HasMaxLength(32).IsUnicode(false).IsRequired();
        builder.HasIndex(d => d.StorageKey).IsUnique();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Ignore(d => d.ContentType);
        builder.HasIndex(d => d.ProfessionalId);
    }
}
