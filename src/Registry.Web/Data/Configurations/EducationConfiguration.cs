using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Education;

namespace Registry.Web.Data.Configurations;

public sealed class DegreeConfiguration : IEntityTypeConfiguration<Degree>
{
    public void Configure(EntityTypeBuilder<Degree> builder)
    {
        builder.ToTable("Degrees");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Level).HasConversion<int>();
        builder.Property(d => d.Major).HasMaxLength(Degree.MaxTextLength).IsRequired();
        builder.Property(d => d.Institution).HasMaxLength(Degree.MaxTextLength).IsRequired();
        builder.Property(d => d.EarnedIn).HasMaxLength(8);
        builder.Property(d => d.ConcurrencyStamp).IsConcurrencyToken();
        builder.OwnsVerification();
    }
}

public sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("Courses");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Institution).HasMaxLength(Course.MaxTextLength).IsRequired();
        builder.Property(c => c.CourseNumber).HasMaxLength(30);
        builder.Property(c => c.Title).HasMaxLength(Course.MaxTextLength).IsRequired();
        builder.Property(c => c.Units).HasPrecision(5, 2);
        builder.Property(c => c.UnitType).HasConversion<int>();
        builder.Property(c => c.Grade).HasMaxLength(Course.MaxGradeLength);
        builder.Property(c => c.Term).HasMaxLength(Course.MaxTermLength);
        builder.Property(c => c.Category).HasConversion<int>();
        builder.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
        builder.Ignore(c => c.SemesterUnits);
        builder.OwnsVerification();
    }
}
