using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Registry.Web.Data;
using Registry.Web.Data.Licensing;
using Registry.Synthetic;
using Registry.Web.Domain.Rules;
using Registry.Web.Domain.Workforce;
using Registry.Web.Features.DataQuality;
using Registry.Web.Features.Workforce;
using Registry.Web.Infrastructure.DataQuality;
using Registry.Web.Infrastructure.Rules;

namespace Registry.Benchmarks;

/// <summary>
/// A synthetic state (default 300,000 professionals, 40,000 sites, 3 million training records,
/// 1 million courses) on SQLite: how long it takes to make, to take a census snapshot, to run
/// the data quality rules over every record, and to answer statewide and county reports, in
/// the handler and as pages through the whole app.
/// Usage: dotnet run -c Release --project tests/Registry.Benchmarks -- --workforce [--people N] [--keep FILE.db]
/// </summary>
internal static class WorkforceBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var people = args.SkipWhile(a => a != "--people").Skip(1).Select(int.Parse).FirstOrDefault(300_000);
        var size = new SyntheticStateSize(people, Math.Max(100, people * 2 / 15), people * 10, people * 10 / 3);
        var keep = args.SkipWhile(a => a != "--keep").Skip(1).FirstOrDefault();
        var folder = Directory.CreateTempSubdirectory("registry-bench-workforce-");
        try
        {
            var databasePath = Path.Combine(folder.FullName, "bench.db");
            var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
            SqliteRegistryDbContext NewContext() =>
                new(new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite(connectionString).Options);
            await using (var db = NewContext())
            {
                await db.Database.MigrateAsync();
            }

            SyntheticState.Result generated;
            await using (var db = NewContext())
            {
                var import = new ImportEmployers.Handler(db, TimeProvider.System, NullLogger<ImportEmployers.Handler>.Instance);
                generated = await new SyntheticState(db, import, TimeProvider.System, NullLogger<SyntheticState>.Instance).GenerateAsync(size, CancellationToken.None);
            }

            var book = RuleSetLoader.LoadFolder(Repository.RulesFolder());
            var census = Options.Create(new CensusOptions());
            CensusTaking SnapshotTaking(RegistryDbContext db) =>
                new(db, new RuleResults.Handler(db, book, TimeProvider.System), book, TimeProvider.System, census, NullLogger<CensusTaking>.Instance, new CensusSignal());

            // The census snapshot, as the background worker takes it.
            int snapshotId;
            TimeSpan snapshotTime;
            int censusPeople;
            await using (var db = NewContext())
            {
                var handler = SnapshotTaking(db);
                snapshotId = await handler.RequestAsync(SnapshotKind.OnDemand, null, CancellationToken.None);
                var watch = Stopwatch.StartNew();
                await handler.FillAsync(snapshotId, CancellationToken.None);
                snapshotTime = watch.Elapsed;
                await new Snapshots.Handler(db, TimeProvider.System, census).PublishAsync(snapshotId, "benchmark", publish: true, CancellationToken.None);
                censusPeople = await db.CensusRecords.CountAsync(r => r.SnapshotId == snapshotId);
            }

            // The data quality rules over every record.
            TimeSpan qualityTime;
            DataQualityRuns.Dashboard? dashboard;
            await using (var db = NewContext())
            {
                var runs = new DataQualityRuns.Handler(db, new DataQualityChecks(db, TimeProvider.System), TimeProvider.System, Options.Create(new DataQualityOptions()), NullLogger<DataQualityRuns.Handler>.Instance);
                await runs.RequestAsync("benchmark", CancellationToken.None);
                var watch = Stopwatch.StartNew();
                await runs.RunDueAsync(CancellationToken.None);
                qualityTime = watch.Elapsed;
                dashboard = await runs.DashboardAsync(CancellationToken.None);
            }

            // Reports in the handler: every dimension by race and ethnicity, statewide and for counties large and small.
            var statewide = new List<double>();
            var county = new List<double>();
            var maps = new List<double>();
            var dimensions = Dimensions.All.Where(d => d != Dimension.Race).ToList();
            string[] counties = ["Los Angeles", "Fresno", "Alpine"];
            for (var round = 0; round < 4; round++)
            {
                foreach (var dimension in dimensions)
                {
                    await using var db = NewContext();
                    var reports = new Reports.Handler(db);
                    var watch = Stopwatch.StartNew();
                    var table = await reports.TableAsync(snapshotId, dimension, Dimension.Race, new Reports.ReportFilters(), CancellationToken.None);
                    if (round > 0)
                    {
                        statewide.Add(watch.Elapsed.TotalMilliseconds);
                    }

                    if (table.Figures.Total != censusPeople)
                    {
                        throw new InvalidOperationException("The statewide total is not the census: the benchmark would measure the wrong thing.");
                    }

                    if (dimension == Dimension.County)
                    {
                        continue;
                    }

                    foreach (var name in counties)
                    {
                        watch.Restart();
                        await reports.TableAsync(snapshotId, dimension, Dimension.Race, new Reports.ReportFilters(Census.CountyCode(name)), CancellationToken.None);
                        if (round > 0)
                        {
                            county.Add(watch.Elapsed.TotalMilliseconds);
                        }
                    }
                }

                foreach (var measure in Enum.GetValues<MapMeasure>())
                {
                    await using var db = NewContext();
                    var watch = Stopwatch.StartNew();
                    await new Reports.Handler(db).MapAsync(snapshotId, measure, CancellationToken.None);
                    if (round > 0)
                    {
                        maps.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }

            statewide.Sort();
            county.Sort();
            maps.Sort();

            // The public pages through the whole app.
            List<double> statePages, countyPages, mapPages;
            await using (var app = new BenchmarkApp(databasePath, folder.FullName))
            {
                var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://registry.test") });
                statePages = await BenchmarkApp.TimeGetsAsync(client, "/workforce?rows=Education&by=Race", 5, 30, html => html.Contains("id=\"report-table\"", StringComparison.Ordinal));
                countyPages = await BenchmarkApp.TimeGetsAsync(client, "/workforce?rows=Education&by=Race&county=Fresno", 5, 30, html => html.Contains("id=\"report-table\"", StringComparison.Ordinal));
                mapPages = await BenchmarkApp.TimeGetsAsync(client, "/workforce/map?measure=BachelorOrHigher", 5, 30, html => html.Contains("id=\"county-map\"", StringComparison.Ordinal));
            }

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"Workforce data on a synthetic state: {generated.People:N0} professionals ({generated.Active:N0} working on the day), {generated.Employers:N0} sites, {generated.Employments:N0} jobs, {generated.Courses:N0} courses, {generated.TrainingRecords:N0} training records, {generated.Credentials:N0} permits and cards; SQLite file database, in-process, Release build.");
            report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Describe()}");
            report.AppendLine();
            report.AppendLine("| measure | runs | median | p95 | max |");
            report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| generating the synthetic state (`generate-state`) | 1 | {generated.Elapsed.TotalSeconds:F0} s | | |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| census snapshot of {censusPeople:N0} people (read, classify, Quality Counts points, write) | 1 | {snapshotTime.TotalSeconds:F1} s | | |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| data quality: every rule over {dashboard?.Records:N0} records ({dashboard?.Passing:N0} pass) | 1 | {qualityTime.TotalSeconds:F1} s | | |");
            report.AppendLine(Line("statewide report, one dimension by race and ethnicity, suppressed with all 58 counties (handler)", statewide));
            report.AppendLine(Line("county report (Los Angeles, Fresno, Alpine), one dimension by race and ethnicity (handler)", county));
            report.AppendLine(Line("county map, any measure (handler)", maps));
            report.AppendLine(Line("statewide report page `/workforce?rows=Education&by=Race` through the whole app", statePages));
            report.AppendLine(Line("county report page `/workforce?rows=Education&by=Race&county=Fresno` through the whole app", countyPages));
            report.AppendLine(Line("county map page through the whole app", mapPages));
            Console.WriteLine(report.ToString());
            if (keep is not null)
            {
                SqliteConnection.ClearAllPools();
                File.Copy(databasePath, keep, overwrite: true);
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static string Line(string name, List<double> sorted) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {sorted.Count} | {Repository.Percentile(sorted, 0.5):F1} ms | {Repository.Percentile(sorted, 0.95):F1} ms | {sorted[^1]:F1} ms |");
}
