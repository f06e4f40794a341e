using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Web.Data;
using Registry.Web.Domain.DataQuality;
using Registry.Web.Infrastructure.DataQuality;
using Registry.Web.Domain.Workforce;
using Registry.Web.Infrastructure.Jobs;

namespace Registry.Web.Features.DataQuality;

public sealed class DataQualityOptions
{
    public const string Section = "DataQuality";

    /// <summary>How old the latest run may be before the background worker runs the rules again; 0 turns the schedule off.</summary>
    public int RefreshHours { get; set; } = 24;

    public int SliceSize { get; set; } = 10_000;
}

/// <summary>Runs every data quality rule over every record and reads the dashboard from the results.</summary>
public static class DataQualityRuns
{
    public const int PageSize = 50;

    public sealed record RuleLine(DataQualityRule Rule, int Failing);

    public sealed record CountyLine(int County, int Records, int Passing);

    public sealed record Dashboard(int RunId, DateTimeOffset CompletedAt, int Records, int Passing, IReadOnlyList<RuleLine> Rules, IReadOnlyList<CountyLine> Counties, bool RunPending);

    public sealed record FailureRow(int ProfessionalId, string RegistryId, string Name, string Email, int County, DataQualityRule Rule, string Code, string? Entry);

    public sealed record FailureList(DataQualityRule Rule, int? County, int Page, int Pages, int Total, IReadOnlyList<FailureRow> Rows);

    public sealed class Handler(RegistryDbContext db, DataQualityChecks facts, TimeProvider time, IOptions<DataQualityOptions> options, ILogger<Handler> logger)
    {
        public async Task RequestAsync(string userId, CancellationToken ct)
        {
            if (!await db.DataQualityRuns.AnyAsync(r => r.CompletedAt == null, ct))
            {
                db.DataQualityRuns.Add(new DataQualityRun(time.GetUtcNow(), userId));
                await db.SaveChangesAsync(ct);
            }
        }

        /// <summary>Runs a requested pass, or a scheduled one when the latest is older than the refresh interval.</summary>
        public async Task<bool> RunDueAsync(CancellationToken ct)
        {
            var pending = await db.DataQualityRuns.Where(r => r.CompletedAt == null).OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
            if (pending is null)
            {
                var hours = options.Value.RefreshHours;
                var latest = await db.DataQualityRuns.Where(r => r.CompletedAt != null).OrderByDescending(r => r.Id).Select(r => r.StartedAt).FirstOrDefaultAsync(ct);
                if (hours <= 0 || (latest != default && latest > time.GetUtcNow().AddHours(-hours)))
                {
                    return false;
                }

                pending = new DataQualityRun(time.GetUtcNow(), null);
                db.DataQualityRuns.Add(pending);
                await db.SaveChangesAsync(ct);
            }

            await RunAsync(pending.Id, ct);
            return true;
        }

        public async Task RunAsync(int runId, CancellationToken ct)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await db.DataQualityFailures.Where(f => f.RunId == runId).ExecuteDeleteAsync(ct);
            await db.DataQualityCountyCounts.Where(f => f.RunId == runId).ExecuteDeleteAsync(ct);
            var maxId = await db.Professionals.MaxAsync(p => (int?)p.Id, ct) ?? 0;
            var slice = Math.Max(100, options.Value.SliceSize);
            var today = facts.Today;
            var records = 0;
            var passing = 0;
            var perCounty = new Dictionary<int, int>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var from = 1; from <= maxId; from += slice)
            {
                var to = from + slice;
                var counties = await db.Professionals.AsNoTracking().Where(p => p.Id >= from && p.Id < to)
                    .Select(p => new { p.Id, p.County }).ToDictionaryAsync(p => p.Id, p => Census.CountyCode(p.County), ct);
                foreach (var (id, recordFacts) in await facts.FactsRangeAsync(from, to, ct))
                {
                    var county = counties.GetValueOrDefault(id);
                    records++;
                    perCounty[county] = perCounty.GetValueOrDefault(county) + 1;
                    var problems = DataQualityRules.Check(recordFacts, today);
                    if (problems.Count == 0)
                    {
                        passing++;
                        continue;
                    }

                    db.DataQualityFailures.AddRange(problems.Select(p => new DataQualityFailure
                    {
                        RunId = runId, ProfessionalId = id, Rule = p.Rule, Code = p.Code, County = county,
                        Entry = p.Entry is { Length: > 200 } entry ? entry[..200] : p.Entry,
                    }));
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            db.DataQualityCountyCounts.AddRange(perCounty.Select(c => new DataQualityCountyCount { RunId = runId, County = c.Key, Records = c.Value }));
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            var run = await db.DataQualityRuns.SingleAsync(r => r.Id == runId, ct);
            run.Complete(records, passing, time.GetUtcNow());
            await db.SaveChangesAsync(ct);

            // Older runs' rows are no longer shown.
            await db.DataQualityFailures.Where(f => f.RunId < runId).ExecuteDeleteAsync(ct);
            logger.LogInformation("Data quality run {Id}: {Passing} of {Records} records pass, in {Seconds:F1} s.", runId, passing, records, watch.Elapsed.TotalSeconds);
        }

        public async Task<Dashboard?> DashboardAsync(CancellationToken ct)
        {
            var run = await db.DataQualityRuns.AsNoTracking().Where(r => r.CompletedAt != null).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            var pending = await db.DataQualityRuns.AnyAsync(r => r.CompletedAt == null, ct);
            if (run is null)
            {
                return pending ? new Dashboard(0, default, 0, 0, [], [], true) : null;
            }

            var failures = db.DataQualityFailures.AsNoTracking().Where(f => f.RunId == run.Id);
            var byRule = await failures.GroupBy(f => f.Rule).Select(g => new { g.Key, People = g.Select(f => f.ProfessionalId).Distinct().Count() }).ToListAsync(ct);
            var failingByCounty = await failures.GroupBy(f => f.County).Select(g => new { g.Key, People = g.Select(f => f.ProfessionalId).Distinct().Count() })
                .ToDictionaryAsync(x => x.Key, x => x.People, ct);
            var counties = await db.DataQualityCountyCounts.AsNoTracking().Where(c => c.RunId == run.Id).ToListAsync(ct);
            return new Dashboard(
                run.Id, run.CompletedAt!.Value, run.Records, run.Passing,
                Enum.GetValues<DataQualityRule>().Select(rule => new RuleLine(rule, byRule.FirstOrDefault(r => r.Key == rule)?.People ?? 0)).ToList(),
                counties.OrderBy(c => c.County == 0 ? int.MaxValue : c.County)
                    .Select(c => new CountyLine(c.County, c.Records, c.Records - failingByCounty.GetValueOrDefault(c.County))).ToList(),
                pending);
        }

        public async Task<FailureList?> FailuresAsync(DataQualityRule rule, int? county, int page, CancellationToken ct)
        {
            var runId = await db.DataQualityRuns.Where(r => r.CompletedAt != null).OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            if (runId is null)
            {
                return null;
            }

            var query = db.DataQualityFailures.AsNoTracking().Where(f => f.RunId == runId && f.Rule == rule);
            if (county is { } c)
            {
                query = query.Where(f => f.County == c);
            }

            var total = await query.CountAsync(ct);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            page = Math.Clamp(page, 1, pages);
            var rows = await query.OrderBy(f => f.ProfessionalId).ThenBy(f => f.Id).Skip((page - 1) * PageSize).Take(PageSize)
                .Join(db.Professionals, f => f.ProfessionalId, p => p.Id, (f, p) => new FailureRow(
                    p.Id, p.RegistryId, p.FirstName + " " + p.LastName, p.Email, f.County, f.Rule, f.Code, f.Entry))
                .ToListAsync(ct);
            return new FailureList(rule, county, page, pages, total, rows);
        }
    }
}

/// <summary>Wakes the data quality worker when staff ask for a run, so it need not wait for the hour.</summary>
public sealed class DataQualitySignal : WakeSignal;

/// <summary>Runs the data quality rules when a run is due or asked for, one instance at a time (its own lease).</summary>
public sealed class DataQualityWorker(IServiceScopeFactory scopes, DataQualitySignal signal, ILogger<DataQualityWorker> logger)
    : LeasedWorker(scopes, signal, logger, LeaseName, "data quality")
{
    public const string LeaseName = "data-quality";

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<DataQualityRuns.Handler>().RunDueAsync(ct);
}
