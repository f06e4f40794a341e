using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Facts;
using Registry.Web.Domain.Professionals;

namespace Registry.Web.Data.Configurations;

public sealed class FactChangeConfiguration : IEntityTypeConfiguration<FactChange>
{
    public void Configure(EntityTypeBuilder<FactChange> builder)
    {
        builder.ToTable("FactChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Kind).HasConversion<int>();
        builder.Property(c => c.Field).HasMaxLength(80);
        builder.Property(c => c.OldValue).HasMaxLength(FactChange.MaxValueLength);
        builder.Property(c => c.NewValue).HasMaxLength(FactChange.MaxValueLength);
        builder.Property(c => c.ChangedByUserId).HasMaxLength(450);
        builder.Property(c => c.ConfirmedByUserId).HasMaxLength(450);
        builder.Property(c => c.VerifiedByUserId).HasMaxLength(450);
        builder.HasOne<Professional>().WithMany().HasForeignKey(c => c.ProfessionalId).OnDelete(DeleteBehavior.Cascade);

        // A director's staff page reads the changes of its jobs; staff read the newest first.
        builder.HasIndex(c => new { c.Kind, c.FactId });
        builder.HasIndex(c => c.ChangedAt);
    }
}

public sealed class NameChangeConfiguration : IEntityTypeConfiguration<NameChange>
{
    public void Configure(EntityTypeBuilder<NameChange> builder)
    {
        builder.ToTable("NameChanges");
        builder.HasKey(c => c.Id);
        foreach (var name in new[] { nameof(NameChange.FirstName), nameof(NameChange.MiddleName), nameof(NameChange.LastName), nameof(NameChange.OldFirstName), nameof(NameChange.OldMiddleName), nameof(NameChange.OldLastName) })
        {
            builder.Property(name).HasMaxLength(Professional.MaxNameLength);
        }

        builder.Property(c => c.Status).HasConversion<int>();
        builder.Property(c => c.ProofStorageKey).HasMaxLength(64);
        builder.Property(c => c.ProofFileName).HasMaxLength(Domain.Documents.Document.MaxFileNameLength);
        builder.Property(c => c.ProofFileType).HasConversion<int>();
        builder.Property(c => c.Reason).HasMaxLength(NameChange.MaxReasonLength);
        builder.Property(c => c.RequestedByUserId).HasMaxLength(450);
        builder.Property(c => c.DecidedByUserId).HasMaxLength(450);
        builder.Ignore(c => c.Requested);
        builder.HasOne<Professional>().WithMany().HasForeignKey(c => c.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.Status, c.RequestedAt });
        builder.HasIndex(c => c.ProfessionalId);
    }
}
