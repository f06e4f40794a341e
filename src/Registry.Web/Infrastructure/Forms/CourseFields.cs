using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Education;

namespace Registry.Web.Infrastructure.Forms;

/// <summary>The fields of the form, and its validator, shared by the page and the bulk import of people (issue 25).</summary>
public static class CourseFields
{
    public const decimal MaxUnits = 20m;

    public static readonly IReadOnlyList<string> Grades = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F", "P", "NP", "CR", "NC", "IP", "I", "W"];

    public sealed class Form
    {
        public string? Institution { get; set; }

        public string? CourseNumber { get; set; }

        public string? Title { get; set; }

        public string? Units { get; set; }

        public string? UnitType { get; set; } = nameof(Domain.Education.UnitType.Semester);

        public string? Grade { get; set; }

        public string? Term { get; set; }

        public string? Category { get; set; }

        public string? CompletedDay { get; set; }

        public string? CompletedMonth { get; set; }

        public string? CompletedYear { get; set; }

        public DateOnly? CompletedOn => FormRules.ParseDate(CompletedDay, CompletedMonth, CompletedYear);

        public UnitType? ParsedUnitType => Enum.TryParse<UnitType>(UnitType, out var type) && Enum.IsDefined(type) ? type : null;

        public CourseCategory? ParsedCategory => Enum.TryParse<CourseCategory>(Category, out var category) && Enum.IsDefined(category) ? category : null;

        public static Form From(Course course) => new()
        {
            Institution = course.Institution,
            CourseNumber = course.CourseNumber,
            Title = course.Title,
            Units = course.Units.ToString("0.##", System.Globalization.CultureInfo.CurrentCulture),
            UnitType = course.UnitType.ToString(),
            Grade = course.Grade,
            Term = course.Term,
            Category = course.Category.ToString(),
            CompletedDay = course.CompletedOn?.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CompletedMonth = course.CompletedOn?.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CompletedYear = course.CompletedOn?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            RuleFor(f => f.Institution).NotEmpty().WithMessage(t["Enter the college or university."])
                .MaximumLength(Course.MaxTextLength).WithMessage(t["Use at most {0} characters.", Course.MaxTextLength]);
            RuleFor(f => f.CourseNumber).MaximumLength(30).WithMessage(t["Use at most {0} characters.", 30]);
            RuleFor(f => f.Title).NotEmpty().WithMessage(t["Enter the course title."])
                .MaximumLength(Course.MaxTextLength).WithMessage(t["Use at most {0} characters.", Course.MaxTextLength]);
            RuleFor(f => f.Units).Custom((value, context) =>
            {
                var units = FormRules.ParseDecimal(value);
                if (string.IsNullOrWhiteSpace(value))
                {
                    context.AddFailure(t["Enter the course's units."]);
                }
                else if (units is null || units <= 0 || units > MaxUnits || decimal.Round(units.Value, 2) != units)
                {
                    context.AddFailure(t["Enter units as a number from 0.5 to {0}, like 3 or 4.5.", MaxUnits]);
                }
            });
            RuleFor(f => f.UnitType).Must((f, _) => f.ParsedUnitType is not null).WithMessage(t["Choose semester or quarter units."]);
            RuleFor(f => f.Grade).Must(g => Grades.Contains(g)).When(f => !string.IsNullOrWhiteSpace(f.Grade), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Choose a grade from the list."]);
            RuleFor(f => f.Term).MaximumLength(Course.MaxTermLength).WithMessage(t["Use at most {0} characters.", Course.MaxTermLength]);
            RuleFor(f => f.Category).Must((f, _) => f.ParsedCategory is not null).WithMessage(t["Choose what the course counts toward."]);
            RuleFor(f => f.CompletedDay).Custom((_, context) =>
            {
                var form = context.InstanceToValidate;
                if (FormRules.AllBlank(form.CompletedDay, form.CompletedMonth, form.CompletedYear))
                {
                    return;
                }

                if (form.CompletedOn is not { } date || date.Year < 1950)
                {
                    context.AddFailure(t["Enter a real date the course ended, or leave it empty."]);
                }
                else if (date > DateOnly.FromDateTime(time.GetLocalNow().DateTime))
                {
                    context.AddFailure(t["The course's end date cannot be in the future."]);
                }
            });
        }
    }
}
