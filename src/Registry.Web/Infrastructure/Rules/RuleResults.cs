using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Rules;
using Registry.Web.Domain.Training;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Infrastructure.Rules;

/// <summary>
/// The one service that answers "what does this person qualify for": loads evidence for one
/// person or a whole roster in a fixed number of queries, and evaluates the rules in force on
/// the day. My Registry, director rosters and rater dashboards all use it.
/// </summary>
public static class RuleResults
{
    public sealed class Handler(RegistryDbContext db, RuleBook book, TimeProvider time)
    {
        public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

        public async Task<Evaluation> EvaluateAsync(int professionalId, DateOnly? asOf, CancellationToken ct)
        {
            var evidence = await LoadAsync([professionalId], ct);
            var day = asOf ?? Today;
            return RuleEngine.Evaluate(book, evidence.GetValueOrDefault(professionalId, Evidence.None), day, new EvaluationOptions(await ValidationDateAsync(professionalId, day, ct)));
        }

        /// <summary>
        /// The rating validation date of the site of the person's main job on the day (the most hours
        /// a week, as the census picks it): their PD year is that site's rating year (see <see cref="RatingYear"/>).
        /// </summary>
        public async Task<DateOnly?> ValidationDateAsync(int professionalId, DateOnly day, CancellationToken ct)
        {
            // A person holds a job or two on a day: picked in memory (SQLite cannot order by a decimal).
            var jobs = await db.Employments.AsNoTracking()
                .Where(Employment.HeldOn(day)).Where(e => e.ProfessionalId == professionalId && e.EmployerId != null)
                .Select(e => new
                {
                    e.Id, e.StartDate, Hours = e.Schedule.DaysPerWeek * e.Schedule.HoursPerDay,
                    Validation = db.SiteRatingDates.Where(d => d.EmployerId == e.EmployerId).Select(d => (DateOnly?)d.ValidationOn).FirstOrDefault(),
                })
                .ToListAsync(ct);
            return jobs.OrderByDescending(j => j.Hours).ThenByDescending(j => j.StartDate).ThenByDescending(j => j.Id).FirstOrDefault()?.Validation;
        }

        /// <summary>Evaluations for many people (a roster): a fixed number of queries (one per kind of fact), whatever their number.</summary>
        public async Task<IReadOnlyDictionary<int, Evaluation>> EvaluateManyAsync(IReadOnlyCollection<int> professionalIds, DateOnly? asOf, CancellationToken ct)
        {
            var evidence = await LoadAsync(professionalIds, ct);
            var day = asOf ?? Today;
            return professionalIds.Distinct().ToDictionary(id => id, id => RuleEngine.Evaluate(book, evidence.GetValueOrDefault(id, Evidence.None), day));
        }

        /// <summary>Each person's evidence, read with one query per kind of fact (and one for the stipend programs that list their sites).</summary>
        public Task<IReadOnlyDictionary<int, Evidence>> LoadAsync(IReadOnlyCollection<int> professionalIds, CancellationToken ct)
        {
            var ids = professionalIds.Distinct().ToList();
            return LoadAsync(id => EF.Parameter(ids).Contains(id), ct);
        }

        /// <summary>Everyone's evidence whose id is in [<paramref name="fromId"/>, <paramref name="toId"/>): a census reads the state in such slices.</summary>
        public Task<IReadOnlyDictionary<int, Evidence>> LoadRangeAsync(int fromId, int toId, CancellationToken ct) =>
            LoadAsync(id => id >= fromId && id < toId, ct);

        private async Task<IReadOnlyDictionary<int, Evidence>> LoadAsync(Expression<Func<int, bool>> who, CancellationToken ct)
        {
            var levels = await db.Professionals.AsNoTracking().Where(PersonKey.For<Domain.Professionals.Professional>(p => p.Id, who))
                .Select(p => new { p.Id, p.HighestEducationLevel }).ToDictionaryAsync(p => p.Id, p => p.HighestEducationLevel, ct);
            var courses = (await db.Courses.AsNoTracking().Where(PersonKey.For(db.Courses, c => c.ProfessionalId, who))
                .Select(c => new { c.ProfessionalId, c.CourseNumber, c.Title, c.Units, c.UnitType, c.Category, c.Grade, c.CompletedOn, c.Verification.Status })
                .ToListAsync(ct))
                .ToLookup(c => c.ProfessionalId, c => new CourseFact(
                    string.IsNullOrEmpty(c.CourseNumber) ? c.Title : $"{c.CourseNumber} {c.Title}",
                    c.Units, c.Category, c.Grade, c.Status == VerificationStatus.Verified, c.CompletedOn, c.UnitType));
            var degrees = (await db.Degrees.AsNoTracking().Where(PersonKey.For(db.Degrees, d => d.ProfessionalId, who))
                .Select(d => new { d.ProfessionalId, d.Level, d.Major, d.ConferredOn, d.EarnedIn, d.Verification.Status }).ToListAsync(ct))
                .ToLookup(d => d.ProfessionalId, d => new DegreeFact(d.Level, d.Major, d.ConferredOn, d.Status == VerificationStatus.Verified, d.EarnedIn));
            var credentials = (await db.Credentials.AsNoTracking().Where(PersonKey.For(db.Credentials, c => c.ProfessionalId, who))
                .Select(c => new { c.ProfessionalId, c.Type, c.IssuedOn, c.ExpiresOn, c.EarnedIn, c.Verification.Status }).ToListAsync(ct))
                .ToLookup(c => c.ProfessionalId, c => new CredentialFact(c.Type, c.IssuedOn, c.ExpiresOn, c.Status == VerificationStatus.Verified, c.EarnedIn));
            var applications = (await db.PermitApplications.AsNoTracking().Where(PersonKey.For(db.PermitApplications, a => a.ProfessionalId, who))
                .Select(a => new { a.ProfessionalId, a.Type, a.AppliedOn }).ToListAsync(ct))
                .ToLookup(a => a.ProfessionalId, a => new PermitApplicationFact(a.Type, a.AppliedOn));
            var jobRows = await db.Employments.AsNoTracking().Where(PersonKey.For(db.Employments, e => e.ProfessionalId, who))
                .Select(e => new
                {
                    e.ProfessionalId,
                    e.EmployerId,
                    Employer = e.EmployerId == null ? e.UnlistedEmployer!.BusinessName : db.Employers.Where(x => x.Id == e.EmployerId).Select(x => x.Name).First(),
                    e.Role, e.StartDate, e.EndDate, e.Schedule.DaysPerWeek, e.Schedule.HoursPerDay, e.SupervisesAdults, e.HourlyWage,
                    Verified = e.ConfirmedAt != null || e.Verification.Status == VerificationStatus.Verified,
                }).ToListAsync(ct);

            // Which stipend programs list each site (a program's eligible sites are a short list).
            var sites = jobRows.Where(j => j.EmployerId is not null).Select(j => j.EmployerId!.Value).Distinct().ToList();
            var programs = sites.Count == 0 ? [] : (await db.StipendEligibleSites.AsNoTracking().Where(s => EF.Parameter(sites).Contains(s.EmployerId))
                .Select(s => new { s.EmployerId, s.Program }).ToListAsync(ct))
                .GroupBy(s => s.EmployerId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Select(s => s.Program).ToHashSet(StringComparer.Ordinal));
            var jobs = jobRows.ToLookup(e => e.ProfessionalId, e => new JobFact(e.Employer, e.Role, e.StartDate, e.EndDate, e.DaysPerWeek, e.HoursPerDay, e.SupervisesAdults, e.Verified, e.HourlyWage,
                e.EmployerId is { } site ? programs.GetValueOrDefault(site) : null));
            var training = (await db.TrainingRecords.AsNoTracking().Where(PersonKey.For(db.TrainingRecords, t => t.ProfessionalId, who))
                .Select(t => new { t.ProfessionalId, t.Title, t.AttendedOn, t.ClockHours, t.TrustLevel, t.Verification.Status }).ToListAsync(ct))
                .ToLookup(t => t.ProfessionalId, t => new TrainingFact(t.Title, t.AttendedOn, t.ClockHours, t.TrustLevel == TrainingTrustLevel.SponsorVerified || t.Status == VerificationStatus.Verified));

            return levels.ToDictionary(p => p.Key, p => new Evidence(
                courses[p.Key].ToList(), degrees[p.Key].ToList(), credentials[p.Key].ToList(), jobs[p.Key].ToList(), training[p.Key].ToList(), p.Value, applications[p.Key].ToList()));
        }
    }
}

/// <summary>Applies a test on a person's id to any table keyed by person, keeping the test's values as query parameters.</summary>
public static class PersonKey
{
    public static Expression<Func<T, bool>> For<T>(Expression<Func<T, int>> key, Expression<Func<int, bool>> test) =>
        Expression.Lambda<Func<T, bool>>(new Substitute(test.Parameters[0], key.Body).Visit(test.Body), key.Parameters);

    /// <summary>The same, with the table named only to infer its row type.</summary>
    public static Expression<Func<T, bool>> For<T>(IQueryable<T> table, Expression<Func<T, int>> key, Expression<Func<int, bool>> test)
    {
        ArgumentNullException.ThrowIfNull(table);
        return For(key, test);
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
