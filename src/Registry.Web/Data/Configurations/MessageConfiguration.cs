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
