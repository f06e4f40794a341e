using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Features.Card;

/// <summary>The membership card (registry id and a QR code) and the public verification page it opens.</summary>
public static class MembershipCard
{
    public sealed record CardView(string Name, string RegistryId, string FormattedRegistryId, bool AllowsPublicVerification, string SignedPayload);

    public sealed record PermitLine(CredentialType Type, DateOnly? ExpiresOn);

    public sealed record PublicView(string Name, string FormattedRegistryId, IReadOnlyList<PermitLine> VerifiedPermits);

    public sealed class Handler(RegistryDbContext db, Infrastructure.Signed.CredentialIssuer credentials, TimeProvider time)
    {
        /// <summary>The card, with its signed payload (made when the person first opens their card, and again once one no longer holds).</summary>
        public async Task<CardView?> CardAsync(int professionalId, CancellationToken ct) =>
            await db.Professionals.AsNoTracking().Where(p => p.Id == professionalId)
                .Select(p => new { p.FirstName, p.LastName, p.RegistryId, p.AllowsPublicVerification })
                .SingleOrDefaultAsync(ct) is { } p && await credentials.CardAsync(professionalId, ct) is { } signed
                ? new CardView($"{p.FirstName} {p.LastName}", p.RegistryId, RegistryId.Format(p.RegistryId), p.AllowsPublicVerification, signed.Token)
                : null;

        public async Task SetPublicAsync(int professionalId, bool allow, CancellationToken ct)
        {
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId, ct);
            professional.AllowsPublicVerification = allow;
            await db.SaveChangesAsync(ct);
        }

        /// <summary>Whose registry id this is (any spelling of it), for tagging their cached verification page.</summary>
        public async Task<int?> PersonIdAsync(string? typedId, CancellationToken ct) =>
            RegistryId.Normalize(typedId) is { } id
                ? await db.Professionals.AsNoTracking().Where(x => x.RegistryId == id).Select(x => (int?)x.Id).SingleOrDefaultAsync(ct)
                : null;

        /// <summary>The public page's content, or null when the id is unknown or the person has not allowed it (the same answer).</summary>
        public async Task<PublicView?> PublicAsync(string? typedId, CancellationToken ct)
        {
            if (RegistryId.Normalize(typedId) is not { } id)
            {
                return null;
            }

            var p = await db.Professionals.AsNoTracking()
                .Where(x => x.RegistryId == id && x.AllowsPublicVerification)
                .Select(x => new { x.Id, x.FirstName, x.LastName, x.RegistryId })
                .SingleOrDefaultAsync(ct);
            if (p is null)
            {
                return null;
            }

            var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
            var permits = await db.Credentials.AsNoTracking()
                .Where(c => c.ProfessionalId == p.Id && c.Verification.Status == VerificationStatus.Verified && (c.ExpiresOn == null || c.ExpiresOn > today))
                .OrderBy(c => c.Type)
                .Select(c => new PermitLine(c.Type, c.ExpiresOn))
                .ToListAsync(ct);
            return new PublicView($"{p.FirstName} {p.LastName}", RegistryId.Format(p.RegistryId), permits);
        }
    }
}
