using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Web.Data;
using Registry.Web.Data.Licensing;
using Registry.Web.Data.Seed;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Rules;
using Registry.Web.Domain.Training;
using Registry.Web.Infrastructure.Localization;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Sites;

namespace Registry.Benchmarks;

/// <summary>
/// A director's 200-person roster with every qualification column, on SQLite with a state's worth
/// of professionals in the database. Usage: dotnet run -c Release --project tests/Registry.Benchmarks -- --roster [--people N]
/// </summary>
internal static class RosterBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var people = args.SkipWhile(a => a != "--people").Skip(1).Select(int.Parse).FirstOrDefault(300_000);
        var folder = Directory.CreateTempSubdirectory("registry-bench-roster-");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder.FullName, "bench.db") }.ToString();
            SqliteRegistryDbContext NewContext() =>
                new(new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite(connectionString).Options);
            await using (var db = NewContext())
            {
                await db.Database.MigrateAsync();
                var import = new ImportEmployers.Handler(db, TimeProvider.System, NullLogger<ImportEmployers.Handler>.Instance);
                await import.HandleAsync(await File.ReadAllBytesAsync(DatabaseInitializer.DemoEmployersFile), ImportEmployers.Mode.Full, CancellationToken.None);
            }

            var setup = Stopwatch.StartNew();
            int site;
            await using (var db = NewContext())
            {
                var sites = await db.Employers.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
                site = sites[0];
                await AddRosterAsync(db, site, 200);
                await CloneAsync(db, people - 200, sites);
            }

            setup.Stop();
            var services = new ServiceCollection().AddLogging().AddAuthorizationCore().AddRegistryLocalization().BuildServiceProvider();
            var book = RuleSetLoader.LoadFolder(Repository.RulesFolder());
            long total;
            await using (var db = NewContext())
            {
                total = await db.Professionals.LongCountAsync();
            }

            // The roster's people's stored qualification summaries, as the app keeps them (decision 0045).
            var summaries = new QualificationSummaries(book, TimeProvider.System);
            await using (var db = NewContext())
            {
                var ids = await db.Employments.Where(e => e.EmployerId == site).Select(e => e.ProfessionalId).Distinct().ToListAsync();
                await summaries.StageAsync(db, ids, CancellationToken.None);
                await db.SaveChangesAsync();
            }

            var timings = await TimeHandlerAsync();

            // The same without stored summaries: every person evaluated on the request, as before.
            await using (var db = NewContext())
            {
                await db.QualificationSummaries.ExecuteDeleteAsync();
            }

            var live = await TimeHandlerAsync();
            await using (var db = NewContext())
            {
                var ids = await db.Employments.Where(e => e.EmployerId == site).Select(e => e.ProfessionalId).Distinct().ToListAsync();
                await summaries.StageAsync(db, ids, CancellationToken.None);
                await db.SaveChangesAsync();
            }

            async Task<List<double>> TimeHandlerAsync()
            {
                var timings = new List<double>();
                for (var run = 0; run < 40; run++)
                {
                    await using var db = NewContext();
                    using var scope = services.CreateScope();
                    var handler = new SiteRoster.Handler(db, new RuleResults.Handler(db, book, TimeProvider.System), book, TimeProvider.System, scope.ServiceProvider.GetRequiredService<IAuthorizationService>(), new QualificationRebuildProgress());
                    var watch = Stopwatch.StartNew();
                    var view = await handler.SiteAsync(site, CancellationToken.None);
                    var roster = await handler.RosterAsync(view!, new SiteRoster.RosterQuery(PageSize: 200), CancellationToken.None);
                    watch.Stop();
                    if (roster.Rows.Count != 200)
                    {
                        throw new InvalidOperationException($"The roster has {roster.Rows.Count} rows, not 200: the benchmark would measure nothing.");
                    }

                    if (run >= 10)
                    {
                        timings.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                timings.Sort();
                return timings;
            }

            // The same roster in parts: the staff list, and reading their evidence.
            var reads = new List<double>();
            for (var run = 0; run < 30; run++)
            {
                await using var db = NewContext();
                var ids = await db.Employments.Where(e => e.EmployerId == site).Select(e => e.ProfessionalId).ToListAsync();
                var watch = Stopwatch.StartNew();
                await new RuleResults.Handler(db, book, TimeProvider.System).LoadAsync(ids, CancellationToken.None);
                reads.Add(watch.Elapsed.TotalMilliseconds);
            }

            reads.Sort();
            FormattableString Row(string measure, List<double> runs) => $"| {measure} | {runs.Count} | {Repository.Percentile(runs, 0.5):F1} ms | {Repository.Percentile(runs, 0.95):F1} ms | {runs[^1]:F1} ms |";

            // The handler's figures first: they stand even if the whole-app part below fails.
            Console.WriteLine("| measure | runs | median | p95 | max |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            Console.WriteLine(FormattableString.Invariant(Row("working out the 200 rows from stored summaries (the handler, after 10 warm-up runs)", timings)));
            Console.WriteLine(FormattableString.Invariant(Row("the same with no summaries stored (every person evaluated on the request, as before decision 0045)", live)));
            Console.WriteLine();

            // The page itself, through the whole app.
            List<double> pages;
            await using (var app = new RosterPage(Path.Combine(folder.FullName, "bench.db"), folder.FullName))
            {
                pages = await app.TimeAsync(site, warmUp: 10, runs: 40);
            }

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"Site roster: a 200-person site, {total:N0} professionals in the database, SQLite file database, in-process, Release build.");
            report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Describe()}");
            report.AppendLine(CultureInfo.InvariantCulture, $"Setting up the data took {setup.Elapsed.TotalSeconds:F0} s (not part of the figures).");
            report.AppendLine();
            report.AppendLine("| measure | runs | median | p95 | max |");
            report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| the roster page, 200 rows, requested by a signed-in director through the whole app (after 10 warm-up requests) | {pages.Count} | {Repository.Percentile(pages, 0.5):F1} ms | {Repository.Percentile(pages, 0.95):F1} ms | {pages[^1]:F1} ms |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| of which working out the 200 rows from stored summaries (the handler, after 10 warm-up runs) | {timings.Count} | {Repository.Percentile(timings, 0.5):F1} ms | {Repository.Percentile(timings, 0.95):F1} ms | {timings[^1]:F1} ms |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| the same with no summaries stored (every person evaluated on the request, as before decision 0045) | {live.Count} | {Repository.Percentile(live, 0.5):F1} ms | {Repository.Percentile(live, 0.95):F1} ms | {live[^1]:F1} ms |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| of which reading the 200 people's evidence (one query per kind of fact) | {reads.Count} | {Repository.Percentile(reads, 0.5):F1} ms | {Repository.Percentile(reads, 0.95):F1} ms | {reads[^1]:F1} ms |");
            Console.WriteLine(report.ToString());
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The 200 confirmed staff of the measured site, each with courses, a permit, a degree for some, training and two documents.</summary>
    private static async Task AddRosterAsync(RegistryDbContext db, int site, int count)
    {
        var random = new Random(2026);
        var categories = Enum.GetValues<CourseCategory>();
        var today = DateOnly.FromDateTime(DateTime.Today);
        for (var i = 0; i < count; i++)
        {
            var user = new RegistryUser { UserName = $"roster{i}@example.org", Email = $"roster{i}@example.org", NormalizedUserName = $"ROSTER{i}@EXAMPLE.ORG", NormalizedEmail = $"ROSTER{i}@EXAMPLE.ORG" };
            db.Users.Add(user);
            var p = new Professional(RegistryId.FromSerial(9_000_000 + i), user.Id, new PersonName("Sam", null, $"Roster{i}"), new DateOnly(1988, 3, 3), user.Email, DateTimeOffset.UtcNow) { County = "San Francisco" };
            for (var c = random.Next(5, 25); c > 0; c--)
            {
                p.AddCourse(new Course("City College", null, $"Course {c}", 3, UnitType.Semester, "B", null, categories[random.Next(categories.Length)]));
            }

            var issued = today.AddDays(-random.Next(30, 1700));
            p.AddCredential(new Credential((CredentialType)random.Next(1, 7), null, "CTC", issued, issued.AddYears(5)));
            if (i % 3 == 0)
            {
                p.AddDegree(new Degree(DegreeLevel.Associate, "Child Development", "City College", today.AddYears(-4)));
            }

            for (var t = random.Next(0, 8); t > 0; t--)
            {
                p.AddTrainingRecord(new TrainingRecord($"Workshop {t}", "R&R", today.AddDays(-random.Next(1, 700)), 3, null, "English", null, TrainingTrustLevel.SelfReported));
            }

            var job = Employment.AtListedEmployer(site, EmploymentRole.Teacher, today.AddYears(-3), new EmploymentSchedule(5, 8));
            job.ConfirmByEmployer("bench", DateTimeOffset.UtcNow);
            p.AddEmployment(job);
            db.Professionals.Add(p);
        }

        await db.SaveChangesAsync();
        var ids = await db.Professionals.Select(p => p.Id).ToListAsync();
        foreach (var id in ids)
        {
            db.Documents.Add(new Registry.Web.Domain.Documents.Document(id, Registry.Web.Domain.Documents.DocumentKind.Transcript, "transcript.pdf", Registry.Web.Domain.Documents.DocumentFileType.Pdf, 1000, Guid.NewGuid().ToString("N"), new string('0', 64), DateTimeOffset.UtcNow));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Everyone else: copies of one roster member's account, profile and job (at other sites), made
    /// in SQL from the real tables' columns so the rows are what the app would write.
    /// </summary>
    private static async Task CloneAsync(RegistryDbContext db, int count, List<int> sites)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        async Task<List<string>> ColumnsAsync(string table)
        {
            var columns = new List<string>();
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA table_info(\"{table}\")";
            await using var reader = await pragma.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(1));
            }

            return columns;
        }

        string Select(List<string> columns, Dictionary<string, string> replace) =>
            string.Join(", ", columns.Select(c => replace.TryGetValue(c, out var value) ? value : $"t.\"{c}\""));

        var users = await ColumnsAsync("AspNetUsers");
        var professionals = await ColumnsAsync("Professionals");
        var employments = await ColumnsAsync("Employments");
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandTimeout = 0;
        command.CommandText = $"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
            INSERT INTO "AspNetUsers" ({string.Join(", ", users.Select(c => $"\"{c}\""))})
            SELECT {Select(users, new() { ["Id"] = "'clone-' || n.i", ["UserName"] = "'clone' || n.i || '@example.org'", ["NormalizedUserName"] = "'CLONE' || n.i || '@EXAMPLE.ORG'", ["Email"] = "'clone' || n.i || '@example.org'", ["NormalizedEmail"] = "'CLONE' || n.i || '@EXAMPLE.ORG'" })}
            FROM n CROSS JOIN (SELECT * FROM "AspNetUsers" WHERE "UserName" = 'roster0@example.org') t;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
            INSERT INTO "Professionals" ({string.Join(", ", professionals.Where(c => c != "Id").Select(c => $"\"{c}\""))})
            SELECT {Select(professionals.Where(c => c != "Id").ToList(), new() { ["RegistryId"] = "printf('%08d', 10000000 + n.i)", ["UserId"] = "'clone-' || n.i", ["LastName"] = "'Clone' || n.i", ["NormalizedLastName"] = "'CLONE' || n.i", ["Email"] = "'clone' || n.i || '@example.org'" })}
            FROM n CROSS JOIN (SELECT * FROM "Professionals" WHERE "LastName" = 'Roster0') t;
            INSERT INTO "Employments" ({string.Join(", ", employments.Where(c => c != "Id").Select(c => $"\"{c}\""))})
            SELECT {Select(employments.Where(c => c != "Id").ToList(), new() { ["ProfessionalId"] = "p.\"Id\"", ["EmployerId"] = $"{sites[1]} + (p.\"Id\" % {sites.Count - 1})", ["ConfirmedAt"] = "NULL", ["ConfirmedByUserId"] = "NULL" })}
            FROM "Professionals" p CROSS JOIN (SELECT e.* FROM "Employments" e JOIN "Professionals" x ON x."Id" = e."ProfessionalId" WHERE x."LastName" = 'Roster0') t
            WHERE p."LastName" LIKE 'Clone%';
            """;
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
