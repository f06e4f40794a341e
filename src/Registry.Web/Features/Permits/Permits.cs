using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.History;

namespace Registry.Web.Features.Permits;

/// <summary>My Registry's permits and credentials: add, edit, remove, with expired and expiring ones shown plainly.</summary>
public static class PermitRecords
{
    public sealed record PermitView(
        int Id, CredentialType Type, string? Description, bool SchoolAgeEmphasis, string? Number, string IssuingBody,
        DateOnly IssuedOn, DateOnly? ExpiresOn, bool ExpiryAssumed, CredentialStanding Standing, VerificationStatus Status, string? StatusReason);

    public sealed class Handler(RegistryDbContext db, TimeProvider time, FactChangeLog facts)
    {
        public async Task<IReadOnlyList<PermitView>> ListAsync(int professionalId, CancellationToken ct)
        {
            var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
            var credentials = await db.Credentials.AsNoTracking().Where(c => c.ProfessionalId == professionalId).OrderBy(c => c.Type).ThenByDescending(c => c.IssuedOn).ToListAsync(ct);
            return credentials.Select(c => new PermitView(
                c.Id, c.Type, c.Description, c.SchoolAgeEmphasis, c.Number, c.IssuingBody, c.IssuedOn, c.ExpiresOn, c.ExpiryAssumed,
                c.StandingOn(today), c.Verification.Status, c.Verification.Reason)).ToList();
        }

        public Task<Credential?> FindAsync(int professionalId, int id, CancellationToken ct) =>
            db.Credentials.SingleOrDefaultAsync(c => c.Id == id && c.ProfessionalId == professionalId, ct);

        public async Task AddAsync(int professionalId, PermitFields.Form form, CancellationToken ct)
        {
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId, ct);
            var credential = new Credential(form.ParsedType!.Value, form.Number, form.IssuingBody!, form.IssuedOn!.Value, form.ExpiresOn, form.SchoolAgeEmphasis, NullIfEmpty(form.EarnedIn))
            {
                Description = form.ParsedType == CredentialType.Other ? form.Description?.Trim() : null,
            };
            professional.AddCredential(credential);
            await db.SaveChangesAsync(ct);
        }

        public async Task<bool> UpdateAsync(int professionalId, int id, PermitFields.Form form, CancellationToken ct)
        {
            if (await FindAsync(professionalId, id, ct) is not { } credential)
            {
                return false;
            }

            var watch = Domain.Facts.FactWatch.Before(credential);
            credential.Update(form.ParsedType!.Value, form.Number, form.IssuingBody!, form.IssuedOn!.Value, form.ExpiresOn, form.SchoolAgeEmphasis,
                form.ParsedType == CredentialType.Other ? form.Description : null, NullIfEmpty(form.EarnedIn));
            facts.Record(watch, credential);
            await db.SaveChangesAsync(ct);
            return true;
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        public Task<bool> RemoveAsync(int professionalId, int id, CancellationToken ct) =>
            db.RemoveOneAsync(db.Credentials.Where(c => c.Id == id && c.ProfessionalId == professionalId), ct);
    }
}
