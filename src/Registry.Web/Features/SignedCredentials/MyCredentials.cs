using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Signed;

namespace Registry.Web.Features.SignedCredentials;

/// <summary>
/// "My signed credentials": a person asks for a signed credential of a verified permit, of their
/// membership, of what they qualify for or of their whole verified record; downloads it again; or
/// withdraws it. Nothing is issued unless they ask.
/// </summary>
public static class MyCredentials
{
    public enum Standing
    {
        Holds,
        Withdrawn,

        /// <summary>What it states changed after it was issued (un-verified, edited, removed, merged).</summary>
        Revoked,
        Expired,
    }

    public enum Kind
    {
        Membership,
        Qualifications,
        Transcript,
    }

    public sealed record Offer(int PermitId, CredentialType Type, string? Number, DateOnly? ExpiresOn);

    public sealed record Issued(int Id, string Title, DateTimeOffset IssuedAt, DateTimeOffset? ValidUntil, Standing Standing);

    public sealed record PageView(string RegistryId, IReadOnlyList<Offer> Permits, IReadOnlyList<Issued> Credentials);

    public sealed class Handler(RegistryDbContext db, CredentialIssuer issue, StatusLists lists, TimeProvider time)
    {
        public async Task<PageView?> PageAsync(int professionalId, CancellationToken ct)
        {
            var person = await db.Professionals.AsNoTracking().Where(p => p.Id == professionalId).Select(p => new { p.RegistryId }).SingleOrDefaultAsync(ct);
            if (person is null)
            {
                return null;
            }

            var permits = await issue.VerifiedPermits(professionalId).OrderBy(c => c.Type)
                .Select(c => new Offer(c.Id, c.Type, c.Number, c.ExpiresOn)).ToListAsync(ct);
            var mine = db.IssuedCredentials.Where(c => c.ProfessionalId == professionalId);
            var holding = (await lists.Holding(mine).ToListAsync(ct)).ToHashSet();
            var now = time.GetUtcNow();
            var issued = (await mine.AsNoTracking().OrderByDescending(c => c.Id)
                    .Select(c => new { c.Id, c.Title, c.IssuedAt, c.ValidUntil, c.WithdrawnAt }).ToListAsync(ct))
                .Select(c => new Issued(c.Id, c.Title, c.IssuedAt, c.ValidUntil,
                    c.WithdrawnAt is not null ? Standing.Withdrawn
                    : !holding.Contains(c.Id) ? Standing.Revoked
                    : c.ValidUntil is { } until && until <= now ? Standing.Expired
                    : Standing.Holds))
                .ToList();
            return new PageView(RegistryId.Format(person.RegistryId), permits, issued);
        }

        /// <summary>Issues a signed credential of one of the person's own verified, current permits; null when it is not one.</summary>
        public async Task<int?> IssuePermitAsync(int professionalId, int permitId, bool withNumber, CancellationToken ct) =>
            (await issue.PermitAsync(professionalId, permitId, withNumber, ct))?.Id;

        /// <summary>Issues a credential of the person's membership, qualifications or whole verified record; null when they have no record (or it was merged into another).</summary>
        public async Task<int?> IssueAsync(int professionalId, Kind kind, CancellationToken ct) =>
            (kind switch
            {
                Kind.Membership => await issue.MembershipAsync(professionalId, ct),
                Kind.Qualifications => await issue.QualificationsAsync(professionalId, ct),
                _ => await issue.TranscriptAsync(professionalId, ct),
            })?.Id;

        /// <summary>One of the person's own credentials, as they received it.</summary>
        public async Task<(string FileName, string Token)?> TokenAsync(int professionalId, int id, CancellationToken ct) =>
            await db.IssuedCredentials.AsNoTracking().Where(c => c.Id == id && c.ProfessionalId == professionalId)
                .Select(c => new { c.Token, c.Kind }).SingleOrDefaultAsync(ct) is { } found
                ? (string.Create(CultureInfo.InvariantCulture, $"registry-credential-{id}-{found.Kind.ToString().ToLowerInvariant()}.jwt"), found.Token)
                : null;

        /// <summary>Withdraws one of the person's own credentials: it shows as revoked from now on. False when it is not theirs.</summary>
        public async Task<bool> WithdrawAsync(int professionalId, int id, CancellationToken ct)
        {
            var issued = await db.IssuedCredentials.SingleOrDefaultAsync(c => c.Id == id && c.ProfessionalId == professionalId, ct);
            if (issued is null)
            {
                return false;
            }

            issued.Withdraw(time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
