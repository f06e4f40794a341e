using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Signed;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Signed;

namespace Registry.Web.Features.SignedCredentials;

/// <summary>
/// "My signed credentials": a person asks for a signed credential of a verified permit or of their
/// membership, downloads it again, or withdraws it. Nothing is issued unless they ask.
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

    public sealed record Offer(int PermitId, CredentialType Type, string? Number, DateOnly? ExpiresOn);

    public sealed record Issued(int Id, string Title, DateTimeOffset IssuedAt, DateTimeOffset? ValidUntil, Standing Standing);

    public sealed record PageView(string RegistryId, IReadOnlyList<Offer> Permits, IReadOnlyList<Issued> Credentials);

    public sealed class Handler(RegistryDbContext db, RegistryIssuer issuer, CredentialTokens tokens, StatusLists lists, TimeProvider time, IStringLocalizer<SharedResource> t)
    {
        public async Task<PageView?> PageAsync(int professionalId, CancellationToken ct)
        {
            var person = await db.Professionals.AsNoTracking().Where(p => p.Id == professionalId).Select(p => new { p.RegistryId }).SingleOrDefaultAsync(ct);
            if (person is null)
            {
                return null;
            }

            var today = Today();
            var permits = await Verified(professionalId, today).OrderBy(c => c.Type)
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
        public async Task<int?> IssuePermitAsync(int professionalId, int permitId, bool withNumber, CancellationToken ct)
        {
            var permit = await Verified(professionalId, Today()).Where(c => c.Id == permitId).SingleOrDefaultAsync(ct);
            if (permit is null || await HolderAsync(professionalId, ct) is not { } holder)
            {
                return null;
            }

            var typeName = English("Credential" + permit.Type);
            var name = permit.Type == CredentialType.Other && permit.Description is { } description ? description : typeName;
            var validUntil = permit.ExpiresOn is { } expires ? Midnight(expires) : (DateTimeOffset?)null;
            var facts = new OpenBadges.Permit(permit.Type.ToString(), name, permit.Number, permit.IssuingBody, permit.IssuedOn, permit.ExpiresOn, permit.Verification.At ?? time.GetUtcNow());
            return await IssueAsync(
                new IssuedCredential(professionalId, IssuedCredentialKind.Permit, $"{name} (verified)", permit.Id, permit.ConcurrencyStamp, permit.Verification.At, Guid.NewGuid(), Now(), validUntil),
                issued => OpenBadges.ForPermit(issuer, issued, holder, facts, validUntil, withNumber), ct);
        }

        /// <summary>Issues a signed credential of the person's registry membership; null when they have no record (or it was merged into another).</summary>
        public async Task<int?> IssueMembershipAsync(int professionalId, CancellationToken ct) =>
            await HolderAsync(professionalId, ct) is { } holder
                ? await IssueAsync(
                    new IssuedCredential(professionalId, IssuedCredentialKind.Membership, $"{issuer.Name} membership", null, null, null, Guid.NewGuid(), Now(), null),
                    issued => OpenBadges.ForMembership(issuer, issued, holder), ct)
                : null;

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

        private async Task<int> IssueAsync(IssuedCredential issued, Func<IssuedCredential, System.Text.Json.Nodes.JsonObject> build, CancellationToken ct)
        {
            // The credential's place in the status list is its row's id: the row is saved, then the
            // credential signed and kept, in one transaction (no row without its credential).
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                db.IssuedCredentials.Add(issued);
                await db.SaveChangesAsync(ct);
                issued.Keep(await tokens.SignAsync(build(issued), ct));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return issued.Id;
            });
        }

        private IQueryable<Credential> Verified(int professionalId, DateOnly today) =>
            db.Credentials.AsNoTracking().Where(c => c.ProfessionalId == professionalId && c.Verification.Status == VerificationStatus.Verified
                && (c.ExpiresOn == null || c.ExpiresOn > today)
                && db.Professionals.Any(p => p.Id == professionalId && p.MergedIntoId == null));

        private async Task<OpenBadges.Holder?> HolderAsync(int professionalId, CancellationToken ct) =>
            await db.Professionals.AsNoTracking().Where(p => p.Id == professionalId && p.MergedIntoId == null)
                .Select(p => new { p.FirstName, p.LastName, p.RegistryId }).SingleOrDefaultAsync(ct) is { } p
                ? new OpenBadges.Holder($"{p.FirstName} {p.LastName}", RegistryId.Format(p.RegistryId))
                : null;

        /// <summary>Credentials are written in English (see <see cref="OpenBadges"/>), whatever the page's language.</summary>
        private string English(string key)
        {
            var culture = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            try
            {
                return t[key].Value;
            }
            finally
            {
                CultureInfo.CurrentUICulture = culture;
            }
        }

        private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());

        private DateOnly Today() => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

        /// <summary>The start of the day, where the registry is: the permit has lapsed from then.</summary>
        private DateTimeOffset Midnight(DateOnly day)
        {
            var local = day.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, time.LocalTimeZone.GetUtcOffset(local));
        }
    }
}
