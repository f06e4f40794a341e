using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Credentials;

namespace Registry.Web.Data.Configurations;

public sealed class CredentialConfiguration : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> builder)
    {
        builder.ToTable("Credentials", t =>
            t.HasCheckConstraint("CK_Credentials_ExpiresAfterIssue", "\"ExpiresOn\" IS NULL OR \"ExpiresOn\" > \"IssuedOn\""));
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Type).HasConversion<int>();
        builder.Property(c => c.Description).HasMaxLength(Credential.MaxTextLength);
        builder.Property(c => c.Number).HasMaxLength(50);
        builder.Property(c => c.IssuingBody).HasMaxLength(Credential.MaxTextLength).IsRequired();
        builder.Property(c => c.EarnedIn).HasMaxLength(8);
        builder.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();

        // Reminders and compliance views look for permits expiring soon.
        builder.HasIndex(c => c.ExpiresOn);
        builder.OwnsVerification();
    }
}

public sealed class PermitApplicationConfiguration : IEntityTypeConfiguration<PermitApplication>
{
    public void Configure(EntityTypeBuilder<PermitApplication> builder)
    {
        builder.ToTable("PermitApplications");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Type).HasConversion<int>();
        builder.Property(a => a.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasIndex(a => a.ProfessionalId);
    }
}
