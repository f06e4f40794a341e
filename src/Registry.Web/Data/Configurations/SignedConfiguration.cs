using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Signed;

namespace Registry.Web.Data.Configurations;

public sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("SigningKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.KeyId).HasMaxLength(64).IsRequired();
        builder.Property(k => k.Algorithm).HasMaxLength(10).IsRequired();
        builder.Property(k => k.PublicJwk).HasMaxLength(1000).IsRequired();
        builder.Property(k => k.ProtectedPrivateKey).HasMaxLength(4000).IsRequired();
        builder.HasIndex(k => k.KeyId).IsUnique();
    }
}

public sealed class IssuedCredentialConfiguration : IEntityTypeConfiguration<IssuedCredential>
{
    public void Configure(EntityTypeBuilder<IssuedCredential> builder)
    {
        builder.ToTable("IssuedCredentials");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Kind).HasConversion<int>();
        builder.Property(c => c.Title).HasMaxLength(IssuedCredential.MaxTitleLength).IsRequired();
        builder.Property(c => c.Token).IsRequired();
        builder.Ignore(c => c.StatusList);
        builder.Ignore(c => c.StatusIndex);
        builder.HasIndex(c => c.CredentialId).IsUnique();
        builder.HasIndex(c => c.ProfessionalId);
        // Kept whatever happens to the person: a row gone would let its status bit read "holds" again.
        builder.HasOne<Domain.Professionals.Professional>().WithMany().HasForeignKey(c => c.ProfessionalId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RecordImportConfiguration : IEntityTypeConfiguration<RecordImport>
{
    public void Configure(EntityTypeBuilder<RecordImport> builder)
    {
        builder.ToTable("RecordImports");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.FileName).HasMaxLength(RecordImport.MaxFileNameLength).IsRequired();
        builder.Property(i => i.IssuerDid).HasMaxLength(300);
        builder.Property(i => i.IssuerName).HasMaxLength(200);
        builder.Property(i => i.Facts).IsRequired();
        builder.HasIndex(i => i.ProfessionalId);
        builder.HasOne<Domain.Professionals.Professional>().WithMany().HasForeignKey(i => i.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
    }
}
