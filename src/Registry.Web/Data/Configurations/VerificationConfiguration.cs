using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Data.Configurations;

/// <summary>Maps a fact's <see cref="Verification"/> to columns of the fact's own table.</summary>
internal static class VerificationConfiguration
{
    public static void OwnsVerification<T>(this EntityTypeBuilder<T> builder)
        where T : class, IVerifiable
    {
        builder.OwnsOne(e => e.Verification, (OwnedNavigationBuilder<T, Verification> v) =>
        {
            v.Property(x => x.Status).HasColumnName("VerificationStatus").HasConversion<int>();
            v.Property(x => x.Reason).HasColumnName("VerificationReason").HasMaxLength(Verification.MaxReasonLength);
            v.Property(x => x.ByUserId).HasColumnName("VerifiedByUserId").HasMaxLength(450);
            v.Property(x => x.At).HasColumnName("VerifiedAt");

            // Registry staff work through the queue of facts pending review.
            v.HasIndex(x => x.Status);
        });
        builder.Navigation(e => e.Verification).IsRequired();
    }
}
