using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Data.Configurations;

public sealed class AccountSessionConfiguration : IEntityTypeConfiguration<AccountSession>
{
    public void Configure(EntityTypeBuilder<AccountSession> builder)
    {
        builder.ToTable("AccountSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(AccountSession.IdLength);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Method).HasMaxLength(20);
        builder.Property(s => s.EndReason).HasMaxLength(40);
        builder.Property(s => s.IpAddress).HasMaxLength(AccountSession.MaxAddressLength);
        builder.Property(s => s.UserAgent).HasMaxLength(AccountSession.MaxUserAgentLength);
        builder.HasOne<RegistryUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);

        // "End every session of this person"; "where am I signed in".
        builder.HasIndex(s => new { s.UserId, s.EndedAt });

        // The hourly tidy removes sessions long over.
        builder.HasIndex(s => s.ExpiresAt);
    }
}

public sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.ToTable("SecurityEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Kind).HasMaxLength(40);
        builder.Property(e => e.ActorUserId).HasMaxLength(450);
        builder.Property(e => e.Actor).HasMaxLength(SecurityEvent.MaxNameLength);
        builder.Property(e => e.SubjectUserId).HasMaxLength(450);
        builder.Property(e => e.Subject).HasMaxLength(SecurityEvent.MaxNameLength);
        builder.Property(e => e.Detail).HasMaxLength(SecurityEvent.MaxDetailLength);
        builder.Property(e => e.IpAddress).HasMaxLength(SecurityEvent.MaxAddressLength);

        // No foreign keys: the audit outlives the accounts it names. Read newest first, by kind, by person.
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.Kind, e.At });
        builder.HasIndex(e => new { e.SubjectUserId, e.At });
        builder.HasIndex(e => new { e.ActorUserId, e.At });
    }
}

public sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("SignInThrottles");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(SignInThrottle.KeyLength);
        builder.HasIndex(t => t.WindowStartedAt);
    }
}
