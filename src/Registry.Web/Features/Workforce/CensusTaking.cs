using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Web.Data;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Rules;
using Registry.Web.Domain.Workforce;
using Registry.Web.Infrastructure.Rules;

namespace Registry.Web.Features.Workforce;

/// <summary>Taking census snapshots: requested (by an analyst, or by the schedule when one is due) and filled a slice of people at a time, in the background.</summary>
public sealed class CensusTaking(RegistryDbContext db, RuleResults.Handler qualifications, RuleBook book, TimeProvider time, IOptions<CensusOptions> options, ILogger<CensusTaking> logger, CensusSignal signal)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>An analyst asks for a snapshot now: it is requested, and the census worker woken to take it.</summary>
    public async Task TakeNowAsync(string userId, CancellationToken ct)
    {
        await RequestAsync(SnapshotKind.OnDemand, userId, ct);
        signal.Notify();
    }

    public async Task<int> RequestAsync(SnapshotKind kind, string? userId, CancellationToken ct)
    {
        var snapshot = new CensusSnapshot(Today, kind, userId, time.GetUtcNow());
        db.CensusSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        return snapshot.Id;
    }

    /// <summary>
    /// The background pass: requests the period's scheduled snapshot when it is due, then fills
    /// every requested snapshot not yet complete (one left half-written by a stop is started again).
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        if (PeriodStart(options.Value.Schedule, Today) is { } start
            && !await db.CensusSnapshots.AnyAsync(s => s.Kind == SnapshotKind.Scheduled && s.AsOf >= start, ct))
        {
            await RequestAsync(SnapshotKind.Scheduled, null, ct);
        }

        var pending = await db.CensusSnapshots.Where(s => s.CompletedAt == null).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in pending)
        {
            await FillAsync(id, ct);
        }

        return pending.Count;
    }

    public static DateOnly? PeriodStart(string schedule, DateOnly today) => schedule.Trim().ToUpperInvariant() switch
    {
        "QUARTERLY" => new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1),
        "MONTHLY" => new DateOnly(today.Year, today.Month, 1),
        _ => null,
    };

    /// <summary>Writes the snapshot's rows, a slice of people at a time, and marks it complete.</summary>
    public async Task FillAsync(int snapshotId, CancellationToken ct)
    {
        var snapshot = await db.CensusSnapshots.SingleAsync(s => s.Id == snapshotId, ct);
        var asOf = snapshot.AsOf;
        await db.CensusCells.Where(c => c.SnapshotId == snapshotId).ExecuteDeleteAsync(ct);
        await db.CensusRecords.Where(r => r.SnapshotId == snapshotId).ExecuteDeleteAsync(ct);
        var maxId = await db.Professionals.MaxAsync(p => (int?)p.Id, ct) ?? 0;
        var slice = Math.Max(100, options.Value.SliceSize);
        var written = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var from = 1; from <= maxId; from += slice)
        {
            var rows = await SliceAsync(snapshotId, asOf, from, from + slice, ct);
            await WriteAsync(rows, ct);
            written += rows.Count;
        }

        // Every pair of dimensions by county, once: what reports read.
        var stored = await db.CensusRecords.AsNoTracking().Where(r => r.SnapshotId == snapshotId).ToListAsync(ct);
        await WriteCellsAsync(CensusCells.Count(snapshotId, stored), ct);

        snapshot = await db.CensusSnapshots.SingleAsync(s => s.Id == snapshotId, ct);
        snapshot.Complete(written, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Census snapshot {Id} as of {AsOf}: {People} people in {Seconds:F1} s.", snapshotId, asOf, written, watch.Elapsed.TotalSeconds);
    }

    private static readonly string[] RecordColumns =
    [
        nameof(CensusRecord.SnapshotId), nameof(CensusRecord.Role), nameof(CensusRecord.Setting), nameof(CensusRecord.County), nameof(CensusRecord.Education),
        nameof(CensusRecord.EceUnits), nameof(CensusRecord.Permit), nameof(CensusRecord.YearsInField), nameof(CensusRecord.Age), nameof(CensusRecord.Wage),
        nameof(CensusRecord.Race), nameof(CensusRecord.RaceCategories), nameof(CensusRecord.Ethnicity1997), nameof(CensusRecord.Race1997),
        nameof(CensusRecord.Languages), nameof(CensusRecord.QualityCountsPoints),
    ];

    private static readonly string[] CellColumns =
    [
        nameof(CensusCell.SnapshotId), nameof(CensusCell.First), nameof(CensusCell.Second), nameof(CensusCell.County),
        nameof(CensusCell.FirstValue), nameof(CensusCell.SecondValue), nameof(CensusCell.Count),
    ];

    /// <summary>The slice's rows in one short transaction, through one prepared statement (<see cref="BulkInsert"/>, any provider).</summary>
    private Task WriteAsync(List<CensusRecord> rows, CancellationToken ct) =>
        InsertAsync<CensusRecord>(RecordColumns, rows.Select(r => new object?[]
        {
            r.SnapshotId, r.Role, r.Setting, r.County, r.Education, r.EceUnits, r.Permit, r.YearsInField, r.Age,
            r.Wage, r.Race, r.RaceCategories, r.Ethnicity1997, r.Race1997, r.Languages, r.QualityCountsPoints,
        }), ct);

    private Task WriteCellsAsync(List<CensusCell> cells, CancellationToken ct) =>
        InsertAsync<CensusCell>(CellColumns, cells.Select(c => new object?[] { c.SnapshotId, c.First, c.Second, c.County, c.FirstValue, c.SecondValue, c.Count }), ct);

    private async Task InsertAsync<TEntity>(IReadOnlyList<string> columns, IEnumerable<object?[]> values, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkInsert.RowsAsync<TEntity>(db, columns, values, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<List<CensusRecord>> SliceAsync(int snapshotId, DateOnly asOf, int fromId, int toId, CancellationToken ct)
    {
        // Every job of the slice's people, with its site's kind and county: who is in the census
        // (a job held on the day), as what (the main job), and since when (the first job).
        var allJobs = await (
            from e in db.Employments.AsNoTracking()
            where e.ProfessionalId >= fromId && e.ProfessionalId < toId
            join x in db.Employers.AsNoTracking() on e.EmployerId equals x.Id into sites
            from site in sites.DefaultIfEmpty()
            select new
            {
                e.ProfessionalId, e.Id, e.EmployerId, e.Role, e.HourlyWage, e.StartDate, e.EndDate, Hours = e.Schedule.DaysPerWeek * e.Schedule.HoursPerDay,
                Facility = site == null ? (Domain.Employers.FacilityType?)null : site.FacilityType, County = site == null ? null : site.County,
            })
            .ToListAsync(ct);
        var jobs = allJobs.Where(e => Domain.Employments.Employment.Spans(e.StartDate, e.EndDate, asOf)).ToList();
        if (jobs.Count == 0)
        {
            return [];
        }

        // The main job: the most hours a week, then the most recent.
        var main = jobs.GroupBy(j => j.ProfessionalId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(j => j.Hours).ThenByDescending(j => j.StartDate).ThenByDescending(j => j.Id).First());
        var people = await db.Professionals.AsNoTracking().Where(p => p.Id >= fromId && p.Id < toId)
            .Select(p => new { p.Id, p.DateOfBirth, p.FirstYearInField, p.HighestEducationLevel, p.ReportedEceUnits, p.County, p.RaceEthnicityDeclined })
            .ToListAsync(ct);
        var firstJobs = allJobs.GroupBy(e => e.ProfessionalId).ToDictionary(g => g.Key, g => g.Min(e => e.StartDate));

        // Quality Counts points count PD hours in the rating year of the main job's site (decision 0039).
        var mainSites = main.Values.Where(j => j.EmployerId is not null).Select(j => j.EmployerId!.Value).Distinct().ToList();
        var validations = mainSites.Count == 0 ? [] : await db.SiteRatingDates.AsNoTracking().Where(d => EF.Parameter(mainSites).Contains(d.EmployerId))
            .ToDictionaryAsync(d => d.EmployerId, d => d.ValidationOn, ct);
        var races = (await db.Set<ProfessionalRaceEthnicity>().AsNoTracking().Where(r => r.ProfessionalId >= fromId && r.ProfessionalId < toId)
            .Select(r => new { r.ProfessionalId, r.Category }).ToListAsync(ct)).ToLookup(r => r.ProfessionalId, r => r.Category);
        var languages = (await db.Set<ProfessionalLanguage>().AsNoTracking().Where(l => l.ProfessionalId >= fromId && l.ProfessionalId < toId)
            .Select(l => new { l.ProfessionalId, l.Language }).ToListAsync(ct)).ToLookup(l => l.ProfessionalId, l => l.Language);
        var evidence = await qualifications.LoadRangeAsync(fromId, toId, ct);

        // Points from each person's stored summary where it holds on the day, for their main site's PD year; else evaluated here.
        var stored = await db.QualificationSummaries.AsNoTracking().Where(s => s.ProfessionalId >= fromId && s.ProfessionalId < toId)
            .Select(s => new { s.ProfessionalId, s.RulesVersion, s.EvaluatedOn, s.RecomputeOn, s.ValidationDate, s.LeadTeacherPoints })
            .ToDictionaryAsync(s => s.ProfessionalId, ct);

        // Classifying (the Quality Counts rules above all) is the costly part: both cores share it.
        var rows = people.Where(p => main.ContainsKey(p.Id)).AsParallel().AsOrdered().Select(p =>
        {
            var job = main[p.Id];
            var e = evidence.GetValueOrDefault(p.Id, Evidence.None);
            var ece = UnitMath.ToSemesterUnits(e.Courses.Where(c => c.Counts && UnitTotals.EceCategories.Contains(c.Category)).Sum(c => c.QuarterUnits));
            var validation = job.EmployerId is { } site && validations.TryGetValue(site, out var on) ? on : (DateOnly?)null;
            var points = stored.TryGetValue(p.Id, out var summary) && summary.RulesVersion == book.Fingerprint && summary.EvaluatedOn <= asOf && asOf < summary.RecomputeOn && summary.ValidationDate == validation
                ? summary.LeadTeacherPoints
                : RuleEngine.Evaluate(book, e, asOf, new EvaluationOptions(validation), rule => rule.Track == QualificationSummary.LeadTeacherTrack)
                    .Results.Where(r => r.Met).Select(r => r.Rule.Level).DefaultIfEmpty(0).Max();
            var row = Census.Classify(new CensusFacts(
                p.DateOfBirth, p.FirstYearInField, p.HighestEducationLevel, e.Degrees.Select(d => d.Level).ToList(),
                ece > 0 ? ece : p.ReportedEceUnits ?? 0,
                e.Credentials.Where(c => c.IsCurrentOn(asOf)).Select(c => c.Type).ToList(),
                job.Role, job.Facility, job.Facility is null ? p.County : ToTitle(job.County) ?? p.County, job.HourlyWage,
                firstJobs.TryGetValue(p.Id, out var first) ? first : null,
                races[p.Id].ToList(), p.RaceEthnicityDeclined, languages[p.Id].ToList(), points), asOf);
            row.SnapshotId = snapshotId;
            return row;
        }).ToList();

        return rows;
    }

    private static string? ToTitle(string? county) =>
        county is null ? null : Domain.CaliforniaCounties.All.FirstOrDefault(c => string.Equals(c, county.Trim(), StringComparison.OrdinalIgnoreCase));
}
