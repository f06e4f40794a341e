using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Rules;
using Registry.Web.Domain.Training;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Security;

namespace Registry.Benchmarks;

/// <summary>
/// The rules engine at a state's scale: evidence for generated professionals read from SQLite by
/// <see cref="RuleResults.Handler"/> (what the pages call) and every California rule evaluated.
/// Usage: dotnet run -c Release --project tests/Registry.Benchmarks -- --qualifications [--people N]
/// </summary>
internal static class QualificationsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var people = args.SkipWhile(a => a != "--people").Skip(1).Select(int.Parse).FirstOrDefault(10_000);
        var folder = Directory.CreateTempSubdirectory("registry-bench-rules-");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "bench.db") }.ToString();
            SqliteRegistryDbContext NewContext() =>
                new(new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite(connectionString).Options);
            await using (var db = NewContext())
            {
                await db.Database.MigrateAsync();
            }

            var generate = Stopwatch.StartNew();
            var facts = await GenerateAsync(NewContext, people);
            generate.Stop();

            var book = RuleSetLoader.LoadFolder(Repository.RulesFolder());
            var ruleCount = book.InForceOn(DateOnly.FromDateTime(DateTime.Today)).Sum(s => s.Rules.Count);
            List<int> ids;
            await using (var db = NewContext())
            {
                ids = await db.Professionals.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
            }

            // Everyone, a thousand at a time, as a nightly report or a state-wide snapshot would.
            await EvaluateAllAsync(NewContext, book, ids.Take(1000).ToList());
            var all = Stopwatch.StartNew();
            var met = await EvaluateAllAsync(NewContext, book, ids);
            all.Stop();

            // A director's roster: 200 people in one request. The everyone pass above leaves its garbage
            // behind: collected here, so a roster is not charged for the previous phase's collections.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var rosters = new List<double>();
            var random = new Random(7);
            for (var run = 0; run < 30; run++)
            {
                var roster = Enumerable.Range(0, 200).Select(_ => ids[random.Next(ids.Count)]).Distinct().ToList();
                await using var db = NewContext();
                var handler = new RuleResults.Handler(db, book, TimeProvider.System);
                var watch = Stopwatch.StartNew();
                var results = await handler.EvaluateManyAsync(roster, null, CancellationToken.None);
                rosters.Add(watch.Elapsed.TotalMilliseconds);
                if (results.Count != roster.Count)
                {
                    throw new InvalidOperationException("A roster came back short: the benchmark would measure nothing.");
                }
            }

            // The same rosters split: reading the evidence, and evaluating it in memory.
            var reads = new List<double>();
            var evaluations = new List<double>();
            random = new Random(7);
            for (var run = 0; run < 30; run++)
            {
                var roster = Enumerable.Range(0, 200).Select(_ => ids[random.Next(ids.Count)]).Distinct().ToList();
                await using var db = NewContext();
                var handler = new RuleResults.Handler(db, book, TimeProvider.System);
                var watch = Stopwatch.StartNew();
                var evidence = await handler.LoadAsync(roster, CancellationToken.None);
                reads.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                foreach (var one in evidence.Values)
                {
                    RuleEngine.Evaluate(book, one, handler.Today);
                }

                evaluations.Add(watch.Elapsed.TotalMilliseconds);
            }

            reads.Sort();
            evaluations.Sort();
            rosters.Sort();
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"Rules engine: {people:N0} generated professionals ({facts}), {ruleCount} California rules in force, SQLite file database, in-process, Release build.");
            report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Describe()}");
            report.AppendLine(CultureInfo.InvariantCulture, $"Generating and saving the records took {generate.Elapsed.TotalSeconds:F1} s (not part of the figures).");
            report.AppendLine();
            report.AppendLine("| measure | people | time | per person |");
            report.AppendLine("| --- | ---: | ---: | ---: |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| every rule for everyone (read + evaluate, 1,000 a batch) | {ids.Count:N0} | {all.Elapsed.TotalSeconds:F2} s | {all.Elapsed.TotalMilliseconds / ids.Count:F3} ms |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| a 200-person roster, median of 30 | 200 | {Repository.Percentile(rosters, 0.5):F1} ms | {Repository.Percentile(rosters, 0.5) / 200:F3} ms |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| a 200-person roster, p95 / max | 200 | {Repository.Percentile(rosters, 0.95):F1} / {rosters[^1]:F1} ms | |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| of which reading the evidence (6 queries), median | 200 | {Repository.Percentile(reads, 0.5):F1} ms | {Repository.Percentile(reads, 0.5) / 200:F3} ms |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| of which evaluating every rule in memory, median | 200 | {Repository.Percentile(evaluations, 0.5):F1} ms | {Repository.Percentile(evaluations, 0.5) / 200:F3} ms |");
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Shares met (sanity check): {string.Join(", ", met.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {100.0 * m.Value / ids.Count:F0}%"))}");
            Console.WriteLine(report.ToString());
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<Dictionary<string, int>> EvaluateAllAsync(Func<SqliteRegistryDbContext> newContext, RuleBook book, List<int> ids)
    {
        var met = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var batch in ids.Chunk(1000))
        {
            await using var db = newContext();
            var handler = new RuleResults.Handler(db, book, TimeProvider.System);
            foreach (var evaluation in (await handler.EvaluateManyAsync(batch, null, CancellationToken.None)).Values)
            {
                foreach (var result in evaluation.Results.Where(r => r.Met && r.Rule.Track is "ca-cdp"))
                {
                    met[result.Rule.Id] = met.GetValueOrDefault(result.Rule.Id) + 1;
                }
            }
        }

        return met;
    }

    /// <summary>People with 0 to 30 courses, a degree for some, permits, 1 to 3 jobs and some training; deterministic (seed 2026).</summary>
    private static async Task<string> GenerateAsync(Func<SqliteRegistryDbContext> newContext, int people)
    {
        var random = new Random(2026);
        var categories = Enum.GetValues<CourseCategory>();
        var roles = new[] { EmploymentRole.Assistant, EmploymentRole.AssociateTeacher, EmploymentRole.Teacher, EmploymentRole.LeadTeacher, EmploymentRole.SiteSupervisor, EmploymentRole.Director };
        var grades = new[] { "A", "A", "B", "B", "B", "C", "C-", "D", "IP" };
        var today = DateOnly.FromDateTime(DateTime.Today);
        long courses = 0, jobs = 0, training = 0;
        for (var start = 0; start < people; start += 1000)
        {
            await using var db = newContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(people, start + 1000); i++)
            {
                var user = new RegistryUser { UserName = $"bench{i}@example.org", Email = $"bench{i}@example.org", NormalizedUserName = $"BENCH{i}@EXAMPLE.ORG", NormalizedEmail = $"BENCH{i}@EXAMPLE.ORG" };
                db.Users.Add(user);
                var p = new Professional(RegistryId.FromSerial(i + 1), user.Id, new PersonName("Alex", null, $"Bench{i}"), new DateOnly(1985, 1, 1).AddDays(random.Next(8000)), user.Email, DateTimeOffset.UtcNow);
                p.HighestEducationLevel = (EducationLevel)random.Next(2, 9);
                for (var c = random.Next(0, 31); c > 0; c--, courses++)
                {
                    p.AddCourse(new Course("Community College", null, $"Course {c}", random.Next(2, 5), random.Next(4) == 0 ? UnitType.Quarter : UnitType.Semester, grades[random.Next(grades.Length)], null, categories[random.Next(categories.Length)]));
                }

                if (random.Next(3) == 0)
                {
                    p.AddDegree(new Degree((DegreeLevel)random.Next(3, 6), random.Next(2) == 0 ? "Child Development" : "Liberal Studies", "State University", today.AddYears(-random.Next(1, 20))));
                }

                if (random.Next(2) == 0)
                {
                    var issued = today.AddDays(-random.Next(30, 2500));
                    p.AddCredential(new Credential((CredentialType)random.Next(1, 7), null, "Commission on Teacher Credentialing", issued, issued.AddYears(5)));
                }

                for (var j = random.Next(1, 4); j > 0; j--, jobs++)
                {
                    var from = today.AddDays(-random.Next(60, 4000));
                    var job = Employment.AtUnlistedEmployer(new UnlistedEmployer($"Site {random.Next(20000)}", null, null), roles[random.Next(roles.Length)], from, new EmploymentSchedule(random.Next(2, 6), random.Next(2, 9)));
                    job.Describe(random.Next(4) == 0, AgeGroups.Preschool, null, null);
                    p.AddEmployment(job);
                }

                for (var t = random.Next(0, 11); t > 0; t--, training++)
                {
                    p.AddTrainingRecord(new TrainingRecord($"Workshop {t}", "Resource and referral agency", today.AddDays(-random.Next(1, 1500)), random.Next(1, 9), null, "English", null, TrainingTrustLevel.SelfReported));
                }

                db.Professionals.Add(p);
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }

        return string.Create(CultureInfo.InvariantCulture, $"{courses:N0} courses, {jobs:N0} jobs, {training:N0} training records");
    }
}
