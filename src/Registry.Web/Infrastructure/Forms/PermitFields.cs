using FluentValidation;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Credentials;

namespace Registry.Web.Infrastructure.Forms;

/// <summary>The fields of the form, and its validator, shared by the page and the bulk import of people (issue 25).</summary>
public static class PermitFields
{
    public sealed class Form
    {
        public string? Type { get; set; }

        public string? Description { get; set; }

        public bool SchoolAgeEmphasis { get; set; }

        public string? Number { get; set; }

        public string? IssuingBody { get; set; }

        /// <summary>A state ("US-CA") or country ("MX") code; empty when not recorded.</summary>
        public string? EarnedIn { get; set; }

        public string? IssuedDay { get; set; }

        public string? IssuedMonth { get; set; }

        public string? IssuedYear { get; set; }

        public string? ExpiresDay { get; set; }

        public string? ExpiresMonth { get; set; }

        public string? ExpiresYear { get; set; }

        public CredentialType? ParsedType => Enum.TryParse<CredentialType>(Type, out var type) && Enum.IsDefined(type) ? type : null;

        public DateOnly? IssuedOn => FormRules.ParseDate(IssuedDay, IssuedMonth, IssuedYear);

        public DateOnly? ExpiresOn => FormRules.ParseDate(ExpiresDay, ExpiresMonth, ExpiresYear);

        public bool ExpiryBlank => FormRules.AllBlank(ExpiresDay, ExpiresMonth, ExpiresYear);

        public static Form From(Credential credential)
        {
            static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new Form
            {
                Type = credential.Type.ToString(),
                Description = credential.Description,
                SchoolAgeEmphasis = credential.SchoolAgeEmphasis,
                Number = credential.Number,
                IssuingBody = credential.IssuingBody,
                EarnedIn = credential.EarnedIn,
                IssuedDay = Text(credential.IssuedOn.Day),
                IssuedMonth = Text(credential.IssuedOn.Month),
                IssuedYear = Text(credential.IssuedOn.Year),
                ExpiresDay = credential.ExpiresOn is { } e && !credential.ExpiryAssumed ? Text(e.Day) : null,
                ExpiresMonth = credential.ExpiresOn is { } m && !credential.ExpiryAssumed ? Text(m.Month) : null,
                ExpiresYear = credential.ExpiresOn is { } y && !credential.ExpiryAssumed ? Text(y.Year) : null,
            };
        }
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t, TimeProvider time)
        {
            RuleFor(f => f.Type).Must((f, _) => f.ParsedType is not null).WithMessage(t["Choose the kind of permit or credential."]);
            RuleFor(f => f.Description).NotEmpty().When(f => f.ParsedType == CredentialType.Other).WithMessage(t["Say what the certificate is."])
                .MaximumLength(Credential.MaxTextLength).WithMessage(t["Use at most {0} characters.", Credential.MaxTextLength]);
            RuleFor(f => f.Description).Empty().When(f => f.ParsedType is not null and not CredentialType.Other && !string.IsNullOrWhiteSpace(f.Description))
                .WithMessage(t["Choose \"Other certificate\" as the kind to keep this description, or clear it."]);
            RuleFor(f => f.Number).MaximumLength(50).WithMessage(t["Use at most {0} characters.", 50]);
            RuleFor(f => f.IssuingBody).NotEmpty().WithMessage(t["Enter who issued it."])
                .MaximumLength(Credential.MaxTextLength).WithMessage(t["Use at most {0} characters.", Credential.MaxTextLength]);
            RuleFor(f => f.EarnedIn).Must(p => string.IsNullOrEmpty(p) || Domain.Places.IsKnown(p)).WithMessage(t["Choose a state or a country from the list."]);
            RuleFor(f => f.IssuedDay).Custom((_, context) =>
            {
                var form = context.InstanceToValidate;
                if (FormRules.AllBlank(form.IssuedDay, form.IssuedMonth, form.IssuedYear))
                {
                    context.AddFailure(t["Enter the issue date."]);
                }
                else if (form.IssuedOn is not { } issued)
                {
                    context.AddFailure(t["Enter a real issue date, for example 1 3 2025."]);
                }
                else if (issued > DateOnly.FromDateTime(time.GetLocalNow().DateTime))
                {
                    context.AddFailure(t["The issue date cannot be in the future."]);
                }
            });
            RuleFor(f => f.ExpiresDay).Custom((_, context) =>
            {
                var form = context.InstanceToValidate;
                if (form.ExpiryBlank)
                {
                    return;
                }

                if (form.ExpiresOn is not { } expires)
                {
                    context.AddFailure(t["Enter a real expiry date, or leave it empty if none is printed."]);
                }
                else if (form.IssuedOn is { } issued && expires <= issued)
                {
                    context.AddFailure(t["The expiry date must be after the issue date."]);
                }
            });
        }
    }
}
