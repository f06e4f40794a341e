using FluentValidation;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Education;

namespace Registry.Web.Infrastructure.Forms;

/// <summary>The fields of the form, and its validator, shared by the page and the bulk import of people (issue 25).</summary>
public static class DegreeFields
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
}
