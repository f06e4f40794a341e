using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.History;

namespace Registry.Web.Features.Education;

/// <summary>My Registry's degrees: add, edit, remove.</summary>
public static class Degrees
{
    public sealed class Form
    {
        public string? Level { get; set; }

        public string? Major { get; set; }

        public string? Institution { get; set; }

        /// <summary>A state ("US-CA") or country ("MX") code; empty when not recorded.</summary>
        public string? EarnedIn { get; set; }

        public string? ConferredDay { get; set; }

        public string? ConferredMonth { get; set; }

        public string? ConferredYear { get; set; }

        public DegreeLevel? ParsedLevel => Enum.TryParse<DegreeLevel>(Level, out var level) && Enum.IsDefined(level) ? level : null;

        public DateOnly? ConferredOn => FormRules.ParseDate(ConferredDay, ConferredMonth, ConferredYear);

        public static Form From(Degree degree) => new()
        {
            Level = degree.Level.ToString(),
            Major = degree.Major,
            Institution = degree.Institution,
            EarnedIn = degree.EarnedIn,
            ConferredDay = degree.ConferredOn?.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ConferredMonth = degree.ConferredOn?.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ConferredYear = degree.ConferredOn?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            RuleFor(f => f.Level).Must((f, _) => f.ParsedLevel is not null).WithMessage(t["Choose the kind of degree."]);
            RuleFor(f => f.Major).NotEmpty().WithMessage(t["Enter the degree's major or field."])
                .MaximumLength(Degree.MaxTextLength).WithMessage(t["Use at most {0} characters.", Degree.MaxTextLength]);
            RuleFor(f => f.Institution).NotEmpty().WithMessage(t["Enter the college or university."])
                .MaximumLength(Degree.MaxTextLength).WithMessage(t["Use at most {0} characters.", Degree.MaxTextLength]);
            RuleFor(f => f.EarnedIn).Must(p => string.IsNullOrEmpty(p) || Domain.Places.IsKnown(p)).WithMessage(t["Choose a state or a country from the list."]);
            RuleFor(f => f.ConferredDay).Custom((_, context) =>
            {
                var form = context.InstanceToValidate;
                if (FormRules.AllBlank(form.ConferredDay, form.ConferredMonth, form.ConferredYear))
                {
                    return;
                }

                if (form.ConferredOn is not { } date)
                {
                    context.AddFailure(t["Enter a real date the degree was conferred, or leave it empty."]);
                }
                else if (date > DateOnly.FromDateTime(time.GetLocalNow().DateTime))
                {
                    context.AddFailure(t["The degree's date cannot be in the future."]);
                }
            });
        }
    }

    public sealed record DegreeView(int Id, DegreeLevel Level, string Major, string Institution, DateOnly? ConferredOn, VerificationStatus Status, string? StatusReason);

    public sealed class Handler(RegistryDbContext db, FactChangeLog facts)
    {
        public async Task<IReadOnlyList<DegreeView>> ListAsync(int professionalId, CancellationToken ct) =>
            await db.Degrees.AsNoTracking().Where(d => d.ProfessionalId == professionalId).OrderBy(d => d.Id)
                .Select(d => new DegreeView(d.Id, d.Level, d.Major, d.Institution, d.ConferredOn, d.Verification.Status, d.Verification.Reason))
                .ToListAsync(ct);

        public Task<Degree?> FindAsync(int professionalId, int id, CancellationToken ct) =>
            db.Degrees.SingleOrDefaultAsync(d => d.Id == id && d.ProfessionalId == professionalId, ct);

        public async Task AddAsync(int professionalId, Form form, CancellationToken ct)
        {
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId, ct);
            professional.AddDegree(new Degree(form.ParsedLevel!.Value, form.Major!, form.Institution!, form.ConferredOn, string.IsNullOrEmpty(form.EarnedIn) ? null : form.EarnedIn));
            await db.SaveChangesAsync(ct);
        }

        public async Task UpdateAsync(Degree degree, Form form, CancellationToken ct)
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
