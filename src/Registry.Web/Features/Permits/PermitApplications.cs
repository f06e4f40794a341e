using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Infrastructure.Forms;

namespace Registry.Web.Features.Permits;

/// <summary>
/// Child Development Permits the person has applied for and is waiting on: stipend programs
/// accept a permit "held or applied for". Recorded and removed on the permits page.
/// </summary>
public static class PermitApplications
{
    public sealed class Form
    {
        public string? Type { get; set; }

        public string? AppliedDay { get; set; }

        public string? AppliedMonth { get; set; }

        public string? AppliedYear { get; set; }

        public CredentialType? ParsedType =>
            Enum.TryParse<CredentialType>(Type, out var type) && Enum.IsDefined(type) && Credential.IsChildDevelopmentPermit(type) ? type : null;

        public DateOnly? AppliedOn => FormRules.ParseDate(AppliedDay, AppliedMonth, AppliedYear);
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            RuleFor(f => f.Type).Must((f, _) => f.ParsedType is not null).WithMessage(t["Choose the permit you applied for."]);
            RuleFor(f => f.AppliedDay).Custom((_, context) =>
            {
                var form = context.InstanceToValidate;
                if (FormRules.AllBlank(form.AppliedDay, form.AppliedMonth, form.AppliedYear))
                {
                    context.AddFailure(t["Enter the date you applied."]);
                }
                else if (form.AppliedOn is not { } date || date.Year < 1990)
                {
                    context.AddFailure(t["Enter a real date you applied."]);
                }
                else if (date > DateOnly.FromDateTime(time.GetLocalNow().DateTime))
                {
                    context.AddFailure(t["The date you applied cannot be in the future."]);
                }
            });
        }
    }

    public sealed record ApplicationView(int Id, CredentialType Type, DateOnly AppliedOn);

    public sealed class Handler(RegistryDbContext db)
    {
        public async Task<IReadOnlyList<ApplicationView>> ListAsync(int professionalId, CancellationToken ct) =>
            await db.PermitApplications.AsNoTracking().Where(a => a.ProfessionalId == professionalId)
                .OrderByDescending(a => a.AppliedOn).Select(a => new ApplicationView(a.Id, a.Type, a.AppliedOn)).ToListAsync(ct);

        /// <summary>Records the application; false when one for the same permit is already recorded (one pending application per permit).</summary>
        public async Task<bool> AddAsync(int professionalId, Form form, CancellationToken ct)
        {
            var type = form.ParsedType!.Value;
            if (await db.PermitApplications.AnyAsync(a => a.ProfessionalId == professionalId && a.Type == type, ct))
            {
                return false;
            }

            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId, ct);
            professional.AddPermitApplication(new PermitApplication(type, form.AppliedOn!.Value));
            await db.SaveChangesAsync(ct);
            return true;
        }

        public Task<bool> RemoveAsync(int professionalId, int applicationId, CancellationToken ct) =>
            db.RemoveOneAsync(db.PermitApplications.Where(a => a.Id == applicationId && a.ProfessionalId == professionalId), ct);
    }
}

public sealed record PermitsPage(IReadOnlyList<PermitRecords.PermitView> Permits, IReadOnlyList<PermitApplications.ApplicationView> Applications, PermitApplications.Form ApplicationForm);
