using FluentValidation;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Forms;

namespace Registry.Web.Features.SignUp;

/// <summary>Step 4: highest level completed, a degree if they have one, ECE units so far ("none yet" is an answer).</summary>
public static class EducationStep
{
    public const decimal MaxEceUnits = 300m;

    public sealed class Form
    {
        public string? HighestLevel { get; set; }

        /// <summary>Empty for "no degree yet".</summary>
        public string? DegreeLevel { get; set; }

        public string? DegreeMajor { get; set; }

        public string? DegreeInstitution { get; set; }

        /// <summary>Empty or 0 for "none yet".</summary>
        public string? EceUnits { get; set; }

        public static Form From(EducationAnswers? answers) => answers is null ? new Form() : new Form
        {
            HighestLevel = answers.HighestLevel.ToString(),
            DegreeLevel = answers.DegreeLevel?.ToString(),
            DegreeMajor = answers.DegreeMajor,
            DegreeInstitution = answers.DegreeInstitution,
            EceUnits = answers.EceUnits?.ToString("0.##", System.Globalization.CultureInfo.CurrentCulture),
        };

        public EducationLevel? ParsedHighestLevel => Enum.TryParse<EducationLevel>(HighestLevel, out var level) && Enum.IsDefined(level) ? level : null;

        public DegreeLevel? ParsedDegreeLevel => Enum.TryParse<DegreeLevel>(DegreeLevel, out var level) && Enum.IsDefined(level) ? level : null;

        public bool HasDegree => !string.IsNullOrWhiteSpace(DegreeLevel);
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(f => f.HighestLevel).Must((f, _) => f.ParsedHighestLevel is not null).WithMessage(t["Choose the highest level of education you have completed."]);
            When(f => f.HasDegree, () =>
            {
                RuleFor(f => f.DegreeLevel).Must((f, _) => f.ParsedDegreeLevel is not null).WithMessage(t["Choose the kind of degree."]);
                RuleFor(f => f.DegreeMajor).NotEmpty().WithMessage(t["Enter the degree's major or field."])
                    .MaximumLength(Degree.MaxTextLength).WithMessage(t["Use at most {0} characters.", Degree.MaxTextLength]);
                RuleFor(f => f.DegreeInstitution).NotEmpty().WithMessage(t["Enter the college or university."])
                    .MaximumLength(Degree.MaxTextLength).WithMessage(t["Use at most {0} characters.", Degree.MaxTextLength]);
            });
            RuleFor(f => f.EceUnits).Must(u => FormRules.ParseDecimal(u) is >= 0 and <= MaxEceUnits)
                .When(f => !string.IsNullOrWhiteSpace(f.EceUnits))
                .WithMessage(t["Enter ECE units as a number from 0 to {0}, or leave it empty.", MaxEceUnits]);
        }
    }

    /// <summary>Records step 4 in the draft, so "back" from the last step keeps it.</summary>
    public static EducationAnswers ToAnswers(Form form) => new(
        form.ParsedHighestLevel!.Value,
        form.HasDegree ? form.ParsedDegreeLevel : null,
        form.HasDegree ? form.DegreeMajor?.Trim() : null,
        form.HasDegree ? form.DegreeInstitution?.Trim() : null,
        string.IsNullOrWhiteSpace(form.EceUnits) ? null : FormRules.ParseDecimal(form.EceUnits));
}
