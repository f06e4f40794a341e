using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Infrastructure.Email;

namespace Registry.Web.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasMaxLength(OutboxMessage.MaxKindLength).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(OutboxMessage.MaxAddressLength).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(1000);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.MaxSubjectLength).IsRequired();
        builder.Property(m => m.TextBody).IsRequired();
        builder.Property(m => m.LastError).HasMaxLength(1000);

        // The sender's question: what is unsent, not given up on, and due?
        // The sender's walk: unsent, not given up, a person's own messages before announcements, oldest first.
        builder.HasIndex(m => new { m.SentAt, m.GaveUpAt, m.Priority, m.Id });
        builder.HasIndex(m => m.AnnouncementId);
        builder.Property(m => m.Language).HasMaxLength(10);
        builder.HasMany<OutboxAttempt>().WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OutboxAttemptConfiguration : IEntityTypeConfiguration<OutboxAttempt>
{
    public void Configure(EntityTypeBuilder<OutboxAttempt> builder)
    {
        builder.ToTable("OutboxAttempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.SenderId).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Error).HasMaxLength(1000);
    }
}

public sealed class UndeliverableAddressConfiguration : IEntityTypeConfiguration<UndeliverableAddress>
{
    public void Configure(EntityTypeBuilder<UndeliverableAddress> builder)
    {
        builder.ToTable("UndeliverableAddresses");
        builder.HasKey(a => a.Address);
        builder.Property(a => a.Address).HasMaxLength(OutboxMessage.MaxAddressLength);
        builder.Property(a => a.Reason).HasMaxLength(UndeliverableAddress.MaxReasonLength).IsRequired();
    }
}

public sealed class JobLeaseConfiguration : IEntityTypeConfiguration<Infrastructure.Jobs.JobLease>
{
    public void Configure(EntityTypeBuilder<Infrastructure.Jobs.JobLease> builder)
    {
        builder.ToTable("JobLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(Infrastructure.Jobs.JobLease.MaxNameLength);
        builder.Property(l => l.HeldBy).HasMaxLength(200).IsRequired();
    }
}
