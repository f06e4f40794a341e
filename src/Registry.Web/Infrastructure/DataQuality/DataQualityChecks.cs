using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.DataQuality;
using Registry.Web.Domain.Education;
using Registry.Web.Infrastructure.Rules;

namespace Registry.Web.Infrastructure.DataQuality;

/// <summary>Reads what the data quality rules check, for one person or many, in a fixed number of queries.</summary>
public sealed class DataQualityChecks(RegistryDbContext db, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public Task<IReadOnlyDictionary<int, RecordFacts>> FactsAsync(IReadOnlyCollection<int> professionalIds, CancellationToken ct)
    {
        var ids = professionalIds.Distinct().ToList();
        return FactsAsync(id => EF.Parameter(ids).Contains(id), ct);
    }

    /// <summary>The facts of everyone whose id is in [<paramref name="fromId"/>, <paramref name="toId"/>): the dashboard reads the state in slices.</summary>
    public Task<IReadOnlyDictionary<int, RecordFacts>> FactsRangeAsync(int fromId, int toId, CancellationToken ct) =>
        FactsAsync(id => id >= fromId && id < toId, ct);

    private async Task<IReadOnlyDictionary<int, RecordFacts>> FactsAsync(Expression<Func<int, bool>> who, CancellationToken ct)
    {
        var people = await db.Professionals.AsNoTracking().Where(PersonKey.For<Domain.Professionals.Professional>(p => p.Id, who))
            .Select(p => new
            {
                p.Id, HasName = p.FirstName != "" && p.LastName != "", p.DateOfBirth, HasCounty = p.County != null, HasLevel = p.HighestEducationLevel != null,
                Race = p.RaceEthnicityDeclined || p.RaceEthnicities.Any(), Duplicate = p.PossibleDuplicateOfId != null,
            }).ToListAsync(ct);
        var jobs = (await db.Employments.AsNoTracking().Where(PersonKey.For(db.Employments, e => e.ProfessionalId, who))
            .Select(e => new
            {
                e.ProfessionalId, Employer = e.EmployerId == null ? e.UnlistedEmployer!.BusinessName : db.Employers.Where(x => x.Id == e.EmployerId).Select(x => x.Name).First(),
                e.StartDate, e.EndDate, e.Schedule.DaysPerWeek, e.Schedule.HoursPerDay, Unlisted = e.EmployerId == null,
            }).ToListAsync(ct)).ToLookup(j => j.ProfessionalId, j => (j.Employer, j.StartDate, j.EndDate, j.DaysPerWeek * j.HoursPerDay, j.Unlisted));
        var degrees = (await db.Degrees.AsNoTracking().Where(PersonKey.For(db.Degrees, d => d.ProfessionalId, who))
            .Select(d => new { d.ProfessionalId, d.Major, d.ConferredOn }).ToListAsync(ct)).ToLookup(d => d.ProfessionalId, d => (d.Major, d.ConferredOn));
        var courses = (await db.Courses.AsNoTracking().Where(PersonKey.For(db.Courses, c => c.ProfessionalId, who))
            .Select(c => new { c.ProfessionalId, c.Title, c.Units, c.UnitType, c.CompletedOn }).ToListAsync(ct))
            .ToLookup(c => c.ProfessionalId, c => (c.Title, UnitMath.InQuarterUnits(c.Units, c.UnitType), c.CompletedOn));
        var training = (await db.TrainingRecords.AsNoTracking().Where(PersonKey.For(db.TrainingRecords, t => t.ProfessionalId, who))
            .Select(t => new { t.ProfessionalId, t.Title, t.AttendedOn, t.ClockHours }).ToListAsync(ct)).ToLookup(t => t.ProfessionalId, t => (t.Title, t.AttendedOn, t.ClockHours));
        var credentials = (await db.Credentials.AsNoTracking().Where(PersonKey.For(db.Credentials, c => c.ProfessionalId, who))
            .Select(c => new { c.ProfessionalId, c.Type, c.IssuedOn, c.ExpiresOn }).ToListAsync(ct)).ToLookup(c => c.ProfessionalId, c => (c.Type, c.IssuedOn, c.ExpiresOn));
        return people.ToDictionary(p => p.Id, p => new RecordFacts(
            p.HasName, p.DateOfBirth, p.HasCounty, p.HasLevel, p.Race, p.Duplicate,
            jobs[p.Id].ToList(), degrees[p.Id].ToList(), courses[p.Id].ToList(), training[p.Id].ToList(), credentials[p.Id].ToList()));
    }
}
