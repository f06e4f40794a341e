using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.History;
using Registry.Web.Domain.Professionals;

namespace Registry.Web.Data.Configurations;

public sealed class RecordChangeConfiguration : IEntityTypeConfiguration<RecordChange>
{
    public void Configure(EntityTypeBuilder<RecordChange> builder)
    {
        builder.ToTable("RecordChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Section).HasMaxLength(40);
        builder.Property(c => c.Field).HasMaxLength(80);
        builder.Property(c => c.ByUserId).HasMaxLength(450);
        builder.Property(c => c.EntryLabel).HasMaxLength(RecordChange.MaxLabelLength);
        builder.Property(c => c.OldValue).HasMaxLength(RecordChange.MaxValueLength);
        builder.Property(c => c.NewValue).HasMaxLength(RecordChange.MaxValueLength);
        builder.Property(c => c.Kind).HasConversion<int>();
        builder.HasOne<Professional>().WithMany().HasForeignKey(c => c.ProfessionalId).OnDelete(DeleteBehavior.Cascade);

        // "Recent changes" reads one person's newest changes first.
        builder.HasIndex(c => new { c.ProfessionalId, c.At });
    }
}
