using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Accounts;

namespace Registry.Web.Data.Configurations;

public sealed class SignUpDraftConfiguration : IEntityTypeConfiguration<SignUpDraft>
{
    public void Configure(EntityTypeBuilder<SignUpDraft> builder)
    {
        builder.ToTable("SignUpDrafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Data).IsRequired();

        // Expired drafts are deleted in bulk.
        builder.HasIndex(d => d.ExpiresAt);
    }
}
