using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Messages;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Data.Configurations;

public sealed class MessageOptOutConfiguration : IEntityTypeConfiguration<MessageOptOut>
{
    public void Configure(EntityTypeBuilder<MessageOptOut> builder)
    {
        builder.ToTable("MessageOptOuts");
        builder.HasKey(o => new { o.UserId, o.Kind });
        builder.Property(o => o.UserId).HasMaxLength(450);
        builder.Property(o => o.Kind).HasConversion<int>();
        builder.HasOne<RegistryUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => o.ViaAnnouncementId);
    }
}

public sealed class ReminderSentConfiguration : IEntityTypeConfiguration<ReminderSent>
{
    public void Configure(EntityTypeBuilder<ReminderSent> builder)
    {
        builder.ToTable("RemindersSent");
        builder.HasKey(r => new { r.Reminder, r.SubjectId, r.Stage });
        builder.Property(r => r.Reminder).HasMaxLength(40);
    }
}

public sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> builder)
    {
        builder.ToTable("Announcements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.AuthorUserId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.Kind).HasConversion<int>();
        builder.Property(a => a.Status).HasConversion<int>();
        builder.Property(a => a.SubjectEnglish).HasMaxLength(Announcement.MaxSubjectLength).IsRequired();
        builder.Property(a => a.SubjectSpanish).HasMaxLength(Announcement.MaxSubjectLength);
        builder.Property(a => a.BodyEnglish).HasMaxLength(Announcement.MaxBodyLength).IsRequired();
        builder.Property(a => a.BodySpanish).HasMaxLength(Announcement.MaxBodyLength);
        builder.ComplexProperty(a => a.Audience, audience =>
        {
            audience.Property(x => x.County).HasColumnName("AudienceCounty").HasMaxLength(40);
            audience.Property(x => x.Role).HasColumnName("AudienceRole").HasConversion<int?>();
            audience.Property(x => x.Setting).HasColumnName("AudienceSetting").HasConversion<int?>();
            audience.Property(x => x.EmployerId).HasColumnName("AudienceEmployerId");
            audience.Property(x => x.Permit).HasColumnName("AudiencePermit").HasConversion<int?>();
            audience.Property(x => x.Language).HasColumnName("AudienceLanguage").HasMaxLength(10);
        });
        builder.HasIndex(a => new { a.Status, a.ScheduledFor });
        builder.HasIndex(a => a.ScopeEmployerId);
        builder.HasIndex(a => a.ScopeSponsorId);
    }
}

public sealed class AnnouncementRecipientConfiguration : IEntityTypeConfiguration<AnnouncementRecipient>
{
    public void Configure(EntityTypeBuilder<AnnouncementRecipient> builder)
    {
        builder.ToTable("AnnouncementRecipients");
        // A person's notices, newest first, come from the key; an announcement's record from the index.
        builder.HasKey(r => new { r.ProfessionalId, r.AnnouncementId });
        builder.HasIndex(r => new { r.AnnouncementId, r.Language });
        builder.Property(r => r.Language).HasMaxLength(10).IsRequired();
        builder.HasOne<Announcement>().WithMany().HasForeignKey(r => r.AnnouncementId).OnDelete(DeleteBehavior.Cascade);
    }
}
