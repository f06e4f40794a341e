using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Rules;

namespace Registry.Web.Infrastructure.Rules;

/// <summary>
/// Works out and stores each person's <see cref="QualificationSummary"/>: in the same transaction
/// as any change to their facts (<see cref="QualificationSummaryInterceptor"/>), and in the
/// background for people whose stored result no longer holds (other rule files, a window moved:
/// <see cref="QualificationSummaryRebuild"/>). See docs/decisions/0045-qualification-summaries.md.
/// </summary>
public sealed class QualificationSummaries(RuleBook book, TimeProvider time)
{
    /// <summary>Requirements whose result can move any day while a job runs or has just ended.</summary>
    private static readonly HashSet<RequirementKind> Accruing = [RequirementKind.Experience, RequirementKind.YearsInRole, RequirementKind.MonthsAtSite];

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public string RulesVersion => book.Fingerprint;

    /// <summary>
    /// Works out the summaries of <paramref name="professionalIds"/> from what the database holds now
    /// (in the caller's transaction) and stages them on <paramref name="db"/> (added, changed, or
    /// removed for a record merged away); the caller saves. A fixed number of queries, whatever the number of people.
    /// </summary>
    public async Task<int> StageAsync(RegistryDbContext db, IReadOnlyCollection<int> professionalIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = professionalIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return 0;
        }

        var today = Today;
        var evidence = await new RuleResults.Handler(db, book, time).LoadAsync(ids, ct);
        var validations = await ValidationDatesAsync(db, ids, today, ct);
        var profiles = await db.Professionals.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id))
            .Select(p => new { p.Id, HasCounty = p.County != null, Demographics = p.RaceEthnicityDeclined || p.Gender != null || p.RaceEthnicities.Any() })
            .ToDictionaryAsync(p => p.Id, ct);
        var existing = await db.QualificationSummaries.Where(s => EF.Parameter(ids).Contains(s.ProfessionalId)).ToDictionaryAsync(s => s.ProfessionalId, ct);
        foreach (var id in ids)
        {
            if (!evidence.TryGetValue(id, out var e) || !profiles.TryGetValue(id, out var profile))
            {
                // Merged into another record (or gone): its facts now count for the survivor.
                if (existing.TryGetValue(id, out var orphan))
                {
                    db.QualificationSummaries.Remove(orphan);
                }

                continue;
            }

            var validation = validations.GetValueOrDefault(id);
            var evaluation = RuleEngine.Evaluate(book, e, today, new EvaluationOptions(validation));
            var content = new QualificationSummary.Stored(QualificationSummary.Store(evaluation), Facts(e, today, profile.HasCounty, profile.Demographics));
            if (!existing.TryGetValue(id, out var summary))
            {
                summary = new QualificationSummary(id);
                db.QualificationSummaries.Add(summary);
            }

            summary.Record(book.Fingerprint, today, validation, RecomputeOn(e, evaluation, today, validation), content);
        }

        return ids.Count;
    }

    /// <summary>The facts a roster row shows, as of <paramref name="today"/>.</summary>
    public static QualificationSummary.RosterFacts Facts(Evidence e, DateOnly today, bool hasCounty, bool demographics)
    {
        ArgumentNullException.ThrowIfNull(e);
        var permit = e.Credentials.Where(c => c.Type <= CredentialType.ChildDevelopmentProgramDirectorPermit && c.IsCurrentOn(today)).MaxBy(c => c.Type);
        var counted = e.Courses.Where(c => c.Counts).ToList();
        var ece = counted.Where(c => UnitTotals.EceCategories.Contains(c.Category)).ToList();
        var degree = e.Degrees.MaxBy(d => d.Level);
        var trained = e.Training.Any(x => x.On > today.AddYears(-1));
        var completeness = ProfileCompleteness.Compute(new ProfileFacts(hasCounty, true, e.ReportedEducationLevel is not null, counted.Count > 0 || e.Degrees.Count > 0, e.Credentials.Count > 0, trained, demographics)).Score;
        return new QualificationSummary.RosterFacts(
            permit?.Type, permit?.ExpiresOn, permit?.Verified ?? false,
            UnitMath.ToSemesterUnits(ece.Sum(c => c.QuarterUnits)), UnitMath.ToSemesterUnits(counted.Where(c => UnitTotals.GeneralEducationCategories.Contains(c.Category)).Sum(c => c.QuarterUnits)), ece.Count > 0 && ece.All(c => c.Verified),
            degree?.Level, degree?.Major, degree?.Verified ?? false, completeness);
    }

    /// <summary>
    /// The first day after <paramref name="today"/> the result may differ with no change to the
    /// facts: a fact's date, or a window length after it (a permit expiring, a course or training
    /// leaving a window, an application's year ending), the PD year turning, a rule set coming into
    /// or out of force; and tomorrow while experience accrues (a job running or recently ended, with
    /// a rule in force that counts experience and is not met). At the latest a year on.
    /// </summary>
    public DateOnly RecomputeOn(Evidence e, Evaluation evaluation, DateOnly today, DateOnly? validation)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(evaluation);
        var tomorrow = today.AddDays(1);
        var requirements = evaluation.Results.SelectMany(r => r.Rule.Routes).SelectMany(r => r.Requirements).ToList();
        var months = requirements.Select(q => q.WithinMonths ?? 0)
            .Concat(requirements.Where(q => q.Years is not null).Select(q => (int)Math.Ceiling(q.Years!.Value * 12)))
            .Concat(requirements.Select(q => q.Months ?? 0))
            .Concat([12, 60]).Where(m => m > 0).Distinct().ToList();
        var longest = months.Max();
        if (e.Jobs.Any(j => j.Start <= tomorrow && (j.End is null || j.End.Value.AddMonths(longest) >= today))
            && evaluation.Results.Any(r => !r.Met && r.Rule.Routes.Any(route => route.Requirements.Any(q => Accruing.Contains(q.Kind)))))
        {
            return tomorrow;
        }

        var dates = new List<DateOnly>();
        dates.AddRange(e.Courses.Where(c => c.CompletedOn is not null).Select(c => c.CompletedOn!.Value));
        dates.AddRange(e.Degrees.Where(d => d.ConferredOn is not null).Select(d => d.ConferredOn!.Value));
        dates.AddRange(e.Credentials.Select(c => c.IssuedOn));
        dates.AddRange(e.Credentials.Where(c => c.ExpiresOn is not null).Select(c => c.ExpiresOn!.Value));
        dates.AddRange((e.Applications ?? []).Select(a => a.AppliedOn));
        dates.AddRange(e.Jobs.Select(j => j.Start));
        dates.AddRange(e.Jobs.Where(j => j.End is not null).Select(j => j.End!.Value));
        dates.AddRange(e.Training.Select(t => t.On));
        var candidates = new List<DateOnly>();
        foreach (var d in dates)
        {
            candidates.Add(d);
            candidates.Add(d.AddDays(1));
            foreach (var m in months)
            {
                candidates.Add(d.AddMonths(m));
                candidates.Add(d.AddMonths(m).AddDays(1));
            }
        }

        candidates.Add(RatingYear.For(validation, today).To.AddDays(1));
        foreach (var set in book.Sets)
        {
            candidates.Add(set.EffectiveFrom);
            if (set.EffectiveTo is { } to)
            {
                candidates.Add(to);
            }
        }

        var cap = today.AddYears(1);
        var next = candidates.Where(d => d > today).DefaultIfEmpty(cap).Min();
        return next < cap ? next : cap;
    }

    /// <summary>
    /// For each person, the rating validation date of the site of their main job on the day (the
    /// most hours a week, then the latest start), as <see cref="RuleResults.Handler.ValidationDateAsync"/> picks it for one.
    /// </summary>
    public static async Task<Dictionary<int, DateOnly?>> ValidationDatesAsync(RegistryDbContext db, IReadOnlyCollection<int> ids, DateOnly day, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var jobs = await db.Employments.AsNoTracking()
            .Where(Employment.HeldOn(day)).Where(e => EF.Parameter(ids).Contains(e.ProfessionalId) && e.EmployerId != null)
            .Select(e => new
            {
                e.ProfessionalId, e.Id, e.StartDate, e.Schedule.DaysPerWeek, e.Schedule.HoursPerDay,
                Validation = db.SiteRatingDates.Where(d => d.EmployerId == e.EmployerId).Select(d => (DateOnly?)d.ValidationOn).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return jobs.GroupBy(j => j.ProfessionalId).ToDictionary(
            g => g.Key,
            g => g.OrderByDescending(j => j.DaysPerWeek * j.HoursPerDay).ThenByDescending(j => j.StartDate).ThenByDescending(j => j.Id).First().Validation);
    }
}
