using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Infrastructure.Forms;

/// <summary>The fields of the form, and its validator, shared by the page and the bulk import of people (issue 25).</summary>
public static class PersonFields
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

    /// <summary>The same rules as at sign-up: at least 10 characters, at most 128, not common, typed twice.</summary>
    public static void NewPasswordRules<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string?>> password, System.Linq.Expressions.Expression<Func<T, string?>> confirm, IStringLocalizer<SharedResource> t)
    {
        var read = password.Compile();
        validator.RuleFor(password).NotEmpty().WithMessage(t["Choose a password."])
            .MinimumLength(RegistryPasswords.MinimumLength).WithMessage(t["Use at least {0} characters.", RegistryPasswords.MinimumLength])
            .MaximumLength(PersonFields.MaxPasswordLength).WithMessage(t["Use at most {0} characters.", PersonFields.MaxPasswordLength])
            .Must(p => !CommonPasswordValidator.IsCommon(p!)).When(f => read(f) is { Length: >= RegistryPasswords.MinimumLength }, ApplyConditionTo.CurrentValidator)
            .WithMessage(t["This password is one of the most common: choose one that is harder to guess."]);
        validator.RuleFor(confirm).Equal(password).WithMessage(t["The two passwords do not match."]);
    }
}
