using FluentValidation;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain;
using Registry.Web.Domain.Employers;

namespace Registry.Web.Infrastructure.Employers;

/// <summary>The public "Find an employer" page: the licensing list, searchable by license number or name.</summary>
public static class FindEmployer
{
    public sealed record Form
    {
        /// <summary>A license number, or a name ("Little Stars", "garcia, maria").</summary>
        public string? Q { get; init; }

        public int Page { get; init; } = 1;
    }

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(f => f.Q)
                .MaximumLength(SearchEmployers.MaxQueryLength)
                .WithMessage(t["Type at most {0} characters.", SearchEmployers.MaxQueryLength]);
            RuleFor(f => f.Q)
                .Must(q => LicenseNumber.Normalize(q) is not null)
                .When(f => LicenseNumber.LooksLikeLicenseNumber(f.Q) && f.Q!.Length <= SearchEmployers.MaxQueryLength)
                .WithMessage(t["A license number has 9 digits (for example 380500086)."]);
            RuleFor(f => f.Q)
                .Must(q => SearchText.Words(q).Count > 0)
                .When(f => !string.IsNullOrWhiteSpace(f.Q) && !LicenseNumber.LooksLikeLicenseNumber(f.Q) && f.Q.Length <= SearchEmployers.MaxQueryLength)
                .WithMessage(t["Type a license number or part of the employer's name."]);
            RuleFor(f => f.Page).InclusiveBetween(1, 100_000);
        }
    }

    public sealed record ViewModel(Form Form, SearchEmployers.Result? Result);
}
