using FluentValidation;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Forms;

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
        public ResetValidator(IStringLocalizer<SharedResource> t) => PersonFields.NewPasswordRules(this, f => f.Password, f => f.ConfirmPassword, t);
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
            PersonFields.NewPasswordRules(this, f => f.Password, f => f.ConfirmPassword, t);
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
}
