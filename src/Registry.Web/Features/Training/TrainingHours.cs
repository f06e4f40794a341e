using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Training;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.History;

namespace Registry.Web.Features.Training;

/// <summary>My Registry's professional development: training hours, with this year's and each permit's renewal totals.</summary>
public static class TrainingHours
{
    public const decimal MaxClockHours = 100m;

    public sealed class Form
    {
        public string? Title { get; set; }

        public string? Sponsor { get; set; }

        public string? AttendedDay { get; set; }

        public string? AttendedMonth { get; set; }

        public string? AttendedYear { get; set; }

        public string? ClockHours { get; set; }

        public string? TopicArea { get; set; }

        public string? Language { get; set; }

        public string? DeliveryMode { get; set; }

        public DateOnly? AttendedOn => FormRules.ParseDate(AttendedDay, AttendedMonth, AttendedYear);

        public DeliveryMode? ParsedDeliveryMode => Enum.TryParse<DeliveryMode>(DeliveryMode, out var mode) && Enum.IsDefined(mode) ? mode : null;

        public static Form From(TrainingRecord record) => new()
        {
            Title = record.Title,
            Sponsor = record.Sponsor,
            AttendedDay = record.AttendedOn.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AttendedMonth = record.AttendedOn.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AttendedYear = record.AttendedOn.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ClockHours = record.ClockHours.ToString("0.##", System.Globalization.CultureInfo.CurrentCulture),
            TopicArea = record.TopicArea,
            Language = record.Language,
            DeliveryMode = record.DeliveryMode?.ToString(),
        };
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            RuleFor(f => f.Title).NotEmpty().WithMessage(t["Enter the training's title."])
                .MaximumLength(TrainingRecord.MaxTextLength).WithMessage(t["Use at most {0} characters.", TrainingRecord.MaxTextLength]);
            RuleFor(f => f.Sponsor).NotEmpty().WithMessage(t["Enter who gave the training."])
                .MaximumLength(TrainingRecord.MaxTextLength).WithMessage(t["Use at most {0} characters.", TrainingRecord.MaxTextLength]);
            RuleFor(f => f.AttendedDay).Custom((_, context) =>
            {
                var form = context.InstanceToValidate;
                if (form.AttendedOn is not { } date)
                {
                    context.AddFailure(t["Enter a real date, for example 7 2 2026."]);
                }
                else if (date > DateOnly.FromDateTime(time.GetLocalNow().DateTime))
                {
                    context.AddFailure(t["Add training once you have attended it: the date cannot be in the future."]);
                }
            });
            RuleFor(f => f.ClockHours).Custom((value, context) =>
            {
                var hours = FormRules.ParseDecimal(value);
                if (hours is null || hours <= 0 || hours > MaxClockHours || decimal.Round(hours.Value, 2) != hours)
                {
                    context.AddFailure(t["Enter clock hours as a number from 0.25 to {0}, like 3 or 1.5.", MaxClockHours]);
                }
            });
            RuleFor(f => f.TopicArea).MaximumLength(100).WithMessage(t["Use at most {0} characters.", 100]);
            RuleFor(f => f.Language).MaximumLength(60).WithMessage(t["Use at most {0} characters.", 60]);
            RuleFor(f => f.DeliveryMode).Must((f, _) => f.ParsedDeliveryMode is not null).When(f => !string.IsNullOrWhiteSpace(f.DeliveryMode), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Choose in person, online or both."]);
        }
    }

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

        public async Task AddAsync(int professionalId, Form form, CancellationToken ct)
        {
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId, ct);
            professional.AddTrainingRecord(new TrainingRecord(form.Title!, form.Sponsor!, form.AttendedOn!.Value, FormRules.ParseDecimal(form.ClockHours)!.Value,
                form.TopicArea, form.Language, form.ParsedDeliveryMode, TrainingTrustLevel.SelfReported));
            await db.SaveChangesAsync(ct);
        }

        public async Task<bool> UpdateAsync(int professionalId, int id, Form form, CancellationToken ct)
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
