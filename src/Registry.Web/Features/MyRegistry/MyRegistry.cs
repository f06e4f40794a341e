using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.DataQuality;
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

        /// <summary>When a mail server refused the account's address (set only then): the page asks to fix it.</summary>
        public DateTimeOffset? EmailRefusedAt { get; init; }
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

    /// <summary>
    /// Reads the record once for the page, its completeness checklist and its data-quality problems (which
    /// ask the same facts), in compiled queries: every signed-in person lands here, so each query it saves
    /// counts (docs/benchmarks.md). The person's row brings how many notices they received and whether a mail
    /// server refused their address; the notices themselves are read only when there are some.
    /// </summary>
    public sealed class Handler(RegistryDbContext db, TimeProvider time, RecentChanges.Handler history, Infrastructure.Email.Notices notices)
    {
        private static readonly PerModelQuery<Func<RegistryDbContext, string, Task<Person?>>> People = new(() =>
            EF.CompileAsyncQuery((RegistryDbContext db, string userId) => db.Professionals.AsNoTracking()
                .Where(p => p.UserId == userId)
                .Select(p => new Person(
                    p.Id, p.RegistryId, p.FirstName, p.MiddleName, p.LastName, p.Email, p.Phone, p.DateOfBirth, p.HighestEducationLevel, p.ReportedEceUnits,
                    p.County != null,
                    p.RaceEthnicityDeclined || p.RaceEthnicities.Any(),
                    p.Gender != null,
                    p.PossibleDuplicateOfId != null,
                    p.CreatedAt,
                    db.AnnouncementRecipients.Count(r => r.ProfessionalId == p.Id),
                    db.UndeliverableAddresses.Where(a => a.Address == db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedEmail).FirstOrDefault())
                        .Select(a => (DateTimeOffset?)a.At).FirstOrDefault()))
                .FirstOrDefault()));

        private static readonly PerModelQuery<Func<RegistryDbContext, int, IAsyncEnumerable<JobView>>> Jobs = new(() =>
            EF.CompileAsyncQuery((RegistryDbContext db, int professionalId) => db.Employments.AsNoTracking()
                .Where(e => e.ProfessionalId == professionalId)
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
                    e.ConfirmedAt != null))));

        private static readonly PerModelQuery<Func<RegistryDbContext, int, IAsyncEnumerable<DegreeRow>>> Degrees = new(() =>
            EF.CompileAsyncQuery((RegistryDbContext db, int professionalId) => db.Degrees.AsNoTracking()
                .Where(d => d.ProfessionalId == professionalId)
                .Select(d => new DegreeRow(new DegreeView(d.Level, d.Major, d.Institution, d.Verification.Status), d.ConferredOn))));

        private static readonly PerModelQuery<Func<RegistryDbContext, int, IAsyncEnumerable<CourseRow>>> Courses = new(() =>
            EF.CompileAsyncQuery((RegistryDbContext db, int professionalId) => db.Courses.AsNoTracking()
                .Where(c => c.ProfessionalId == professionalId)
                .Select(c => new CourseRow(c.Title, c.Units, c.UnitType, c.CompletedOn))));

        private static readonly PerModelQuery<Func<RegistryDbContext, int, IAsyncEnumerable<TrainingRow>>> Training = new(() =>
            EF.CompileAsyncQuery((RegistryDbContext db, int professionalId) => db.TrainingRecords.AsNoTracking()
                .Where(t => t.ProfessionalId == professionalId)
                .Select(t => new TrainingRow(t.Title, t.AttendedOn, t.ClockHours))));

        private static readonly PerModelQuery<Func<RegistryDbContext, int, IAsyncEnumerable<CredentialRow>>> Credentials = new(() =>
            EF.CompileAsyncQuery((RegistryDbContext db, int professionalId) => db.Credentials.AsNoTracking()
                .Where(c => c.ProfessionalId == professionalId)
                .Select(c => new CredentialRow(c.Type, c.IssuedOn, c.ExpiresOn))));

        public async Task<ViewModel?> HandleAsync(string userId, CancellationToken ct)
        {
            if (await People.For(db)(db, userId) is not { } person)
            {
                return null;
            }

            var jobs = await Jobs.For(db)(db, person.Id).ToListAsync(ct);
            var degrees = await Degrees.For(db)(db, person.Id).ToListAsync(ct);
            var courses = await Courses.For(db)(db, person.Id).ToListAsync(ct);
            var training = await Training.For(db)(db, person.Id).ToListAsync(ct);
            var credentials = await Credentials.For(db)(db, person.Id).ToListAsync(ct);

            var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
            var yearAgo = today.AddYears(-1);
            var completeness = ProfileCompleteness.Compute(new ProfileFacts(
                person.HasCounty,
                jobs.Any(j => j.EndDate is null),
                person.HighestEducationLevel is not null,
                courses.Count > 0 || degrees.Count > 0,
                credentials.Count > 0,
                training.Any(t => t.AttendedOn > yearAgo),
                person.AnsweredRaceEthnicity || person.AnsweredGender));

            // The same facts the data-quality dashboard reads for everyone (DataQualityChecks), here for one person.
            var facts = new RecordFacts(
                person.FirstName != "" && person.LastName != "", person.DateOfBirth, person.HasCounty, person.HighestEducationLevel is not null,
                person.AnsweredRaceEthnicity, person.PossibleDuplicate,
                jobs.Select(j => (j.EmployerName, j.StartDate, j.EndDate, j.DaysPerWeek * j.HoursPerDay, j.EmployerUnlisted)).ToList(),
                degrees.Select(d => (d.Degree.Major, d.ConferredOn)).ToList(),
                courses.Select(c => (c.Title, UnitMath.InQuarterUnits(c.Units, c.UnitType), c.CompletedOn)).ToList(),
                training.Select(t => (t.Title, t.AttendedOn, t.ClockHours)).ToList(),
                credentials.Select(c => (c.Type, c.IssuedOn, c.ExpiresOn)).ToList());

            // The completeness checklist above already asks for county, education and demographics.
            var problems = DataQualityRules.Check(facts, today).Where(p => p.Rule != DataQualityRule.RequiredFields || p.Code == "Name").ToList();
            var recent = await history.PageAsync(person.Id, userId, person.CreatedAt, 1, RecentChangesShown, ct);
            var received = await notices.NewestAsync(person.Id, person.NoticeCount, Infrastructure.Email.Notices.Shown, ct);
            var name = string.Join(' ', new[] { person.FirstName, person.MiddleName, person.LastName }.Where(n => !string.IsNullOrEmpty(n)));
            return new ViewModel(
                RegistryId.Format(person.RegistryId), name, person.Email, person.Phone, person.DateOfBirth,
                person.HighestEducationLevel, person.ReportedEceUnits, jobs, degrees.Select(d => d.Degree).ToList(), completeness, recent.Changes, problems)
            {
                Notices = received,
                NoticeCount = person.NoticeCount,
                EmailRefusedAt = person.RefusedAt,
            };
        }
    }

    private sealed record Person(
        int Id, string RegistryId, string FirstName, string? MiddleName, string LastName, string Email, string? Phone, DateOnly DateOfBirth,
        EducationLevel? HighestEducationLevel, decimal? ReportedEceUnits, bool HasCounty, bool AnsweredRaceEthnicity, bool AnsweredGender, bool PossibleDuplicate,
        DateTimeOffset CreatedAt, int NoticeCount, DateTimeOffset? RefusedAt);

    private sealed record DegreeRow(DegreeView Degree, DateOnly? ConferredOn);

    private sealed record CourseRow(string Title, decimal Units, UnitType UnitType, DateOnly? CompletedOn);

    private sealed record TrainingRow(string Title, DateOnly AttendedOn, decimal ClockHours);

    private sealed record CredentialRow(CredentialType Type, DateOnly IssuedOn, DateOnly? ExpiresOn);
}
