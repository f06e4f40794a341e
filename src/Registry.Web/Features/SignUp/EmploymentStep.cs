using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Employments;
using Registry.Web.Infrastructure.Forms;

namespace Registry.Web.Features.SignUp;

/// <summary>Step 3: role, start date, days and hours a week, age groups served.</summary>
public static class EmploymentStep
{
    public const decimal MaxHoursPerWeek = 80m;

    public sealed class Form
    {
        public string? Role { get; set; }

        public string? RoleDescription { get; set; }

        public string? StartDay { get; set; }

        public string? StartMonth { get; set; }

        public string? StartYear { get; set; }

        public string? DaysPerWeek { get; set; }

        public string? HoursPerWeek { get; set; }

        public List<string> AgeGroups { get; set; } = [];

        /// <summary>Set by the server from step 1: nobody starts work before they are born.</summary>
        [BindNever]
        public DateOnly? BirthDate { get; set; }

        public static Form From(EmploymentAnswers? answers) => answers is null ? new Form() : new Form
        {
            Role = answers.Role.ToString(),
            RoleDescription = answers.RoleDescription,
            StartDay = answers.StartDate.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StartMonth = answers.StartDate.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StartYear = answers.StartDate.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DaysPerWeek = answers.DaysPerWeek.ToString("0.#", System.Globalization.CultureInfo.CurrentCulture),
            HoursPerWeek = answers.HoursPerWeek.ToString("0.##", System.Globalization.CultureInfo.CurrentCulture),
            AgeGroups = Enum.GetValues<AgeGroups>().Where(g => g != Domain.Employments.AgeGroups.None && answers.AgeGroups.HasFlag(g)).Select(g => g.ToString()).ToList(),
        };

        public EmploymentRole? ParsedRole => Enum.TryParse<EmploymentRole>(Role, out var role) && Enum.IsDefined(role) ? role : null;

        public AgeGroups ParsedAgeGroups => AgeGroups
            .Select(g => Enum.TryParse<AgeGroups>(g, out var group) && Enum.IsDefined(group) ? group : Domain.Employments.AgeGroups.None)
            .Aggregate(Domain.Employments.AgeGroups.None, (all, g) => all | g);
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            RuleFor(f => f.Role).Must((f, _) => f.ParsedRole is not null).WithMessage(t["Choose your role."]);
            RuleFor(f => f.RoleDescription).NotEmpty().When(f => f.ParsedRole == EmploymentRole.Other).WithMessage(t["Say what your role is."])
                .MaximumLength(Employment.MaxRoleDescriptionLength).WithMessage(t["Use at most {0} characters.", Employment.MaxRoleDescriptionLength]);

            RuleFor(f => f.StartDay).Custom((_, context) =>
            {
                var form = context.InstanceToValidate;
                if (FormRules.AllBlank(form.StartDay, form.StartMonth, form.StartYear))
                {
                    context.AddFailure(t["Enter the date you started."]);
                    return;
                }

                var date = FormRules.ParseDate(form.StartDay, form.StartMonth, form.StartYear);
                if (date is null)
                {
                    context.AddFailure(t["Enter a real start date, for example 15 8 2022."]);
                }
                else if (date > DateOnly.FromDateTime(time.GetLocalNow().DateTime))
                {
                    context.AddFailure(t["The start date cannot be in the future."]);
                }
                else if (form.BirthDate is { } birth && date < birth.AddYears(Domain.Professionals.Professional.MinimumAge))
                {
                    context.AddFailure(t["The start date is before you were {0}: check the year.", Domain.Professionals.Professional.MinimumAge]);
                }
            });

            RuleFor(f => f.DaysPerWeek).Custom((value, context) =>
            {
                var days = FormRules.ParseDecimal(value);
                if (string.IsNullOrWhiteSpace(value))
                {
                    context.AddFailure(t["Enter how many days a week you work."]);
                }
                else if (days is null || days < 1 || days > 7 || days != decimal.Truncate(days.Value))
                {
                    context.AddFailure(t["Enter a whole number of days from 1 to 7."]);
                }
            });

            RuleFor(f => f.HoursPerWeek).Custom((value, context) =>
            {
                var hours = FormRules.ParseDecimal(value);
                var days = FormRules.ParseDecimal(context.InstanceToValidate.DaysPerWeek);
                if (string.IsNullOrWhiteSpace(value))
                {
                    context.AddFailure(t["Enter how many hours a week you work."]);
                }
                else if (hours is null || hours <= 0 || hours > MaxHoursPerWeek)
                {
                    context.AddFailure(t["Enter hours a week from 1 to {0}.", MaxHoursPerWeek]);
                }
                else if (days is >= 1 and <= 7 && hours / days > 24)
                {
                    context.AddFailure(t["That is more than 24 hours a day: check the hours and days."]);
                }
            });

            RuleFor(f => f.AgeGroups).Must((f, _) => f.ParsedAgeGroups != Domain.Employments.AgeGroups.None)
                .WithMessage(t["Choose at least one age group you work with."]);
        }
    }

    public sealed class Handler(SignUpDraftStore drafts)
    {
        public async Task HandleAsync(Form form, CancellationToken ct)
        {
            var answers = await drafts.LoadAsync(ct);
            answers.Employment = new EmploymentAnswers(
                form.ParsedRole!.Value,
                form.ParsedRole == EmploymentRole.Other ? form.RoleDescription?.Trim() : null,
                FormRules.ParseDate(form.StartDay, form.StartMonth, form.StartYear)!.Value,
                FormRules.ParseDecimal(form.DaysPerWeek)!.Value,
                FormRules.ParseDecimal(form.HoursPerWeek)!.Value,
                form.ParsedAgeGroups);
            await drafts.SaveAsync(answers, ct);
        }
    }
}
