using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Storage;

namespace Registry.Web.Features.Profile;

/// <summary>My Registry's personal information and the optional, self-reported demographics.</summary>
public static class ProfileForms
{
    public sealed class PersonalForm
    {
        public string? FirstName { get; set; }

        public string? MiddleName { get; set; }

        public string? LastName { get; set; }

        public string? FormerLastNames { get; set; }

        public string? BirthDay { get; set; }

        public string? BirthMonth { get; set; }

        public string? BirthYear { get; set; }

        public string? Phone { get; set; }

        public string? AddressLine1 { get; set; }

        public string? AddressLine2 { get; set; }

        public string? City { get; set; }

        public string? State { get; set; }

        public string? Zip { get; set; }

        public string? County { get; set; }

        public string? PreferredLanguage { get; set; }

        public string? FirstYearInField { get; set; }

        public string? HighestEducationLevel { get; set; }

        /// <summary>Proof of a new legal name or date of birth, asked for once something in the record is verified.</summary>
        public IFormFile? NameProof { get; set; }

        /// <summary>Set by the server: whether a change of name or date of birth goes to registry staff with proof.</summary>
        [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
        public bool NameNeedsProof { get; set; }

        /// <summary>Set by the server: the person's change of name waiting for staff, or refused.</summary>
        [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
        public NameChanges.Mine? NameChange { get; set; }

        public EducationLevel? ParsedEducationLevel => Enum.TryParse<EducationLevel>(HighestEducationLevel, out var level) && Enum.IsDefined(level) ? level : null;

        public static PersonalForm From(Professional p)
        {
            static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new PersonalForm
            {
                FirstName = p.FirstName, MiddleName = p.MiddleName, LastName = p.LastName, FormerLastNames = p.FormerLastNames,
                BirthDay = Text(p.DateOfBirth.Day), BirthMonth = Text(p.DateOfBirth.Month), BirthYear = Text(p.DateOfBirth.Year),
                Phone = p.Phone, AddressLine1 = p.MailingAddress?.Line1, AddressLine2 = p.MailingAddress?.Line2, City = p.MailingAddress?.City,
                State = p.MailingAddress?.State ?? "CA", Zip = p.MailingAddress?.Zip, County = p.County, PreferredLanguage = p.PreferredLanguage,
                FirstYearInField = p.FirstYearInField is { } y ? Text(y) : null,
                HighestEducationLevel = p.HighestEducationLevel?.ToString(),
            };
        }
    }

    public sealed class PersonalValidator : AbstractValidator<PersonalForm>
    {
        public PersonalValidator(IStringLocalizer<SharedResource> t, TimeProvider time)
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
                var date = FormRules.ParseDate(form.BirthDay, form.BirthMonth, form.BirthYear);
                var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
                if (date is null)
                {
                    context.AddFailure(t["Enter a real date of birth, for example 27 3 1990."]);
                }
                else if (!Professional.IsPlausibleBirthDate(date.Value, today))
                {
                    context.AddFailure(t["Check your date of birth: you must be between {0} and {1} years old.", Professional.MinimumAge, Professional.MaximumAge]);
                }
            });
            RuleFor(f => f.Phone).Must(FormRules.IsPhoneNumber).When(f => !string.IsNullOrWhiteSpace(f.Phone), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Enter a phone number with its area code, like 415 555 0123."]);
            RuleFor(f => f.AddressLine1).MaximumLength(200).WithMessage(t["Use at most {0} characters.", 200]);
            RuleFor(f => f.AddressLine2).MaximumLength(200).WithMessage(t["Use at most {0} characters.", 200]);
            RuleFor(f => f.AddressLine1).NotEmpty().When(f => !FormRules.AllBlank(f.AddressLine2, f.City, f.Zip), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Enter the street address, or leave the whole address empty."]);
            RuleFor(f => f.City).MaximumLength(100).WithMessage(t["Use at most {0} characters.", 100]);
            RuleFor(f => f.State).Matches("^[A-Za-z]{2}$").When(f => !string.IsNullOrWhiteSpace(f.State), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Enter the state as two letters, like CA."]);
            RuleFor(f => f.Zip).Matches(@"^\d{5}(-\d{4})?$").When(f => !string.IsNullOrWhiteSpace(f.Zip), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Enter a ZIP code like 94110."]);
            RuleFor(f => f.County).Must(CaliforniaCounties.IsCounty).When(f => !string.IsNullOrWhiteSpace(f.County), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Choose a county from the list."]);
            RuleFor(f => f.PreferredLanguage).Must(Languages.IsSupported).WithMessage(t["Choose a language from the list."]);
            RuleFor(f => f.HighestEducationLevel).Must((f, _) => f.ParsedEducationLevel is not null)
                .When(f => !string.IsNullOrWhiteSpace(f.HighestEducationLevel), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Choose the highest level of education you have completed."]);
            RuleFor(f => f.FirstYearInField).Must(y => int.TryParse(y, out var year) && year >= 1950 && year <= time.GetLocalNow().Year)
                .When(f => !string.IsNullOrWhiteSpace(f.FirstYearInField), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Enter the year as four digits, not in the future."]);
        }
    }

    public sealed class DemographicsForm
    {
        public List<string> RaceEthnicity { get; set; } = [];

        /// <summary>Optional detailed group under each chosen category, keyed by category name.</summary>
        public Dictionary<string, string?> Detail { get; set; } = [];

        public bool RaceEthnicityDeclined { get; set; }

        public string? Gender { get; set; }

        public string? GenderSelfDescription { get; set; }

        /// <summary>Languages spoken, separated by commas.</summary>
        public string? Languages { get; set; }

        public IReadOnlyList<RaceEthnicityCategory> ParsedCategories => RaceEthnicity
            .Select(c => Enum.TryParse<RaceEthnicityCategory>(c, out var category) && Enum.IsDefined(category) ? (RaceEthnicityCategory?)category : null)
            .OfType<RaceEthnicityCategory>().Distinct().ToList();

        public Gender? ParsedGender => Enum.TryParse<Gender>(Gender, out var gender) && Enum.IsDefined(gender) ? gender : null;

        public IReadOnlyList<string> ParsedLanguages => (Languages ?? string.Empty).Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public static DemographicsForm From(Professional p) => new()
        {
            RaceEthnicity = p.RaceEthnicities.Select(r => r.Category.ToString()).ToList(),
            Detail = p.RaceEthnicities.Where(r => r.Detail is not null).ToDictionary(r => r.Category.ToString(), r => r.Detail),
            RaceEthnicityDeclined = p.RaceEthnicityDeclined,
            Gender = p.Gender?.ToString(),
            GenderSelfDescription = p.GenderSelfDescription,
            Languages = string.Join(", ", p.LanguagesSpoken.Select(l => l.Language)),
        };
    }

    public sealed class DemographicsValidator : AbstractValidator<DemographicsForm>
    {
        public DemographicsValidator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(f => f.RaceEthnicity).Must(values => values.All(v => Enum.TryParse<RaceEthnicityCategory>(v, out var c) && Enum.IsDefined(c)))
                .WithMessage(t["Choose from the listed categories."]);
            RuleFor(f => f.RaceEthnicity).Must((f, values) => !(f.RaceEthnicityDeclined && values.Count > 0))
                .WithMessage(t["Choose categories or \"prefer not to say\", not both."]);
            RuleFor(f => f.Detail).Custom((details, context) =>
            {
                // Beside each category's own box (its id is Detail-{category}); a detail under a category left unticked would be lost, so it is refused.
                foreach (var category in Enum.GetValues<RaceEthnicityCategory>().Select(c => c.ToString()))
                {
                    var detail = details.GetValueOrDefault(category);
                    if (string.IsNullOrWhiteSpace(detail))
                    {
                        continue;
                    }

                    if (detail.Length > ProfessionalRaceEthnicity.MaxDetailLength)
                    {
                        context.AddFailure("Detail-" + category, t["Use at most {0} characters.", ProfessionalRaceEthnicity.MaxDetailLength]);
                    }
                    else if (!context.InstanceToValidate.RaceEthnicity.Contains(category))
                    {
                        context.AddFailure("Detail-" + category, t["Tick this category to keep the detail, or clear it."]);
                    }
                }
            });
            RuleFor(f => f.Gender).Must((f, _) => f.ParsedGender is not null).When(f => !string.IsNullOrWhiteSpace(f.Gender), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Choose from the listed answers."]);
            RuleFor(f => f.GenderSelfDescription).NotEmpty().When(f => f.ParsedGender == Domain.Professionals.Gender.SelfDescribed)
                .WithMessage(t["Describe your gender in your own words, or choose another answer."])
                .MaximumLength(100).WithMessage(t["Use at most {0} characters.", 100]);
            RuleFor(f => f.GenderSelfDescription).Empty().When(f => f.ParsedGender != Domain.Professionals.Gender.SelfDescribed && !string.IsNullOrWhiteSpace(f.GenderSelfDescription))
                .WithMessage(t["Choose \"I prefer to describe it\" to keep this description, or clear it."]);
            RuleFor(f => f.Languages).MaximumLength(300).WithMessage(t["Use at most {0} characters.", 300])
                .Must((f, _) => f.ParsedLanguages.All(l => l.Length <= ProfessionalLanguage.MaxLength))
                .WithMessage(t["Name each language in at most {0} characters.", ProfessionalLanguage.MaxLength]);
        }
    }

    public sealed class Handler(RegistryDbContext db, NameChanges.Handler nameChanges, Infrastructure.Storage.IDocumentStorage storage)
    {
        /// <summary>What the personal form shows besides the person's answers: whether a new name needs proof, and a request waiting.</summary>
        public async Task<PersonalForm> DescribeAsync(int professionalId, PersonalForm form, CancellationToken ct)
        {
            form.NameNeedsProof = await nameChanges.HasVerifiedFactAsync(professionalId, ct);
            form.NameChange = await nameChanges.LatestAsync(professionalId, ct);
            return form;
        }

        public Task<Professional?> LoadAsync(int professionalId, CancellationToken ct) =>
            db.Professionals.Include(p => p.RaceEthnicities).Include(p => p.LanguagesSpoken).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == professionalId, ct);

        /// <summary>
        /// Saves the personal information. Before anything in the record is verified, a new name or
        /// date of birth applies at once; after, it goes to registry staff with the proof and the
        /// verified name stays until they approve. A problem comes back keyed by field, nothing saved.
        /// </summary>
        public async Task<(bool NameChangeAsked, (string Field, string Message)? Problem)> SavePersonalAsync(Professional p, PersonalForm form, string userId, CancellationToken ct)
        {
            var requested = new Domain.Facts.PersonNameAndBirth(form.FirstName!.Trim(), string.IsNullOrWhiteSpace(form.MiddleName) ? null : form.MiddleName.Trim(), form.LastName!.Trim(),
                FormRules.ParseDate(form.BirthDay, form.BirthMonth, form.BirthYear)!.Value);
            string? proofKey = null;
            if (requested != NameChanges.Handler.Current(p) && await nameChanges.HasVerifiedFactAsync(p.Id, ct))
            {
                var (key, problem) = await nameChanges.AskAsync(p, requested, form.NameProof, userId, ct);
                if (key is null)
                {
                    return (false, ("NameProof", problem!));
                }

                proofKey = key;
                p.Rename(new PersonName(p.FirstName, p.MiddleName, p.LastName, form.FormerLastNames));
            }
            else
            {
                p.Rename(new PersonName(requested.FirstName, requested.MiddleName, requested.LastName, form.FormerLastNames));
                p.DateOfBirth = requested.DateOfBirth;
            }

            p.Phone = FormRules.Blank(form.Phone);
            p.MailingAddress = string.IsNullOrWhiteSpace(form.AddressLine1)
                ? null
                : new Address(form.AddressLine1.Trim(), FormRules.Blank(form.AddressLine2), FormRules.Blank(form.City), FormRules.Blank(form.State)?.ToUpperInvariant(), FormRules.Blank(form.Zip));
            p.County = FormRules.Blank(form.County);
            p.PreferredLanguage = form.PreferredLanguage!;
            p.FirstYearInField = int.TryParse(form.FirstYearInField, out var year) ? year : null;
            p.HighestEducationLevel = form.ParsedEducationLevel;
            if (proofKey is null)
            {
                await db.SaveChangesAsync(ct);
                return (false, null);
            }

            await Uploads.SaveOrForgetAsync(db, storage, proofKey, ct);
            return (true, null);
        }

        public async Task SaveDemographicsAsync(Professional p, DemographicsForm form, CancellationToken ct)
        {
            p.SetRaceEthnicity(form.ParsedCategories.Select(c => new ProfessionalRaceEthnicity(c, form.Detail.GetValueOrDefault(c.ToString()))), form.RaceEthnicityDeclined);
            p.Gender = form.ParsedGender;
            p.GenderSelfDescription = form.ParsedGender == Domain.Professionals.Gender.SelfDescribed ? FormRules.Blank(form.GenderSelfDescription) : null;
            p.SetLanguagesSpoken(form.ParsedLanguages);
            await db.SaveChangesAsync(ct);
        }
    }
}
