using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.History;

namespace Registry.Web.Features.Education;

/// <summary>My Registry's degrees: add, edit, remove.</summary>
public static class Degrees
{
    public sealed record DegreeView(int Id, DegreeLevel Level, string Major, string Institution, DateOnly? ConferredOn, VerificationStatus Status, string? StatusReason);

    public sealed class Handler(RegistryDbContext db, FactChangeLog facts)
    {
        public async Task<IReadOnlyList<DegreeView>> ListAsync(int professionalId, CancellationToken ct) =>
            await db.Degrees.AsNoTracking().Where(d => d.ProfessionalId == professionalId).OrderBy(d => d.Id)
                .Select(d => new DegreeView(d.Id, d.Level, d.Major, d.Institution, d.ConferredOn, d.Verification.Status, d.Verification.Reason))
                .ToListAsync(ct);

        public Task<Degree?> FindAsync(int professionalId, int id, CancellationToken ct) =>
            db.Degrees.SingleOrDefaultAsync(d => d.Id == id && d.ProfessionalId == professionalId, ct);

        public async Task AddAsync(int professionalId, DegreeFields.Form form, CancellationToken ct)
        {
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId, ct);
            professional.AddDegree(new Degree(form.ParsedLevel!.Value, form.Major!, form.Institution!, form.ConferredOn, string.IsNullOrEmpty(form.EarnedIn) ? null : form.EarnedIn));
            await db.SaveChangesAsync(ct);
        }

        public async Task UpdateAsync(Degree degree, DegreeFields.Form form, CancellationToken ct)
        {
            var watch = Domain.Facts.FactWatch.Before(degree);
            degree.Update(form.ParsedLevel!.Value, form.Major!, form.Institution!, form.ConferredOn, string.IsNullOrEmpty(form.EarnedIn) ? null : form.EarnedIn);
            facts.Record(watch, degree);
            await db.SaveChangesAsync(ct);
        }

        public Task<bool> RemoveAsync(int professionalId, int id, CancellationToken ct) =>
            db.RemoveOneAsync(db.Degrees.Where(d => d.Id == id && d.ProfessionalId == professionalId), ct);
    }
}
