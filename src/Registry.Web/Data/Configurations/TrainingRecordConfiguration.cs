using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Training;

namespace Registry.Web.Data.Configurations;

public sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> builder)
    {
        builder.ToTable("TrainingRecords");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Title).HasMaxLength(TrainingRecord.MaxTextLength).IsRequired();
        builder.Property(t => t.Sponsor).HasMaxLength(TrainingRecord.MaxTextLength).IsRequired();
        builder.Property(t => t.ClockHours).HasPrecision(6, 2);
        builder.Property(t => t.TopicArea).HasMaxLength(100);
        builder.Property(t => t.Language).HasMaxLength(60);
        builder.Property(t => t.DeliveryMode).HasConversion<int?>();
        builder.Property(t => t.TrustLevel).HasConversion<int>();
        builder.Property(t => t.ConcurrencyStamp).IsConcurrencyToken();

        // Hours in a window (21 a year for Quality Counts, 105 per permit renewal).
        builder.HasIndex(t => new { t.ProfessionalId, t.AttendedOn });
        builder.OwnsVerification();
    }
}
