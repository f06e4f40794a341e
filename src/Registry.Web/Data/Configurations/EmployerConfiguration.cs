using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain;
using Registry.Web.Domain.Employers;

namespace Registry.Web.Data.Configurations;

public sealed class EmployerConfiguration : IEntityTypeConfiguration<Employer>
{
    public void Configure(EntityTypeBuilder<Employer> builder)
    {
        builder.ToTable("Employers");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.LicenseNumber).HasMaxLength(LicenseNumber.Length).IsUnicode(false).IsRequired();
        builder.HasIndex(e => e.LicenseNumber).IsUnique();

        builder.Property(e => e.Name).HasMaxLength(Employer.MaxNameLength).IsRequired();
        builder.Property(e => e.SearchName).HasMaxLength(Employer.MaxNameLength).IsRequired();
        builder.HasIndex(e => e.SearchName);

        builder.Property(e => e.FacilityType).HasConversion<int>();
        builder.Property(e => e.Status).HasConversion<int>();
        builder.Property(e => e.Address).HasMaxLength(200);
        builder.Property(e => e.City).HasMaxLength(100);
        builder.Property(e => e.State).HasMaxLength(2);
        builder.Property(e => e.Zip).HasMaxLength(10);
        builder.Property(e => e.County).HasMaxLength(60);
        builder.HasIndex(e => e.County);
        builder.Property(e => e.Source).HasMaxLength(20).IsRequired();

        builder.Ignore(e => e.Details);
    }
}

public sealed class EmployerNameWordConfiguration : IEntityTypeConfiguration<EmployerNameWord>
{
    public void Configure(EntityTypeBuilder<EmployerNameWord> builder)
    {
        builder.ToTable("EmployerNameWords");

        // Word first: a look-up by word or word prefix is a range scan of this key, and the key
        // holds the employer id, so the scan never touches the table.
        builder.HasKey(w => new { w.Word, w.EmployerId });
        builder.Property(w => w.Word).HasMaxLength(SearchText.MaxWordLength).IsUnicode(false);
        // Employer first: checking a second typed word against one candidate is one seek.
        builder.HasIndex(w => new { w.EmployerId, w.Word });
        builder.HasOne<Employer>().WithMany().HasForeignKey(w => w.EmployerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SiteRatingDateConfiguration : IEntityTypeConfiguration<SiteRatingDate>
{
    public void Configure(EntityTypeBuilder<SiteRatingDate> builder)
    {
        builder.ToTable("SiteRatingDates");
        builder.HasKey(d => d.EmployerId);
        builder.Property(d => d.SetByUserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(d => d.ValidationOn);
        builder.HasOne<Employer>().WithOne().HasForeignKey<SiteRatingDate>(d => d.EmployerId).OnDelete(DeleteBehavior.Cascade);
    }
}
