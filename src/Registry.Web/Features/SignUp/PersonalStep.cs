using Microsoft.AspNetCore.Identity;
using Registry.Web.Infrastructure.Forms;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.SignUp;

/// <summary>Step 1: legal name, date of birth, phone, the personal email that will be the login, and a password.</summary>
public static class PersonalStep
{
    public static PersonFields.Form FormFrom(PersonalAnswers? answers) => answers is null ? new PersonFields.Form() : new PersonFields.Form
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

    public sealed class Handler(SignUpDraftStore drafts, IPasswordHasher<RegistryUser> hasher)
    {
        public async Task HandleAsync(PersonFields.Form form, CancellationToken ct)
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
