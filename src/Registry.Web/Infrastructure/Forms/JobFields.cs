using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Employments;

namespace Registry.Web.Infrastructure.Forms;

/// <summary>The fields of the form, and its validator, shared by the page and the bulk import of people (issue 25).</summary>
public static class JobFields
{
    public sealed class Form
    {
        public int? EmployerId { get; set; }

        public string? UnlistedName { get; set; }

        public string? UnlistedAddress { get; set; }

        public string? UnlistedCity { get; set; }

        public string? Role { get; set; }

        public string? RoleDescription { get; set; }

        public string? StartDay { get; set; }

        public string? StartMonth { get; set; }

        public string? StartYear { get; set; }

        public string? EndDay { get; set; }

        public string? EndMonth { get; set; }

        public string? EndYear { get; set; }

        public string? DaysPerWeek { get; set; }

        public string? HoursPerDay { get; set; }

        public bool SupervisesAdults { get; set; }

        public List<string> AgeGroups { get; set; } = [];

        public string? HourlyWage { get; set; }

        /// <summary>Set by the server: on edit the employer is fixed and not validated again.</summary>
        [BindNever]
        public bool EmployerFixed { get; set; }

        public EmploymentRole? ParsedRole => Enum.TryParse<EmploymentRole>(Role, out var role) && Enum.IsDefined(role) ? role : null;

        public DateOnly? StartDate => FormRules.ParseDate(StartDay, StartMonth, StartYear);

        public DateOnly? EndDate => FormRules.ParseDate(EndDay, EndMonth, EndYear);

        public AgeGroups ParsedAgeGroups => AgeGroups
            .Select(g => Enum.TryParse<AgeGroups>(g, out var group) && Enum.IsDefined(group) ? group : Domain.Employments.AgeGroups.None)
            .Aggregate(Domain.Employments.AgeGroups.None, (all, g) => all | g);

        public static Form From(Employment job)
        {
            static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new Form
            {
                EmployerId = job.EmployerId,
                Role = job.Role.ToString(),
                RoleDescription = job.RoleDescription,
                StartDay = Text(job.StartDate.Day), StartMonth = Text(job.StartDate.Month), StartYear = Text(job.StartDate.Year),
                EndDay = job.EndDate is { } e ? Text(e.Day) : null, EndMonth = job.EndDate is { } m ? Text(m.Month) : null, EndYear = job.EndDate is { } y ? Text(y.Year) : null,
                DaysPerWeek = job.Schedule.DaysPerWeek.ToString("0.#", System.Globalization.CultureInfo.CurrentCulture),
                HoursPerDay = job.Schedule.HoursPerDay.ToString("0.##", System.Globalization.CultureInfo.CurrentCulture),
                SupervisesAdults = job.SupervisesAdults,
                AgeGroups = Enum.GetValues<AgeGroups>().Where(g => g != Domain.Employments.AgeGroups.None && job.AgeGroupsServed.HasFlag(g)).Select(g => g.ToString()).ToList(),
                HourlyWage = job.HourlyWage?.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture),
                EmployerFixed = true,
            };
        }
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            When(f => !f.EmployerFixed && f.EmployerId is null, () =>
            {
                RuleFor(f => f.UnlistedName).NotEmpty().WithMessage(t["Enter the name of the business where you work."])
                    .MaximumLength(UnlistedEmployer.MaxLength).WithMessage(t["Use at most {0} characters.", UnlistedEmployer.MaxLength]);
                RuleFor(f => f.UnlistedAddress).MaximumLength(UnlistedEmployer.MaxLength).WithMessage(t["Use at most {0} characters.", UnlistedEmployer.MaxLength]);
                RuleFor(f => f.UnlistedCity).NotEmpty().WithMessage(t["Enter the city."])
                    .MaximumLength(100).WithMessage(t["Use at most {0} characters.", 100]);
            });
            RuleFor(f => f.Role).Must((f, _) => f.ParsedRole is not null).WithMessage(t["Choose your role."]);
            RuleFor(f => f.RoleDescription).NotEmpty().When(f => f.ParsedRole == EmploymentRole.Other).WithMessage(t["Say what your role is."])
                .MaximumLength(Employment.MaxRoleDescriptionLength).WithMessage(t["Use at most {0} characters.", Employment.MaxRoleDescriptionLength]);
            RuleFor(f => f.RoleDescription).Empty().When(f => f.ParsedRole is not null and not EmploymentRole.Other && !string.IsNullOrWhiteSpace(f.RoleDescription))
                .WithMessage(t["Choose \"Other\" as the role to keep this description, or clear it."]);
            RuleFor(f => f.StartDay).Custom((_, context) =>
            {
                var form = context.InstanceToValidate;
                if (form.StartDate is not { } start)
                {
                    context.AddFailure(t["Enter a real start date, for example 15 8 2022."]);
                }
                else if (start > DateOnly.FromDateTime(time.GetLocalNow().DateTime))
                {
                    context.AddFailure(t["The start date cannot be in the future."]);
                }
            });
            RuleFor(f => f.EndDay).Custom((_, context) =>
            {
                var form = context.InstanceToValidate;
                if (FormRules.AllBlank(form.EndDay, form.EndMonth, form.EndYear))
                {
                    return;
                }

                if (form.EndDate is not { } end)
                {
                    context.AddFailure(t["Enter a real end date, or leave it empty for a current job."]);
                }
                else if (form.StartDate is { } start && end < start)
                {
                    context.AddFailure(t["The end date cannot be before the start date."]);
                }
            });
            RuleFor(f => f.DaysPerWeek).Custom((value, context) =>
            {
                var days = FormRules.ParseDecimal(value);
                if (days is null || days < 1 || days > 7 || days != decimal.Truncate(days.Value))
                {
                    context.AddFailure(t["Enter a whole number of days from 1 to 7."]);
                }
            });
            RuleFor(f => f.HoursPerDay).Custom((value, context) =>
            {
                var hours = FormRules.ParseDecimal(value);
                if (hours is null || hours <= 0 || hours > 24 || decimal.Round(hours.Value, 2) != hours)
                {
                    context.AddFailure(t["Enter hours a day from 0.5 to 24."]);
                }
            });
            RuleFor(f => f.AgeGroups).Must((f, _) => f.ParsedAgeGroups != Domain.Employments.AgeGroups.None)
                .WithMessage(t["Choose at least one age group you work with."]);
            RuleFor(f => f.HourlyWage).Must(w => FormRules.ParseDecimal(w) is >= 0 and <= 500)
                .When(f => !string.IsNullOrWhiteSpace(f.HourlyWage), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Enter the hourly wage in dollars, like 24.50, or leave it empty."]);
        }
    }
}
