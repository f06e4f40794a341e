using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Rules;

namespace Registry.Web.Data.Configurations;

public sealed class QualificationSummaryConfiguration : IEntityTypeConfiguration<QualificationSummary>
{
    public void Configure(EntityTypeBuilder<QualificationSummary> builder)
    {
        builder.ToTable("QualificationSummaries");
        builder.HasKey(s => s.ProfessionalId);
        builder.Property(s => s.ProfessionalId).ValueGeneratedNever();
        builder.HasOne<Professional>().WithOne().HasForeignKey<QualificationSummary>(s => s.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.RulesVersion).HasMaxLength(16).IsRequired();
        builder.Property(s => s.Title22Rule).HasMaxLength(100);
        builder.Property(s => s.Content).IsRequired();
        builder.Property(s => s.Revision).IsConcurrencyToken();

        // The rebuild finds what is stale: another rule files' version, or a window that has moved.
        builder.HasIndex(s => s.RecomputeOn);
        builder.HasIndex(s => s.RulesVersion);
    }
}
