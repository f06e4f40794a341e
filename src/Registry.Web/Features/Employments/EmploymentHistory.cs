using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.History;

namespace Registry.Web.Features.Employments;

/// <summary>My Registry's employment history: add a current or past job, revise it, end it, change role, remove a mistake.</summary>
public static class EmploymentHistory
{
    public sealed class ChangeRoleForm
    {
        public string? Role { get; set; }

        public string? RoleDescription { get; set; }

        public string? FromDay { get; set; }

        public string? FromMonth { get; set; }

        public string? FromYear { get; set; }

        public EmploymentRole? ParsedRole => Enum.TryParse<EmploymentRole>(Role, out var role) && Enum.IsDefined(role) ? role : null;

        public DateOnly? From => FormRules.ParseDate(FromDay, FromMonth, FromYear);
    }

    public sealed class ChangeRoleValidator : AbstractValidator<ChangeRoleForm>
    {
        public ChangeRoleValidator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            RuleFor(f => f.Role).Must((f, _) => f.ParsedRole is not null).WithMessage(t["Choose your role."]);
            RuleFor(f => f.RoleDescription).NotEmpty().When(f => f.ParsedRole == EmploymentRole.Other).WithMessage(t["Say what your role is."])
                .MaximumLength(Employment.MaxRoleDescriptionLength).WithMessage(t["Use at most {0} characters.", Employment.MaxRoleDescriptionLength]);
            RuleFor(f => f.RoleDescription).Empty().When(f => f.ParsedRole is not null and not EmploymentRole.Other && !string.IsNullOrWhiteSpace(f.RoleDescription))
                .WithMessage(t["Choose \"Other\" as the role to keep this description, or clear it."]);
            RuleFor(f => f.FromDay).Must((f, _) => f.From is { } from && from <= DateOnly.FromDateTime(time.GetLocalNow().DateTime))
                .WithMessage(t["Enter the real date the new role started, not in the future."]);
        }
    }

    public sealed record JobView(
        int Id, string EmployerName, string? LicenseNumber, bool Unlisted, EmploymentRole Role, string? RoleDescription, DateOnly StartDate, DateOnly? EndDate,
        decimal DaysPerWeek, decimal HoursPerDay, bool SupervisesAdults, AgeGroups AgeGroups, bool Confirmed, VerificationStatus Status);

    public sealed class Handler(RegistryDbContext db, FactChangeLog facts)
    {
        public async Task<IReadOnlyList<JobView>> ListAsync(int professionalId, CancellationToken ct) =>
            await (from e in db.Employments.AsNoTracking()
                   where e.ProfessionalId == professionalId
                   join employer in db.Employers on e.EmployerId equals employer.Id into listed
                   from employer in listed.DefaultIfEmpty()
                   orderby e.EndDate == null descending, e.StartDate descending
                   select new JobView(
                       e.Id, employer != null ? employer.Name : e.UnlistedEmployer!.BusinessName, employer != null ? employer.LicenseNumber : null, employer == null,
                       e.Role, e.RoleDescription, e.StartDate, e.EndDate, e.Schedule.DaysPerWeek, e.Schedule.HoursPerDay, e.SupervisesAdults, e.AgeGroupsServed,
                       e.ConfirmedAt != null, e.Verification.Status))
                .ToListAsync(ct);

        public Task<Employment?> FindAsync(int professionalId, int id, CancellationToken ct) =>
            db.Employments.SingleOrDefaultAsync(e => e.Id == id && e.ProfessionalId == professionalId, ct);

        public async Task<string?> EmployerNameAsync(int employerId, CancellationToken ct) =>
            await db.Employers.AsNoTracking().Where(e => e.Id == employerId).Select(e => e.Name + " (" + e.LicenseNumber + ")").SingleOrDefaultAsync(ct);

        /// <summary>Adds a job; false when the chosen employer does not exist.</summary>
        public async Task<bool> AddAsync(int professionalId, JobFields.Form form, CancellationToken ct)
        {
            if (form.EmployerId is { } employerId && !await db.Employers.AnyAsync(e => e.Id == employerId, ct))
            {
                return false;
            }

            var schedule = new EmploymentSchedule(FormRules.ParseDecimal(form.DaysPerWeek)!.Value, FormRules.ParseDecimal(form.HoursPerDay)!.Value);
            var job = form.EmployerId is { } id
                ? Employment.AtListedEmployer(id, form.ParsedRole!.Value, form.StartDate!.Value, schedule)
                : Employment.AtUnlistedEmployer(new UnlistedEmployer(form.UnlistedName!.Trim(), FormRules.Blank(form.UnlistedAddress), form.UnlistedCity!.Trim()), form.ParsedRole!.Value, form.StartDate!.Value, schedule);
            job.Describe(form.SupervisesAdults, form.ParsedAgeGroups, FormRules.ParseDecimal(form.HourlyWage), form.ParsedRole == EmploymentRole.Other ? form.RoleDescription : null);
            if (form.EndDate is { } end)
            {
                job.End(end);
            }

            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId, ct);
            professional.AddEmployment(job);
            await db.SaveChangesAsync(ct);
            return true;
        }

        public async Task ReviseAsync(Employment job, JobFields.Form form, CancellationToken ct)
        {
            var watch = Domain.Facts.FactWatch.Before(job);
            job.Revise(form.ParsedRole!.Value, form.ParsedRole == EmploymentRole.Other ? form.RoleDescription : null, form.StartDate!.Value, form.EndDate,
                new EmploymentSchedule(FormRules.ParseDecimal(form.DaysPerWeek)!.Value, FormRules.ParseDecimal(form.HoursPerDay)!.Value),
                form.SupervisesAdults, form.ParsedAgeGroups, FormRules.ParseDecimal(form.HourlyWage));
            facts.Record(watch, job);
            await db.SaveChangesAsync(ct);
        }

        public async Task ChangeRoleAsync(int professionalId, Employment job, ChangeRoleForm form, CancellationToken ct)
        {
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId, ct);
            professional.AddEmployment(job.ChangeRole(form.ParsedRole!.Value, form.ParsedRole == EmploymentRole.Other ? form.RoleDescription : null, form.From!.Value));
            await db.SaveChangesAsync(ct);
        }

        /// <summary>Removes a job added by mistake. A job an employer confirmed is history: it can be ended, not removed.</summary>
        public Task<bool> RemoveAsync(int professionalId, int id, CancellationToken ct) =>
            db.RemoveOneAsync(db.Employments.Where(e => e.Id == id && e.ProfessionalId == professionalId && e.ConfirmedAt == null), ct);
    }
}
