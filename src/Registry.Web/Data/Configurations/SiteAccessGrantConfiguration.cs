using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Employers;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Data.Configurations;

public sealed class SiteAccessGrantConfiguration : IEntityTypeConfiguration<SiteAccessGrant>
{
    public void Configure(EntityTypeBuilder<SiteAccessGrant> builder)
    {
        builder.ToTable("SiteAccessGrants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.UserId).HasMaxLength(450);
        builder.Property(g => g.Role).HasConversion<int>();
        builder.HasOne<RegistryUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Employer>().WithMany().HasForeignKey(g => g.EmployerId).OnDelete(DeleteBehavior.Restrict);

        // "Which sites may this account see?" on every authorization check; "who manages this site?".
        builder.HasIndex(g => new { g.UserId, g.ExpiresAt });
        builder.HasIndex(g => g.EmployerId);
    }
}
