using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Training;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.History;

namespace Registry.Web.Features.Training;

/// <summary>My Registry's professional development: training hours, with this year's and each permit's renewal totals.</summary>
public static class TrainingHours
{
    public sealed record RecordView(int Id, string Title, string Sponsor, DateOnly AttendedOn, decimal ClockHours, string? TopicArea, string? Language, DeliveryMode? DeliveryMode, TrainingTrustLevel Trust, VerificationStatus Status);

    public sealed record ViewModel(IReadOnlyList<RecordView> Records, TrainingTotals Totals);

    public sealed class Handler(RegistryDbContext db, TimeProvider time, FactChangeLog facts)
    {
        public async Task<ViewModel> ListAsync(int professionalId, CancellationToken ct)
        {
            var records = await db.TrainingRecords.AsNoTracking().Where(r => r.ProfessionalId == professionalId).OrderByDescending(r => r.AttendedOn).ToListAsync(ct);
            var credentials = await db.Credentials.AsNoTracking().Where(c => c.ProfessionalId == professionalId).ToListAsync(ct);
            var totals = TrainingTotals.Compute(records, credentials, DateOnly.FromDateTime(time.GetLocalNow().DateTime));
            return new ViewModel(
                records.Select(r => new RecordView(r.Id, r.Title, r.Sponsor, r.AttendedOn, r.ClockHours, r.TopicArea, r.Language, r.DeliveryMode, r.TrustLevel, r.Verification.Status)).ToList(),
                totals);
        }

        /// <summary>A record the person may change: their own, and self-reported.</summary>
        public Task<TrainingRecord?> FindEditableAsync(int professionalId, int id, CancellationToken ct) =>
            db.TrainingRecords.SingleOrDefaultAsync(r => r.Id == id && r.ProfessionalId == professionalId && r.TrustLevel == TrainingTrustLevel.SelfReported, ct);

        public async Task AddAsync(int professionalId, TrainingFields.Form form, CancellationToken ct)
        {
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId, ct);
            professional.AddTrainingRecord(new TrainingRecord(form.Title!, form.Sponsor!, form.AttendedOn!.Value, FormRules.ParseDecimal(form.ClockHours)!.Value,
                form.TopicArea, form.Language, form.ParsedDeliveryMode, TrainingTrustLevel.SelfReported));
            await db.SaveChangesAsync(ct);
        }

        public async Task<bool> UpdateAsync(int professionalId, int id, TrainingFields.Form form, CancellationToken ct)
        {
            if (await FindEditableAsync(professionalId, id, ct) is not { } record)
            {
                return false;
            }

            var watch = Domain.Facts.FactWatch.Before(record);
            record.Update(form.Title!, form.Sponsor!, form.AttendedOn!.Value, FormRules.ParseDecimal(form.ClockHours)!.Value, form.TopicArea, form.Language, form.ParsedDeliveryMode);
            facts.Record(watch, record);
            await db.SaveChangesAsync(ct);
            return true;
        }

        public Task<bool> RemoveAsync(int professionalId, int id, CancellationToken ct) =>
            db.RemoveOneAsync(db.TrainingRecords.Where(r => r.Id == id && r.ProfessionalId == professionalId && r.TrustLevel == TrainingTrustLevel.SelfReported), ct);
    }
}
