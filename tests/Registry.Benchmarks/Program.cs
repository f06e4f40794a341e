using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Benchmarks;
using Registry.Web.Data;
using Registry.Web.Data.Licensing;
using Registry.Synthetic;
using Registry.Web.Infrastructure.Employers;

// Employer import and look-up against a statewide-size licensing list, on the embedded SQLite
// default, in-process. Usage: dotnet run -c Release --project tests/Registry.Benchmarks [-- --rows N] [--keep FILE.db]
// With --qualifications: the rules engine instead (QualificationsBenchmark).
if (args.Contains("--qualifications"))
{
    return await QualificationsBenchmark.RunAsync(args);
}

// With --calendar: the training calendar's searches with 20,000 events (CalendarBenchmark).
if (args.Contains("--calendar"))
{
    return await CalendarBenchmark.RunAsync(args);
}

// With --workforce: a synthetic state, its census snapshot, data quality and reports (WorkforceBenchmark).
if (args.Contains("--workforce"))
{
    return await WorkforceBenchmark.RunAsync(args);
}

// With --load: the running app over HTTP with wrk, on a --workforce database (LoadBenchmark).
if (args.Contains("--load"))
{
    return await LoadBenchmark.RunAsync(args);
}

// With --announce: an announcement to everyone in a synthetic state, queued and delivered while pages are read (AnnouncementBenchmark).
if (args.Contains("--announce"))
{
    return await AnnouncementBenchmark.RunAsync(args);
}

// With --import: 300,000 people and 1,000,000 courses loaded from CSV files (ImportBenchmark).
if (args.Contains("--import"))
{
    return await ImportBenchmark.RunAsync(args);
}

// With --roster: a director's 200-person roster among 300,000 professionals (RosterBenchmark).
if (args.Contains("--roster"))
{
    return await RosterBenchmark.RunAsync(args);
}

var rows = args.SkipWhile(a => a != "--rows").Skip(1).Select(int.Parse).FirstOrDefault(40_000);
var folder = Directory.CreateTempSubdirectory("registry-bench-");
try
{
    var csvPath = Path.Combine(folder.FullName, "ccld-statewide-generated.csv");
    var generated = StatewideListGenerator.Generate(rows, seed: 2026);
    await File.WriteAllBytesAsync(csvPath, generated.Bytes);
    var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "bench.db") }.ToString();
    SqliteRegistryDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite(connectionString).Options);

    await using (var db = NewContext())
    {
        await db.Database.MigrateAsync();
    }

    var file = await File.ReadAllBytesAsync(csvPath);
    var keep = args.SkipWhile(a => a != "--keep").Skip(1).FirstOrDefault();
    async Task<(ImportEmployers.Result Result, TimeSpan Elapsed)> ImportAsync(byte[] bytes)
    {
        await using var db = NewContext();
        var handler = new ImportEmployers.Handler(db, TimeProvider.System, NullLogger<ImportEmployers.Handler>.Instance);
        var watch = Stopwatch.StartNew();
        var result = await handler.HandleAsync(bytes, ImportEmployers.Mode.Full, CancellationToken.None);
        return (result, watch.Elapsed);
    }

    var first = await ImportAsync(file);
    var again = await ImportAsync(file);
    var changed = await ImportAsync(StatewideListGenerator.WithChanges(file, everyNth: 100));

    var lookups = new (string Name, IReadOnlyList<string> Queries)[]
    {
        ("license number, exact", generated.SampleLicenseNumbers(500, seed: 1)),
        ("license number, typed with dashes", generated.SampleLicenseNumbers(500, seed: 2).Select(n => $"{n[..3]}-{n[3..6]}-{n[6..]}").ToList()),
        ("family home, \"last, first\"", generated.SampleHomeNames(500, seed: 3)),
        ("family home, \"first last\" lower case", generated.SampleHomeNames(500, seed: 4).Select(n => string.Join(' ', n.Split(", ").Reverse()).ToLowerInvariant()).ToList()),
        ("one word, 3% of sites (\"montessori\")", Enumerable.Repeat("montessori", 200).ToList()),
        ("one very common word (\"center\"): worst case", Enumerable.Repeat("center", 200).ToList()),
        ("two-word prefix (\"little sta\")", Enumerable.Repeat("little sta", 200).ToList()),
        ("common surname (\"garcia\")", Enumerable.Repeat("garcia", 200).ToList()),
    };

    var report = new StringBuilder();
    report.AppendLine(CultureInfo.InvariantCulture, $"Employer import and look-up: {rows:N0} generated sites in the CCLD layout, SQLite file database, in-process, Release build.");
    report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Describe()}");
    report.AppendLine();
    report.AppendLine("| import | rows | added | updated | unchanged | time |");
    report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
    report.AppendLine(ImportLine("first import into an empty database", rows, first));
    report.AppendLine(ImportLine("re-import of the same file", rows, again));
    report.AppendLine(ImportLine("re-import with 1% of sites changed", rows, changed));
    report.AppendLine();
    report.AppendLine("| look-up (first page of 20) | runs | matches (median) | median | p95 | max |");
    report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
    var all = new List<double>();

    await using (var db = NewContext())
    {
        var search = new SearchEmployers.Handler(db);
        foreach (var (name, queries) in lookups)
        {
            foreach (var warmup in queries.Take(20))
            {
                await search.HandleAsync(new SearchEmployers.Criteria(warmup), CancellationToken.None);
            }

            var timings = new List<double>(queries.Count);
            var matches = new List<int>(queries.Count);
            foreach (var query in queries)
            {
                var watch = Stopwatch.StartNew();
                var result = await search.HandleAsync(new SearchEmployers.Criteria(query), CancellationToken.None);
                timings.Add(watch.Elapsed.TotalMilliseconds);
                matches.Add(result.Total);
                if (result.Total == 0)
                {
                    throw new InvalidOperationException($"The look-up '{query}' found nothing: the benchmark would measure nothing.");
                }
            }

            timings.Sort();
            matches.Sort();
            all.AddRange(timings);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {timings.Count} | {matches[matches.Count / 2]:N0} | {Percentile(timings, 0.5):F2} ms | {Percentile(timings, 0.95):F2} ms | {timings[^1]:F2} ms |");
        }

        all.Sort();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| **all look-ups above** | {all.Count} | | **{Percentile(all, 0.5):F2} ms** | {Percentile(all, 0.95):F2} ms | {all[^1]:F2} ms |");
    }

    Console.WriteLine(report.ToString());
    if (keep is not null)
    {
        SqliteConnection.ClearAllPools();
        File.Copy(Path.Combine(folder.FullName, "bench.db"), keep, overwrite: true);
    }

    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    folder.Delete(recursive: true);
}

static string ImportLine(string name, int rows, (ImportEmployers.Result Result, TimeSpan Elapsed) run) =>
    string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {rows:N0} | {run.Result.Added:N0} | {run.Result.Updated:N0} | {run.Result.Unchanged:N0} | {run.Elapsed.TotalSeconds:F2} s |");

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, " +
               $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }
}
