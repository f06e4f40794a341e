using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;

namespace Registry.Web.Data.Configurations;

public sealed class EmploymentConfiguration : IEntityTypeConfiguration<Employment>
{
    public void Configure(EntityTypeBuilder<Employment> builder)
    {
        builder.ToTable("Employments", t =>
            t.HasCheckConstraint(
                "CK_Employments_EmployerOrUnlisted",
                "\"EmployerId\" IS NOT NULL OR \"UnlistedEmployerName\" IS NOT NULL"));
        builder.HasKey(e => e.Id);

        // A site is never deleted while people's history points at it.
        builder.HasOne<Employer>().WithMany().HasForeignKey(e => e.EmployerId).OnDelete(DeleteBehavior.Restrict);

        // Directors list who works at their site now.
        builder.HasIndex(e => new { e.EmployerId, e.EndDate });

        builder.OwnsOne(e => e.UnlistedEmployer, u =>
        {
            u.Property(x => x.BusinessName).HasColumnName("UnlistedEmployerName").HasMaxLength(UnlistedEmployer.MaxLength);
            u.Property(x => x.Address).HasColumnName("UnlistedEmployerAddress").HasMaxLength(UnlistedEmployer.MaxLength);
            u.Property(x => x.City).HasColumnName("UnlistedEmployerCity").HasMaxLength(100);
        });

        builder.OwnsOne(e => e.Schedule, s =>
        {
            s.Property(x => x.DaysPerWeek).HasColumnName("DaysPerWeek").HasPrecision(3, 1);
            s.Property(x => x.HoursPerDay).HasColumnName("HoursPerDay").HasPrecision(4, 2);
            s.Ignore(x => x.HoursPerWeek);
            s.Ignore(x => x.CountsAsPermitExperienceDay);
        });
        builder.Navigation(e => e.Schedule).IsRequired();

        builder.Property(e => e.Role).HasConversion<int>();
        builder.Property(e => e.RoleDescription).HasMaxLength(Employment.MaxRoleDescriptionLength);
        builder.Property(e => e.AgeGroupsServed).HasConversion<int>();
        builder.Property(e => e.HourlyWage).HasPrecision(8, 2);
        builder.Property(e => e.ConfirmedByUserId).HasMaxLength(450);
        builder.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
        builder.Ignore(e => e.IsCurrent);
        builder.OwnsVerification();
    }
}
