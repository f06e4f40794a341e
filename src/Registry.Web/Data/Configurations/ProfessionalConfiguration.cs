using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Data.Configurations;

public sealed class ProfessionalConfiguration : IEntityTypeConfiguration<Professional>
{
    public void Configure(EntityTypeBuilder<Professional> builder)
    {
        builder.ToTable("Professionals");
        builder.HasKey(p => p.Id);

        builder.Property(p => p.RegistryId).HasMaxLength(RegistryId.Length).IsUnicode(false).IsRequired();
        builder.HasIndex(p => p.RegistryId).IsUnique();

        builder.Property(p => p.UserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.HasOne<RegistryUser>()
            .WithOne()
            .HasForeignKey<Professional>(p => p.UserId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.Property(p => p.FirstName).HasMaxLength(Professional.MaxNameLength).IsRequired();
        builder.Property(p => p.MiddleName).HasMaxLength(Professional.MaxNameLength);
        builder.Property(p => p.LastName).HasMaxLength(Professional.MaxNameLength).IsRequired();
        builder.Property(p => p.FormerLastNames).HasMaxLength(300);
        builder.Property(p => p.NormalizedFirstName).HasMaxLength(Professional.MaxNameLength).IsRequired();
        builder.Property(p => p.NormalizedLastName).HasMaxLength(Professional.MaxNameLength).IsRequired();
        builder.Ignore(p => p.Name);

        // Staff find duplicates and people by name and date of birth.
        builder.HasIndex(p => new { p.NormalizedLastName, p.NormalizedFirstName, p.DateOfBirth });

        builder.Property(p => p.Email).HasMaxLength(Professional.MaxEmailLength).IsRequired();
        builder.HasIndex(p => p.Email);
        builder.Property(p => p.Phone).HasMaxLength(Professional.MaxPhoneLength);
        builder.Property(p => p.County).HasMaxLength(60);
        builder.HasIndex(p => p.County);
        builder.Property(p => p.PreferredLanguage).HasMaxLength(10).IsUnicode(false).IsRequired();
        builder.Property(p => p.Gender).HasConversion<int?>();
        builder.Property(p => p.GenderSelfDescription).HasMaxLength(100);

        builder.OwnsOne(p => p.MailingAddress, a =>
        {
            a.Property(x => x.Line1).HasColumnName("MailingAddressLine1").HasMaxLength(200);
            a.Property(x => x.Line2).HasColumnName("MailingAddressLine2").HasMaxLength(200);
            a.Property(x => x.City).HasColumnName("MailingCity").HasMaxLength(100);
            a.Property(x => x.State).HasColumnName("MailingState").HasMaxLength(2);
            a.Property(x => x.Zip).HasColumnName("MailingZip").HasMaxLength(10);
        });

        builder.Property(p => p.HighestEducationLevel).HasConversion<int?>();
        builder.Property(p => p.ReportedEceUnits).HasPrecision(6, 2);
        builder.HasOne<Professional>().WithMany().HasForeignKey(p => p.PossibleDuplicateOfId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();

        // A merged-away profile is kept for undo and hidden everywhere else (decision 0031).
        builder.HasOne<Professional>().WithMany().HasForeignKey(p => p.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasQueryFilter(p => p.MergedIntoId == null);

        builder.HasMany(p => p.RaceEthnicities).WithOne().HasForeignKey(r => r.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.LanguagesSpoken).WithOne().HasForeignKey(l => l.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Employments).WithOne().HasForeignKey(e => e.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Degrees).WithOne().HasForeignKey(d => d.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Courses).WithOne().HasForeignKey(c => c.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Credentials).WithOne().HasForeignKey(c => c.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.PermitApplications).WithOne().HasForeignKey(a => a.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.TrainingRecords).WithOne().HasForeignKey(t => t.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ProfessionalRaceEthnicityConfiguration : IEntityTypeConfiguration<ProfessionalRaceEthnicity>
{
    public void Configure(EntityTypeBuilder<ProfessionalRaceEthnicity> builder)
    {
        builder.ToTable("ProfessionalRaceEthnicities");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Category).HasConversion<int>();
        builder.Property(r => r.Detail).HasMaxLength(ProfessionalRaceEthnicity.MaxDetailLength);
        builder.HasIndex(r => new { r.ProfessionalId, r.Category });
    }
}

public sealed class ProfessionalLanguageConfiguration : IEntityTypeConfiguration<ProfessionalLanguage>
{
    public void Configure(EntityTypeBuilder<ProfessionalLanguage> builder)
    {
        builder.ToTable("ProfessionalLanguages");
        builder.HasKey(l => new { l.ProfessionalId, l.Language });
        builder.Property(l => l.Language).HasMaxLength(ProfessionalLanguage.MaxLength);
    }
}

public sealed class ProfileMergeConfiguration : IEntityTypeConfiguration<ProfileMerge>
{
    public void Configure(EntityTypeBuilder<ProfileMerge> builder)
    {
        builder.ToTable("ProfileMerges");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.KeptRegistryId).HasMaxLength(RegistryId.Length).IsUnicode(false).IsRequired();
        builder.Property(m => m.MergedRegistryId).HasMaxLength(RegistryId.Length).IsUnicode(false).IsRequired();
        builder.Property(m => m.MergedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(m => m.Reason).HasMaxLength(ProfileMerge.MaxReasonLength);
        builder.Property(m => m.Moves).IsRequired();
        builder.Property(m => m.UndoneByUserId).HasMaxLength(450);
        builder.Property(m => m.UndoReason).HasMaxLength(ProfileMerge.MaxReasonLength);
        builder.HasIndex(m => m.MergedAt);
        builder.HasIndex(m => m.MergedProfessionalId);
    }
}
