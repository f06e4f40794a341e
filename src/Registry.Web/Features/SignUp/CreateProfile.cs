using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.SignUp;

/// <summary>
/// The end of "Create a Profile": the account, the profile, the job, the degree and the
/// confirmation email are written in one transaction, or nothing is. An email that already has
/// an account gets a warning email instead, and the person sees the same page either way.
/// </summary>
public static class CreateProfile
{
    public enum Outcome
    {
        Created,
        EmailAlreadyRegistered,
        StepsMissing,
    }

    /// <summary>What happened, and the new account's id when one was made (the browser that signed up is remembered by it).</summary>
    public sealed record Result(Outcome Outcome, string? UserId = null);

    public sealed class Handler(
        RegistryDbContext db,
        UserManager<RegistryUser> users,
        SignUpDraftStore drafts,
        AccountEmails emails,
        TimeProvider time,
        ILogger<Handler> logger)
    {
        public async Task<Result> HandleAsync(EducationStep.Form education, CancellationToken ct)
        {
            var answers = await drafts.LoadAsync(ct);
            answers.Education = EducationStep.ToAnswers(education);
            if (answers.Personal is not { } personal || answers.Employer is not { } employer || answers.Employment is not { } job)
            {
                await drafts.SaveAsync(answers, ct);
                return new Result(Outcome.StepsMissing);
            }

            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async cancellation =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellation);

                if (await users.FindByEmailAsync(personal.Email) is { } existing)
                {
                    // An address whose account was never confirmed is treated as a registered one: its
                    // owner gets the confirmation link, which lets them claim it (decision 0026).
                    if (existing.EmailConfirmed)
                    {
                        await emails.QueueSomeoneTriedToRegisterAsync(existing);
                    }
                    else
                    {
                        await emails.QueueUnconfirmedAccountAsync(existing);
                    }

                    await drafts.DiscardAsync(cancellation);
                    await db.SaveChangesAsync(cancellation);
                    await transaction.CommitAsync(cancellation);
                    logger.LogInformation("Sign-up with an email that already has an account: the owner was told");
                    return new Result(Outcome.EmailAlreadyRegistered);
                }

                var user = new RegistryUser { UserName = personal.Email, Email = personal.Email, PasswordHash = personal.PasswordHash };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException("The account could not be created: " + string.Join("; ", created.Errors.Select(e => e.Code)));
                }

                var now = time.GetUtcNow();
                var professional = new Professional(
                    await NewRegistryIdAsync(cancellation),
                    user.Id,
                    new PersonName(personal.FirstName, personal.MiddleName, personal.LastName, personal.FormerLastNames),
                    personal.DateOfBirth,
                    personal.Email,
                    now)
                {
                    Phone = personal.Phone,
                    PreferredLanguage = Languages.Current,
                    HighestEducationLevel = answers.Education.HighestLevel,
                    ReportedEceUnits = answers.Education.EceUnits,
                };

                var twin = await db.Professionals.AsNoTracking()
                    .Where(p => p.NormalizedLastName == professional.NormalizedLastName
                        && p.NormalizedFirstName == professional.NormalizedFirstName
                        && p.DateOfBirth == professional.DateOfBirth)
                    .Select(p => (int?)p.Id)
                    .FirstOrDefaultAsync(cancellation);
                if (twin is { } twinId)
                {
                    professional.FlagPossibleDuplicateOf(twinId);
                }

                var schedule = new EmploymentSchedule(job.DaysPerWeek, Math.Round(job.HoursPerWeek / job.DaysPerWeek, 2));
                var employment = employer.EmployerId is { } employerId
                    ? Employment.AtListedEmployer(employerId, job.Role, job.StartDate, schedule)
                    : Employment.AtUnlistedEmployer(new UnlistedEmployer(employer.UnlistedName!, employer.UnlistedAddress, employer.UnlistedCity), job.Role, job.StartDate, schedule);
                employment.Describe(supervisesAdults: job.Role is EmploymentRole.SiteSupervisor or EmploymentRole.Director, job.AgeGroups, hourlyWage: null, job.RoleDescription);
                professional.AddEmployment(employment);

                if (answers.Education is { DegreeLevel: { } level, DegreeMajor: { } major, DegreeInstitution: { } institution })
                {
                    professional.AddDegree(new Degree(level, major, institution, conferredOn: null));
                }

                db.Professionals.Add(professional);
                await emails.QueueConfirmationAsync(user, professional.FirstName);
                await drafts.DiscardAsync(cancellation);
                await db.SaveChangesAsync(cancellation);
                await transaction.CommitAsync(cancellation);
                logger.LogInformation("Profile {ProfessionalId} created", professional.Id);
                return new Result(Outcome.Created, user.Id);
            }, ct);
        }

        private async Task<string> NewRegistryIdAsync(CancellationToken ct)
        {
            while (true)
            {
                var id = RegistryId.FromSerial(RandomNumberGenerator.GetInt32(0, 10_000_000));
                if (!await db.Professionals.IgnoreQueryFilters().AnyAsync(p => p.RegistryId == id, ct))
                {
                    return id;
                }
            }
        }
    }
}
