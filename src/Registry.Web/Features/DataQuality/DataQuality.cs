using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.DataQuality;
using Registry.Web.Domain.Education;

namespace Registry.Web.Features.DataQuality;

/// <summary>Reads what the data quality rules check, for one person or many, in a fixed number of queries.</summary>
public static class DataQuality
{
    public sealed class Handler(RegistryDbContext db, TimeProvider time)
    {
        public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

        public async Task<IReadOnlyList<DataQualityProblem>> ProblemsAsync(int professionalId, CancellationToken ct) =>
            (await FactsAsync([professionalId], ct)).TryGetValue(professionalId, out var facts) ? DataQualityRules.Check(facts, Today) : [];

        public async Task<IReadOnlyDictionary<int, RecordFacts>> FactsAsync(IReadOnlyCollection<int> professionalIds, CancellationToken ct)
        {
            var ids = professionalIds.Distinct().ToList();
            var people = await db.Professionals.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id))
                .Select(p => new
                {
                    p.Id, HasName = p.FirstName != "" && p.LastName != "", p.DateOfBirth, HasCounty = p.County != null, HasLevel = p.HighestEducationLevel != null,
                    Race = p.RaceEthnicityDeclined || p.RaceEthnicities.Any(), Duplicate = p.PossibleDuplicateOfId != null,
                }).ToListAsync(ct);
            var jobs = (await db.Employments.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.ProfessionalId))
                .Select(e => new
                {
                    e.ProfessionalId, Employer = e.EmployerId == null ? e.UnlistedEmployer!.BusinessName : db.Employers.Where(x => x.Id == e.EmployerId).Select(x => x.Name).First(),
                    e.StartDate, e.EndDate, e.Schedule.DaysPerWeek, e.Schedule.HoursPerDay, Unlisted = e.EmployerId == null,
                }).ToListAsync(ct)).ToLookup(j => j.ProfessionalId, j => (j.Employer, j.StartDate, j.EndDate, j.DaysPerWeek * j.HoursPerDay, j.Unlisted));
            var degrees = (await db.Degrees.AsNoTracking().Where(d => EF.Parameter(ids).Contains(d.ProfessionalId))
                .Select(d => new { d.ProfessionalId, d.Major, d.ConferredOn }).ToListAsync(ct)).ToLookup(d => d.ProfessionalId, d => (d.Major, d.ConferredOn));
            var courses = (await db.Courses.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.ProfessionalId))
                .Select(c => new { c.ProfessionalId, c.Title, c.Units, c.UnitType, c.CompletedOn }).ToListAsync(ct))
                .ToLookup(c => c.ProfessionalId, c => (c.Title, c.UnitType == UnitType.Quarter ? Math.Round(c.Units * 2m / 3m, 2) : c.Units, c.CompletedOn));
            var training = (await db.TrainingRecords.AsNoTracking().Where(t => EF.Parameter(ids).Contains(t.ProfessionalId))
                .Select(t => new { t.ProfessionalId, t.Title, t.AttendedOn, t.ClockHours }).ToListAsync(ct)).ToLookup(t => t.ProfessionalId, t => (t.Title, t.AttendedOn, t.ClockHours));
            var credentials = (await db.Credentials.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.ProfessionalId))
                .Select(c => new { c.ProfessionalId, c.Type, c.IssuedOn, c.ExpiresOn }).ToListAsync(ct)).ToLookup(c => c.ProfessionalId, c => (c.Type, c.IssuedOn, c.ExpiresOn));
            return people.ToDictionary(p => p.Id, p => new RecordFacts(
                p.HasName, p.DateOfBirth, p.HasCounty, p.HasLevel, p.Race, p.Duplicate,
                jobs[p.Id].ToList(), degrees[p.Id].ToList(), courses[p.Id].ToList(), training[p.Id].ToList(), credentials[p.Id].ToList()));
        }
    }
}
