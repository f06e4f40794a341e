using FluentValidation;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Account;

/// <summary>The forms that set a password or change the email, and their validators.</summary>
public static class PasswordForms
{
    public sealed class ForgotForm
    {
        public string? Email { get; set; }
    }

    public sealed class ForgotValidator : AbstractValidator<ForgotForm>
    {
        public ForgotValidator(IStringLocalizer<SharedResource> t) =>
            RuleFor(f => f.Email).NotEmpty().WithMessage(t["Enter your email address."])
                .Must(FormRules.IsEmailAddress).When(f => !string.IsNullOrWhiteSpace(f.Email), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Enter an email address like name@example.com."]);
    }

    public sealed class ResetForm
    {
        public string? UserId { get; set; }

        public string? Code { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }

    public sealed class ResetValidator : AbstractValidator<ResetForm>
    {
        public ResetValidator(IStringLocalizer<SharedResource> t) => NewPasswordRules(this, f => f.Password, f => f.ConfirmPassword, t);
    }

    public sealed class ChangeForm
    {
        public string? CurrentPassword { get; set; }

        public string? Password { get; set; }

        public string? ConfirmPassword { get; set; }
    }

    public sealed class ChangeValidator : AbstractValidator<ChangeForm>
    {
        public ChangeValidator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(f => f.CurrentPassword).NotEmpty().WithMessage(t["Enter your current password."]);
            NewPasswordRules(this, f => f.Password, f => f.ConfirmPassword, t);
        }
    }

    public sealed class ChangeEmailForm
    {
        public string? NewEmail { get; set; }

        public string? CurrentPassword { get; set; }
    }

    public sealed class ChangeEmailValidator : AbstractValidator<ChangeEmailForm>
    {
        public ChangeEmailValidator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(f => f.NewEmail).NotEmpty().WithMessage(t["Enter your new email address."])
                .Must(FormRules.IsEmailAddress).When(f => !string.IsNullOrWhiteSpace(f.NewEmail), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Enter an email address like name@example.com."]);
            RuleFor(f => f.CurrentPassword).NotEmpty().WithMessage(t["Enter your current password."]);
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
