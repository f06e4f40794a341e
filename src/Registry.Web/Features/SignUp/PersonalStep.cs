using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.SignUp;

/// <summary>Step 1: legal name, date of birth, phone, the personal email that will be the login, and a password.</summary>
public static class PersonalStep
{
    public const int MaxPasswordLength = 128;

    public sealed class Form
    {
        public string? FirstName { get; set; }

        public string? MiddleName { get; set; }

        public string? LastName { get; set; }

        public string? FormerLastNames { get; set; }

        public string? BirthDay { get; set; }

        public string? BirthMonth { get; set; }

        public string? BirthYear { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }

        /// <summary>Set by the server: a password was chosen before, and blank fields keep it.</summary>
        [BindNever]
        public bool HasSavedPassword { get; set; }

        public static Form From(PersonalAnswers? answers) => answers is null ? new Form() : new Form
        {
            FirstName = answers.FirstName,
            MiddleName = answers.MiddleName,
            LastName = answers.LastName,
            FormerLastNames = answers.FormerLastNames,
            BirthDay = answers.DateOfBirth.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            BirthMonth = answers.DateOfBirth.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            BirthYear = answers.DateOfBirth.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Phone = answers.Phone,
            Email = answers.Email,
            HasSavedPassword = true,
        };
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            RuleFor(f => f.FirstName).NotEmpty().WithMessage(t["Enter your legal first name."])
                .MaximumLength(Professional.MaxNameLength).WithMessage(t["Use at most {0} characters.", Professional.MaxNameLength]);
            RuleFor(f => f.MiddleName).MaximumLength(Professional.MaxNameLength).WithMessage(t["Use at most {0} characters.", Professional.MaxNameLength]);
            RuleFor(f => f.LastName).NotEmpty().WithMessage(t["Enter your legal last name."])
                .MaximumLength(Professional.MaxNameLength).WithMessage(t["Use at most {0} characters.", Professional.MaxNameLength]);
            RuleFor(f => f.FormerLastNames).MaximumLength(300).WithMessage(t["Use at most {0} characters.", 300]);

            RuleFor(f => f.BirthDay).Custom((_, context) =>
            {
                var form = context.InstanceToValidate;
                if (FormRules.AllBlank(form.BirthDay, form.BirthMonth, form.BirthYear))
                {
                    context.AddFailure(t["Enter your date of birth."]);
                    return;
                }

                var date = FormRules.ParseDate(form.BirthDay, form.BirthMonth, form.BirthYear);
                var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
                if (date is null)
                {
                    context.AddFailure(t["Enter a real date of birth, for example 27 3 1990."]);
                }
                else if (date > today)
                {
                    context.AddFailure(t["Your date of birth must be in the past."]);
                }
                else if (!Professional.IsPlausibleBirthDate(date.Value, today))
                {
                    context.AddFailure(t["Check your date of birth: you must be between {0} and {1} years old.", Professional.MinimumAge, Professional.MaximumAge]);
                }
            });

            RuleFor(f => f.Phone).Must(FormRules.IsPhoneNumber).When(f => !string.IsNullOrWhiteSpace(f.Phone))
                .WithMessage(t["Enter a phone number with its area code, like 415 555 0123."]);

            RuleFor(f => f.Email).NotEmpty().WithMessage(t["Enter your personal email address."])
                .Must(FormRules.IsEmailAddress).When(f => !string.IsNullOrWhiteSpace(f.Email), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Enter an email address like name@example.com."]);

            When(f => !f.HasSavedPassword || !FormRules.AllBlank(f.Password, f.ConfirmPassword), () =>
            {
                RuleFor(f => f.Password).NotEmpty().WithMessage(t["Choose a password."])
                    .MinimumLength(RegistryPasswords.MinimumLength).WithMessage(t["Use at least {0} characters.", RegistryPasswords.MinimumLength])
                    .MaximumLength(MaxPasswordLength).WithMessage(t["Use at most {0} characters.", MaxPasswordLength])
                    .Must(p => !CommonPasswordValidator.IsCommon(p!)).When(f => f.Password is { Length: >= RegistryPasswords.MinimumLength }, ApplyConditionTo.CurrentValidator)
                    .WithMessage(t["This password is one of the most common: choose one that is harder to guess."]);
                RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage(t["The two passwords do not match."]);
            });
        }
    }

    public sealed class Handler(SignUpDraftStore drafts, IPasswordHasher<RegistryUser> hasher)
    {
        public async Task HandleAsync(Form form, CancellationToken ct)
        {
            var answers = await drafts.LoadAsync(ct);
            var passwordHash = !string.IsNullOrEmpty(form.Password)
                ? hasher.HashPassword(new RegistryUser(), form.Password)
                : answers.Personal?.PasswordHash ?? throw new InvalidOperationException("No password.");
            answers.Personal = new PersonalAnswers(
                form.FirstName!.Trim(),
                FormRules.Blank(form.MiddleName),
                form.LastName!.Trim(),
                FormRules.Blank(form.FormerLastNames),
                FormRules.ParseDate(form.BirthDay, form.BirthMonth, form.BirthYear)!.Value,
                FormRules.Blank(form.Phone),
                form.Email!.Trim(),
                passwordHash);
            await drafts.SaveAsync(answers, ct);
        }
    }
}
