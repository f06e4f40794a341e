using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Data.Configurations;

public sealed class AccessGrantConfiguration : IEntityTypeConfiguration<AccessGrant>
{
    public void Configure(EntityTypeBuilder<AccessGrant> builder)
    {
        builder.ToTable("AccessGrants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.UserId).HasMaxLength(450);
        builder.Property(g => g.Role).HasConversion<int>();
        builder.Property(g => g.County).HasMaxLength(40);
        builder.Property(g => g.Program).HasMaxLength(AccessGrant.MaxProgramLength);
        builder.HasOne<RegistryUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Employer>().WithMany().HasForeignKey(g => g.EmployerId).OnDelete(DeleteBehavior.Restrict);

        // Every authorization check: "which scopes does this account hold now?"; "who directs this site?".
        builder.HasIndex(g => new { g.UserId, g.ExpiresAt });
        builder.HasIndex(g => new { g.EmployerId, g.Role });
        builder.HasIndex(g => new { g.ExpiresAt, g.ReminderSentAt });
    }
}

public sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public void Configure(EntityTypeBuilder<AccessRequest> builder)
    {
        builder.ToTable("AccessRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Position).HasMaxLength(AccessRequest.MaxPositionLength);
        builder.Property(r => r.ProofStorageKey).HasMaxLength(64);
        builder.Property(r => r.ProofFileName).HasMaxLength(200);
        builder.Property(r => r.ProofFileType).HasConversion<int>();
        builder.Property(r => r.Status).HasConversion<int>();
        builder.Property(r => r.DecidedByUserId).HasMaxLength(450);
        builder.Property(r => r.DecisionReason).HasMaxLength(AccessRequest.MaxReasonLength);
        builder.HasOne<RegistryUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Sites).WithOne().HasForeignKey(s => s.AccessRequestId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Sites).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The staff queue: pending requests, oldest first.
        builder.HasIndex(r => new { r.Status, r.RequestedAt });
        builder.HasIndex(r => r.UserId);
    }
}

public sealed class AccessRequestSiteConfiguration : IEntityTypeConfiguration<AccessRequestSite>
{
    public void Configure(EntityTypeBuilder<AccessRequestSite> builder)
    {
        builder.ToTable("AccessRequestSites");
        builder.HasKey(s => new { s.AccessRequestId, s.EmployerId });
        builder.HasOne<Employer>().WithMany().HasForeignKey(s => s.EmployerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> builder)
    {
        builder.ToTable("AccessLog");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ViewerUserId).HasMaxLength(450);
        builder.Property(e => e.ViewerRole).HasMaxLength(40);
        builder.Property(e => e.What).HasMaxLength(AccessLogEntry.MaxWhatLength);
        builder.HasOne<Professional>().WithMany().HasForeignKey(e => e.ProfessionalId).OnDelete(DeleteBehavior.Cascade);

        // "Who looked at my record", newest first.
        builder.HasIndex(e => new { e.ProfessionalId, e.At });
    }
}

public sealed class StipendEligibleSiteConfiguration : IEntityTypeConfiguration<StipendEligibleSite>
{
    public void Configure(EntityTypeBuilder<StipendEligibleSite> builder)
    {
        builder.ToTable("StipendEligibleSites");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Program).HasMaxLength(AccessGrant.MaxProgramLength);
        builder.Property(s => s.AddedByUserId).HasMaxLength(450);
        builder.HasOne<Employer>().WithMany().HasForeignKey(s => s.EmployerId).OnDelete(DeleteBehavior.Restrict);

        // A site is listed once per program; evidence loading asks "which programs list these sites?".
        builder.HasIndex(s => new { s.Program, s.EmployerId }).IsUnique();
        builder.HasIndex(s => s.EmployerId);
    }
}
