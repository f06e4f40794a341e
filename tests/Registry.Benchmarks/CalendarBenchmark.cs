using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Calendar;
using Calendar = Registry.Web.Features.Calendar.TrainingCalendar;

namespace Registry.Benchmarks;

/// <summary>
/// The training calendar with a state's year of events (20,000 by default) on SQLite: filtered
/// searches through the handler, and the page through the whole app as an anonymous visitor.
/// Usage: dotnet run -c Release --project tests/Registry.Benchmarks -- --calendar [--events N]
/// </summary>
internal static class CalendarBenchmark
{
    private static readonly string[] Words = ["Supporting", "Dual Language", "Learners", "Positive Guidance", "Outdoor Play", "Infant", "Toddler", "Curriculum", "Observation", "Health and Safety", "Music", "Literacy", "Math", "Families", "Inclusion"];

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.SkipWhile(a => a != "--events").Skip(1).Select(int.Parse).FirstOrDefault(20_000);
        var folder = Directory.CreateTempSubdirectory("registry-bench-calendar-");
        try
        {
            var path = Path.Combine(folder.FullName, "bench.db");
            var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
            SqliteRegistryDbContext NewContext() =>
                new(new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite(connectionString).Options);
            var setup = Stopwatch.StartNew();
            await using (var db = NewContext())
            {
                await db.Database.MigrateAsync();
                await GenerateAsync(db, count);
            }

            setup.Stop();
            var today = DateOnly.FromDateTime(DateTime.Today);
            var searches = new (string Name, Calendar.Criteria Search)[]
            {
                ("first page, no filter (from today)", new Calendar.Criteria()),
                ("county + language + next 30 days", new Calendar.Criteria(From: Iso(today), To: Iso(today.AddDays(30)), County: "Los Angeles", Language: "es")),
                ("topic + in person + county", new Calendar.Criteria(County: "San Diego", Topic: nameof(TrainingTopic.DualLanguageLearners), Mode: "in-person")),
                ("free text, two words", new Calendar.Criteria(Q: "positive guidance")),
                ("free text, a prefix, + language", new Calendar.Criteria(Q: "liter", Language: "es")),
                ("page 20 of everything", new Calendar.Criteria(Page: 20)),
            };
            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"Training calendar: {count:N0} published events (1 to 3 sessions each) over the coming year, 58 counties, SQLite file database, in-process, Release build.");
            report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Describe()}");
            report.AppendLine(CultureInfo.InvariantCulture, $"Setting up the data took {setup.Elapsed.TotalSeconds:F0} s (not part of the figures).");
            report.AppendLine();
            report.AppendLine("| search (25 a page, with the total) | matches | runs | median | p95 | max |");
            report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var (name, search) in searches)
            {
                var timings = new List<double>();
                var total = 0;
                for (var run = 0; run < 60; run++)
                {
                    await using var db = NewContext();
                    var handler = new Calendar.Handler(db, TimeProvider.System);
                    var watch = Stopwatch.StartNew();
                    var results = await handler.SearchAsync(search, CancellationToken.None);
                    watch.Stop();
                    total = results.Total;
                    if (run >= 10)
                    {
                        timings.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                timings.Sort();
                report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {total:N0} | {timings.Count} | {Repository.Percentile(timings, 0.5):F1} ms | {Repository.Percentile(timings, 0.95):F1} ms | {timings[^1]:F1} ms |");
            }

            await using (var app = new BenchmarkApp(path, folder.FullName))
            {
                var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://registry.test") });
                var page = $"/training?From={Iso(today)}&To={Iso(today.AddDays(30))}&County=Los%20Angeles&Language=es";
                var timings = await BenchmarkApp.TimeGetsAsync(client, page, 10, 50, html => html.Contains("class=\"border rounded p-2 mb-2 event\"", StringComparison.Ordinal));
                report.AppendLine(CultureInfo.InvariantCulture, $"| the page itself, anonymous, through the whole app (county + language + next 30 days) | | {timings.Count} | {Repository.Percentile(timings, 0.5):F1} ms | {Repository.Percentile(timings, 0.95):F1} ms | {timings[^1]:F1} ms |");
            }

            Console.WriteLine(report.ToString());
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>500 sponsors and the events, spread over the coming year, the counties (weighted to the large ones), languages and topics.</summary>
    private static async Task GenerateAsync(RegistryDbContext db, int count)
    {
        var random = new Random(2026);
        var now = DateTimeOffset.UtcNow;
        var sponsors = Enumerable.Range(1, 500).Select(i =>
        {
            var sponsor = new Sponsor($"Sponsor {i}", $"sponsor{i}@example.org", null, CaliforniaCounties.All[i % CaliforniaCounties.All.Count], null, "bench", now);
            sponsor.Approve("bench", now);
            return sponsor;
        }).ToList();
        db.Sponsors.AddRange(sponsors);
        await db.SaveChangesAsync();
        var topics = Enum.GetValues<TrainingTopic>();
        var big = new[] { "Los Angeles", "San Diego", "Orange", "Riverside", "San Bernardino", "Santa Clara", "Alameda", "Sacramento", "Fresno" };
        var today = DateOnly.FromDateTime(DateTime.Today);
        for (var made = 0; made < count;)
        {
            var batch = Math.Min(2_000, count - made);
            for (var i = 0; i < batch; i++)
            {
                var first = today.AddDays(random.Next(0, 365));
                var online = random.NextDouble() < 0.3;
                var county = random.NextDouble() < 0.6 ? big[random.Next(big.Length)] : CaliforniaCounties.All[random.Next(CaliforniaCounties.All.Count)];
                var language = random.NextDouble() < 0.7 ? "en" : random.NextDouble() < 0.8 ? "es" : TrainingLanguages.All[random.Next(TrainingLanguages.All.Count)];
                var title = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {made + i}";
                var details = new TrainingEventDetails(title, $"A workshop on {title.ToLowerInvariant()} for early educators.", topics[random.Next(topics.Length)], language,
                    TrainingAudience.Everyone, online, online ? null : "1 Main St", online ? null : "City", online ? null : county, random.Next(10, 60), random.Next(0, 3) * 25, first, 2);
                var sessions = Enumerable.Range(0, random.Next(1, 4)).Select(s => (first.AddDays(7 * s), new TimeOnly(9, 0), new TimeOnly(12, 0)));
                db.TrainingEvents.Add(new TrainingEvent(sponsors[random.Next(sponsors.Count)].Id, details, sessions, now));
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            made += batch;
        }
    }
}
