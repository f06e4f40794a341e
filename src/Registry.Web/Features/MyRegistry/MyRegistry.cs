using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.History;

namespace Registry.Web.Features.MyRegistry;

/// <summary>The page a professional lands on: their registry id, what they entered, and each fact's status.</summary>
public static class MyRegistryPage
{
    /// <summary>How many of the newest changes My Registry shows; the history page has the rest.</summary>
    public const int RecentChangesShown = 5;

    public sealed record ViewModel(
        string RegistryId,
        string FullName,
        string Email,
        string? Phone,
        DateOnly DateOfBirth,
        EducationLevel? HighestEducationLevel,
        decimal? ReportedEceUnits,
        IReadOnlyList<JobView> Jobs,
        IReadOnlyList<DegreeView> Degrees,
        ProfileCompleteness Completeness,
        IReadOnlyList<RecentChanges.ChangeView> RecentChanges,
        IReadOnlyList<Domain.DataQuality.DataQualityProblem> Problems)
    {
        /// <summary>The newest announcements the person received.</summary>
        public IReadOnlyList<Infrastructure.Email.Notice> Notices { get; init; } = [];

        public int NoticeCount { get; init; }

        /// <summary>Set when a mail server refused the account's address: the page asks to fix it.</summary>
        public Infrastructure.Email.UndeliverableAddress? EmailProblem { get; init; }
    }

    public sealed record JobView(
        string EmployerName,
        string? LicenseNumber,
        bool EmployerUnlisted,
        EmploymentRole Role,
        string? RoleDescription,
        DateOnly StartDate,
        DateOnly? EndDate,
        decimal DaysPerWeek,
        decimal HoursPerDay,
        AgeGroups AgeGroups,
        VerificationStatus Status,
        bool ConfirmedByEmployer);

    public sealed record DegreeView(DegreeLevel Level, string Major, string Institution, VerificationStatus Status);

    public sealed class Handler(RegistryDbContext db, TimeProvider time, RecentChanges.Handler history, Infrastructure.DataQuality.DataQualityChecks quality)
    {
        public async Task<ViewModel?> HandleAsync(string userId, CancellationToken ct)
        {
            var professional = await db.Professionals.AsNoTracking()
                .Where(p => p.UserId == userId)
                .Select(p => new
                {
                    p.Id, p.RegistryId, p.FirstName, p.MiddleName, p.LastName, p.Email, p.Phone, p.DateOfBirth, p.HighestEducationLevel, p.ReportedEceUnits, p.County,
                    AnsweredDemographics = p.RaceEthnicityDeclined || p.Gender != null || p.RaceEthnicities.Any(),
                    HasCourses = p.Courses.Any(),
                    HasCredential = p.Credentials.Any(),
                })
                .SingleOrDefaultAsync(ct);
            if (professional is null)
            {
                return null;
            }

            var jobs = await db.Employments.AsNoTracking()
                .Where(e => e.ProfessionalId == professional.Id)
                .OrderBy(e => e.EndDate != null).ThenByDescending(e => e.StartDate)
                .Select(e => new JobView(
                    e.EmployerId == null ? e.UnlistedEmployer!.BusinessName : db.Employers.Where(x => x.Id == e.EmployerId).Select(x => x.Name).First(),
                    e.EmployerId == null ? null : db.Employers.Where(x => x.Id == e.EmployerId).Select(x => x.LicenseNumber).First(),
                    e.EmployerId == null,
                    e.Role,
                    e.RoleDescription,
                    e.StartDate,
                    e.EndDate,
                    e.Schedule.DaysPerWeek,
                    e.Schedule.HoursPerDay,
                    e.AgeGroupsServed,
                    e.Verification.Status,
                    e.ConfirmedAt != null))
                .ToListAsync(ct);
            var degrees = await db.Degrees.AsNoTracking()
                .Where(d => d.ProfessionalId == professional.Id)
                .Select(d => new DegreeView(d.Level, d.Major, d.Institution, d.Verification.Status))
                .ToListAsync(ct);

            var yearAgo = DateOnly.FromDateTime(time.GetLocalNow().DateTime).AddYears(-1);
            var trainedThisYear = await db.TrainingRecords.AnyAsync(r => r.ProfessionalId == professional.Id && r.AttendedOn > yearAgo, ct);
            var completeness = ProfileCompleteness.Compute(new ProfileFacts(
                professional.County is not null,
                jobs.Any(j => j.EndDate is null),
                professional.HighestEducationLevel is not null,
                professional.HasCourses || degrees.Count > 0,
                professional.HasCredential,
                trainedThisYear,
                professional.AnsweredDemographics));

            var recent = await history.PageAsync(professional.Id, 1, RecentChangesShown, ct);
            var name = string.Join(' ', new[] { professional.FirstName, professional.MiddleName, professional.LastName }.Where(n => !string.IsNullOrEmpty(n)));
            return new ViewModel(
                RegistryId.Format(professional.RegistryId), name, professional.Email, professional.Phone, professional.DateOfBirth,
                professional.HighestEducationLevel, professional.ReportedEceUnits, jobs, degrees, completeness, recent?.Changes ?? [],
                // The completeness checklist above already asks for county, education and demographics.
                (await quality.ProblemsAsync(professional.Id, ct)).Where(p => p.Rule != Domain.DataQuality.DataQualityRule.RequiredFields || p.Code == "Name").ToList());
        }
    }
}
