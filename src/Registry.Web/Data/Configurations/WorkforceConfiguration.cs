using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.DataQuality;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Workforce;

namespace Registry.Web.Data.Configurations;

public sealed class CensusSnapshotConfiguration : IEntityTypeConfiguration<CensusSnapshot>
{
    public void Configure(EntityTypeBuilder<CensusSnapshot> builder)
    {
        builder.ToTable("CensusSnapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Kind).HasConversion<int>();
        builder.Property(s => s.TakenByUserId).HasMaxLength(450);
        builder.Property(s => s.PublishedByUserId).HasMaxLength(450);
        builder.HasIndex(s => new { s.Kind, s.AsOf });
    }
}

public sealed class CensusRecordConfiguration : IEntityTypeConfiguration<CensusRecord>
{
    public void Configure(EntityTypeBuilder<CensusRecord> builder)
    {
        builder.ToTable("CensusRecords");
        builder.HasKey(r => r.Id);
        builder.HasOne<CensusSnapshot>().WithMany().HasForeignKey(r => r.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        foreach (var property in new[] { nameof(CensusRecord.Role), nameof(CensusRecord.Setting), nameof(CensusRecord.EceUnits), nameof(CensusRecord.Permit),
            nameof(CensusRecord.YearsInField), nameof(CensusRecord.Age), nameof(CensusRecord.Wage), nameof(CensusRecord.Race),
            nameof(CensusRecord.Ethnicity1997), nameof(CensusRecord.Race1997) })
        {
            builder.Property(property).HasConversion<int>();
        }

        // Reports read one snapshot, statewide or one county.
        builder.HasIndex(r => new { r.SnapshotId, r.County });
    }
}

public sealed class CensusCellConfiguration : IEntityTypeConfiguration<CensusCell>
{
    public void Configure(EntityTypeBuilder<CensusCell> builder)
    {
        builder.ToTable("CensusCells");
        builder.HasKey(c => c.Id);
        builder.HasOne<CensusSnapshot>().WithMany().HasForeignKey(c => c.SnapshotId).OnDelete(DeleteBehavior.Cascade);

        // A report reads one pair of dimensions of one snapshot.
        builder.HasIndex(c => new { c.SnapshotId, c.First, c.Second });
    }
}

public sealed class DataQualityRunConfiguration : IEntityTypeConfiguration<DataQualityRun>
{
    public void Configure(EntityTypeBuilder<DataQualityRun> builder)
    {
        builder.ToTable("DataQualityRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RequestedByUserId).HasMaxLength(450);
    }
}

public sealed class DataQualityFailureConfiguration : IEntityTypeConfiguration<DataQualityFailure>
{
    public void Configure(EntityTypeBuilder<DataQualityFailure> builder)
    {
        builder.ToTable("DataQualityFailures");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Rule).HasConversion<int>();
        builder.Property(f => f.Code).HasMaxLength(40).IsRequired();
        builder.Property(f => f.Entry).HasMaxLength(200);
        builder.HasOne<DataQualityRun>().WithMany().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Professional>().WithMany().HasForeignKey(f => f.ProfessionalId).OnDelete(DeleteBehavior.Cascade);

        // The lists to fix: one rule's failures, optionally in one county, by person.
        builder.HasIndex(f => new { f.RunId, f.Rule, f.County, f.ProfessionalId });
        builder.HasIndex(f => f.ProfessionalId);
    }
}

public sealed class DataQualityCountyCountConfiguration : IEntityTypeConfiguration<DataQualityCountyCount>
{
    public void Configure(EntityTypeBuilder<DataQualityCountyCount> builder)
    {
        builder.ToTable("DataQualityCountyCounts");
        builder.HasKey(c => new { c.RunId, c.County });
        builder.HasOne<DataQualityRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
