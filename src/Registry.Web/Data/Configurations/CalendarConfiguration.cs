using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Data.Configurations;

public sealed class SponsorConfiguration : IEntityTypeConfiguration<Sponsor>
{
    public void Configure(EntityTypeBuilder<Sponsor> builder)
    {
        builder.ToTable("Sponsors");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(Sponsor.MaxNameLength).IsRequired();
        builder.Property(s => s.InstructorApprovalDelegatedByUserId).HasMaxLength(450);
        builder.Ignore(s => s.ManagerApprovesInstructors);
        builder.Property(s => s.ContactEmail).HasMaxLength(256).IsRequired();
        builder.Property(s => s.Phone).HasMaxLength(30);
        builder.Property(s => s.County).HasMaxLength(40);
        builder.Property(s => s.Website).HasMaxLength(300);
        builder.Property(s => s.AppliedByUserId).HasMaxLength(450);
        builder.Property(s => s.DecidedByUserId).HasMaxLength(450);
        builder.Property(s => s.DecisionReason).HasMaxLength(Sponsor.MaxReasonLength);
        builder.Property(s => s.Status).HasConversion<int>();

        // The staff queue: pending applications, oldest first.
        builder.HasIndex(s => new { s.Status, s.AppliedAt });
    }
}

public sealed class SponsorMemberConfiguration : IEntityTypeConfiguration<SponsorMember>
{
    public void Configure(EntityTypeBuilder<SponsorMember> builder)
    {
        builder.ToTable("SponsorMembers");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.Property(m => m.Role).HasConversion<int>();
        builder.Property(m => m.ApprovedByUserId).HasMaxLength(450);
        builder.HasOne<Sponsor>().WithMany().HasForeignKey(m => m.SponsorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RegistryUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);

        // Every sponsor authorization check: "is this account a member of this sponsor?".
        builder.HasIndex(m => new { m.UserId, m.SponsorId }).IsUnique();
        builder.HasIndex(m => m.SponsorId);
    }
}

public sealed class TrainingEventConfiguration : IEntityTypeConfiguration<TrainingEvent>
{
    public void Configure(EntityTypeBuilder<TrainingEvent> builder)
    {
        builder.ToTable("TrainingEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Title).HasMaxLength(TrainingEvent.MaxTitleLength).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(TrainingEvent.MaxDescriptionLength).IsRequired();
        builder.Property(e => e.Topic).HasConversion<int>();
        builder.Property(e => e.Audience).HasConversion<int>();
        builder.Property(e => e.Status).HasConversion<int>();
        builder.Property(e => e.Language).HasMaxLength(5).IsRequired();
        builder.Property(e => e.Address).HasMaxLength(200);
        builder.Property(e => e.City).HasMaxLength(100);
        builder.Property(e => e.County).HasMaxLength(40);
        builder.Property(e => e.Cost).HasPrecision(8, 2);
        builder.Property(e => e.ClockHours).HasPrecision(6, 2);
        builder.Property(e => e.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasOne<Sponsor>().WithMany().HasForeignKey(e => e.SponsorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Sessions).WithOne().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Sessions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.Words).WithOne().HasForeignKey(w => w.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Words).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The calendar: published events by date (then county, language, topic filter the range).
        builder.HasIndex(e => new { e.Status, e.LastDay, e.FirstDay });
        builder.HasIndex(e => new { e.Status, e.County, e.LastDay });
        builder.HasIndex(e => new { e.SponsorId, e.FirstDay });
    }
}

public sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> builder)
    {
        builder.ToTable("TrainingSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.CheckInCode).HasMaxLength(64);
        builder.HasIndex(s => s.CheckInCode).IsUnique();
        builder.HasIndex(s => new { s.EventId, s.Day });
    }
}

public sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.ToTable("Registrations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).HasConversion<int>();
        builder.Property(r => r.RegisteredByUserId).HasMaxLength(450);
        builder.HasOne<TrainingEvent>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Professional>().WithMany().HasForeignKey(r => r.ProfessionalId).OnDelete(DeleteBehavior.Cascade);

        // One registration per person and event; the waitlist is read in order.
        builder.HasIndex(r => new { r.EventId, r.ProfessionalId }).IsUnique();
        builder.HasIndex(r => new { r.EventId, r.Status, r.RegisteredAt });
        builder.HasIndex(r => r.ProfessionalId);
    }
}

public sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> builder)
    {
        builder.ToTable("Attendance");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Hours).HasPrecision(6, 2);
        builder.Property(a => a.CreditedHours).HasPrecision(6, 2);
        builder.Property(a => a.Reason).HasMaxLength(Attendance.MaxReasonLength);
        builder.Property(a => a.Source).HasConversion<int>();
        builder.Property(a => a.PostedByUserId).HasMaxLength(450);
        builder.Property(a => a.Status).HasConversion<int>();
        builder.Property(a => a.DecidedByUserId).HasMaxLength(450);
        builder.Property(a => a.DecisionReason).HasMaxLength(Attendance.MaxDecisionReasonLength);

        // Registry staff's queue of postings for sessions long past.
        builder.HasIndex(a => a.Status);
        builder.HasOne<TrainingSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(a => a.ProfessionalId).OnDelete(DeleteBehavior.Cascade);

        // TrainingRecordId is a plain column, not a foreign key: SQL Server refuses a second cascade
        // path from Professionals (through TrainingRecords) to this table.

        // Posting twice never double-counts: one row per person and session.
        builder.HasIndex(a => new { a.SessionId, a.ProfessionalId }).IsUnique();
        builder.HasIndex(a => a.ProfessionalId);
    }
}

public sealed class UnmatchedAttendanceConfiguration : IEntityTypeConfiguration<UnmatchedAttendance>
{
    public void Configure(EntityTypeBuilder<UnmatchedAttendance> builder)
    {
        builder.ToTable("UnmatchedAttendance");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.GivenRegistryId).HasMaxLength(UnmatchedAttendance.MaxTextLength);
        builder.Property(u => u.GivenName).HasMaxLength(UnmatchedAttendance.MaxTextLength);
        builder.Property(u => u.Problem).HasMaxLength(UnmatchedAttendance.MaxTextLength);
        builder.Property(u => u.Hours).HasPrecision(6, 2);
        builder.HasOne<TrainingSession>().WithMany().HasForeignKey(u => u.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => new { u.SessionId, u.ResolvedAt });
    }
}

public sealed class TrainingEventWordConfiguration : IEntityTypeConfiguration<TrainingEventWord>
{
    public void Configure(EntityTypeBuilder<TrainingEventWord> builder)
    {
        builder.ToTable("TrainingEventWords");

        // Keyed by word first: a prefix is a range on the key (see the employer name index, decision 0003).
        builder.HasKey(w => new { w.Word, w.EventId });
        builder.Property(w => w.Word).HasMaxLength(Registry.Web.Domain.SearchText.MaxWordLength);
        builder.HasIndex(w => w.EventId);
    }
}
