using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Documents;

namespace Registry.Web.Data.Configurations;

public sealed class DocumentAttachmentConfiguration : IEntityTypeConfiguration<DocumentAttachment>
{
    public void Configure(EntityTypeBuilder<DocumentAttachment> builder)
    {
        builder.ToTable("DocumentAttachments");
        builder.HasKey(a => new { a.DocumentId, a.EntryKind, a.EntryId });
        builder.Property(a => a.EntryKind).HasConversion<int>();
        builder.HasOne<Document>().WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Cascade);

        // "Which documents prove this entry?"
        builder.HasIndex(a => new { a.EntryKind, a.EntryId });
    }
}
