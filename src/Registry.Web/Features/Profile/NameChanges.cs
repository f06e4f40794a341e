using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Documents;
using Registry.Web.Domain.Facts;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Storage;

namespace Registry.Web.Features.Profile;

/// <summary>
/// Name and date-of-birth changes once something in the record is verified: the person asks with
/// proof, registry staff (never the person themselves) approve or refuse, and until then the
/// verified name is the one the registry shows.
/// </summary>
public static class NameChanges
{
    public sealed record Mine(PersonNameAndBirth To, NameChangeStatus Status, string? Reason, DateTimeOffset RequestedAt);

    public sealed record PendingView(int Id, int ProfessionalId, string RegistryId, PersonNameAndBirth From, PersonNameAndBirth To, string ProofFileName, DateTimeOffset RequestedAt, bool Own);

    public enum Outcome
    {
        Done,
        NotFound,
        Own,
    }

    public sealed class Handler(RegistryDbContext db, IDocumentStorage storage, TimeProvider time, IStringLocalizer<SharedResource> t, ILogger<Handler> logger)
    {
        /// <summary>
        /// Whether anything in the record was checked against documents in the person's name:
        /// verified by registry staff, or training hours a sponsor posted.
        /// </summary>
        public async Task<bool> HasVerifiedFactAsync(int professionalId, CancellationToken ct) =>
            await db.Credentials.AnyAsync(c => c.ProfessionalId == professionalId && c.Verification.Status == VerificationStatus.Verified, ct)
            || await db.Courses.AnyAsync(c => c.ProfessionalId == professionalId && c.Verification.Status == VerificationStatus.Verified, ct)
            || await db.Degrees.AnyAsync(c => c.ProfessionalId == professionalId && c.Verification.Status == VerificationStatus.Verified, ct)
            || await db.TrainingRecords.AnyAsync(c => c.ProfessionalId == professionalId && (c.Verification.Status == VerificationStatus.Verified || c.TrustLevel == TrainingTrustLevel.SponsorVerified), ct)
            || await db.Employments.AnyAsync(c => c.ProfessionalId == professionalId && c.Verification.Status == VerificationStatus.Verified, ct);

        /// <summary>The person's latest request, while it waits or if it was refused (an approved one is simply their name).</summary>
        public async Task<Mine?> LatestAsync(int professionalId, CancellationToken ct)
        {
            var latest = await db.NameChanges.AsNoTracking().Where(c => c.ProfessionalId == professionalId && c.Status != NameChangeStatus.Replaced)
                .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
            return latest is { Status: NameChangeStatus.Pending or NameChangeStatus.Refused }
                ? new Mine(latest.Requested, latest.Status, latest.Reason, latest.RequestedAt)
                : null;
        }

        /// <summary>
        /// Keeps the proof with the request (for registry staff only) and asks staff for the change, replacing a request still waiting. Nothing is saved here: the caller saves
        /// once, and forgets the stored file (the returned key) if that fails.
        /// </summary>
        public async Task<(string? Key, string? Problem)> AskAsync(Professional p, PersonNameAndBirth to, IFormFile? proof, string userId, CancellationToken ct)
        {
            var (upload, problem) = await Uploads.StoreAsync(proof,
                t["Attach proof of the new name or date of birth: a court order, marriage certificate, or ID."], storage, t, logger, ct);
            if (upload is not { } stored)
            {
                return (null, problem);
            }

            var (key, _, type, file) = stored;
            foreach (var waiting in await db.NameChanges.Where(c => c.ProfessionalId == p.Id && c.Status == NameChangeStatus.Pending).ToListAsync(ct))
            {
                waiting.Replace(time.GetUtcNow());
            }

            db.NameChanges.Add(new NameChange(p.Id, Current(p), to, key, Document.SafeFileName(file.FileName, type), type, userId, time.GetUtcNow()));
            return (key, null);
        }

        public static PersonNameAndBirth Current(Professional p) => new(p.FirstName, p.MiddleName, p.LastName, p.DateOfBirth);

        public async Task<IReadOnlyList<PendingView>> PendingAsync(string staffUserId, CancellationToken ct) =>
            (await (from c in db.NameChanges.AsNoTracking()
                    where c.Status == NameChangeStatus.Pending
                    join p in db.Professionals on c.ProfessionalId equals p.Id
                    orderby c.RequestedAt
                    select new { c, p.RegistryId, p.UserId })
                .Take(100).ToListAsync(ct))
            .Select(x => new PendingView(x.c.Id, x.c.ProfessionalId, x.RegistryId, new PersonNameAndBirth(x.c.OldFirstName, x.c.OldMiddleName, x.c.OldLastName, x.c.OldDateOfBirth),
                x.c.Requested, x.c.ProofFileName, x.c.RequestedAt, x.UserId == staffUserId || x.c.RequestedByUserId == staffUserId))
            .ToList();

        /// <summary>A request's proof, for registry staff.</summary>
        public async Task<(NameChange Change, Stream Content)?> OpenProofAsync(int id, CancellationToken ct) =>
            await db.NameChanges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } change && await storage.OpenAsync(change.ProofStorageKey, ct) is { } content
                ? (change, content)
                : null;

        public async Task<Outcome> ApproveAsync(int id, string staffUserId, CancellationToken ct)
        {
            if (await FindAsync(id, ct) is not { } found)
            {
                return Outcome.NotFound;
            }

            var (change, person) = found;
            if (person.UserId == staffUserId || change.RequestedByUserId == staffUserId)
            {
                return Outcome.Own;
            }

            change.Approve(staffUserId, time.GetUtcNow());
            person.Rename(new PersonName(change.FirstName, change.MiddleName, change.LastName, person.FormerLastNames));
            person.DateOfBirth = change.DateOfBirth;
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }

        public async Task<Outcome> RefuseAsync(int id, string reason, string staffUserId, CancellationToken ct)
        {
            if (await FindAsync(id, ct) is not { } found)
            {
                return Outcome.NotFound;
            }

            var (change, person) = found;
            if (person.UserId == staffUserId || change.RequestedByUserId == staffUserId)
            {
                return Outcome.Own;
            }

            change.Refuse(reason, staffUserId, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }

        private async Task<(NameChange Change, Professional Person)?> FindAsync(int id, CancellationToken ct)
        {
            var change = await db.NameChanges.SingleOrDefaultAsync(c => c.Id == id && c.Status == NameChangeStatus.Pending, ct);
            var person = change is null ? null : await db.Professionals.SingleOrDefaultAsync(p => p.Id == change.ProfessionalId, ct);
            return change is null || person is null ? null : (change, person);
        }
    }
}
