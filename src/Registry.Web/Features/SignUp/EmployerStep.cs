using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Employments;
using Registry.Web.Infrastructure.Employers;
using Registry.Web.Infrastructure.Forms;

namespace Registry.Web.Features.SignUp;

/// <summary>
/// Step 2: the employer, looked up by license number or name and chosen from a list, or, when it
/// is not there, described in the person's own words for registry staff to resolve.
/// </summary>
public static class EmployerStep
{
    public sealed class SelectForm
    {
        public int? EmployerId { get; set; }
    }

    public sealed class NotFoundForm
    {
        public string? BusinessName { get; set; }

        public string? Address { get; set; }

        public string? City { get; set; }

        public static NotFoundForm From(EmployerAnswers? answers) => new()
        {
            BusinessName = answers?.UnlistedName,
            Address = answers?.UnlistedAddress,
            City = answers?.UnlistedCity,
        };
    }

    public sealed class NotFoundValidator : AbstractValidator<NotFoundForm>
    {
        public NotFoundValidator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(f => f.BusinessName).NotEmpty().WithMessage(t["Enter the name of the business where you work."])
                .MaximumLength(UnlistedEmployer.MaxLength).WithMessage(t["Use at most {0} characters.", UnlistedEmployer.MaxLength]);
            RuleFor(f => f.Address).MaximumLength(UnlistedEmployer.MaxLength).WithMessage(t["Use at most {0} characters.", UnlistedEmployer.MaxLength]);
            RuleFor(f => f.City).NotEmpty().WithMessage(t["Enter the city."])
                .MaximumLength(100).WithMessage(t["Use at most {0} characters.", 100]);
        }
    }

    public sealed record ViewModel(
        FindEmployer.Form Search,
        SearchEmployers.Result? Result,
        EmployerAnswers? Chosen);

    public sealed class Handler(RegistryDbContext db, SignUpDraftStore drafts)
    {
        /// <summary>Records the chosen listed employer; false when no such employer exists.</summary>
        public async Task<bool> SelectAsync(int employerId, CancellationToken ct)
        {
            var employer = await db.Employers.AsNoTracking()
                .Where(e => e.Id == employerId)
                .Select(e => new { e.Id, e.Name, e.LicenseNumber })
                .SingleOrDefaultAsync(ct);
            if (employer is null)
            {
                return false;
            }

            var answers = await drafts.LoadAsync(ct);
            answers.Employer = new EmployerAnswers(employer.Id, employer.Name, employer.LicenseNumber, null, null, null);
            await drafts.SaveAsync(answers, ct);
            return true;
        }

        public async Task NotFoundAsync(NotFoundForm form, CancellationToken ct)
        {
            var answers = await drafts.LoadAsync(ct);
            answers.Employer = new EmployerAnswers(null, null, null, form.BusinessName!.Trim(), FormRules.Blank(form.Address), form.City!.Trim());
            await drafts.SaveAsync(answers, ct);
        }
    }
}
