using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.BulkLoads;

namespace Registry.Web.Data.Configurations;

public sealed class PeopleImportConfiguration : IEntityTypeConfiguration<PeopleImport>
{
    public void Configure(EntityTypeBuilder<PeopleImport> builder)
    {
        builder.ToTable("PeopleImports");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.ByUserId).HasMaxLength(450).IsRequired();
        builder.Property(i => i.ByName).HasMaxLength(256).IsRequired();
        builder.Property(i => i.Files).HasMaxLength(PeopleImport.MaxFilesLength).IsRequired();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Failure).HasMaxLength(2000);
        builder.HasIndex(i => i.CreatedAt);
    }
}

public sealed class AccountInvitationConfiguration : IEntityTypeConfiguration<AccountInvitation>
{
    public void Configure(EntityTypeBuilder<AccountInvitation> builder)
    {
        builder.ToTable("AccountInvitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.UserId).HasMaxLength(450).IsRequired();
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.UserId);
        builder.HasIndex(i => new { i.ImportId, i.SentAt });
        builder.HasOne<Infrastructure.Security.RegistryUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PeopleImport>().WithMany().HasForeignKey(i => i.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}
