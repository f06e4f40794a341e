using FluentValidation;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Training;

namespace Registry.Web.Infrastructure.Forms;

/// <summary>The fields of the form, and its validator, shared by the page and the bulk import of people (issue 25).</summary>
public static class TrainingFields
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
}
