using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Web.Data;
using Registry.Web.Data.Licensing;
using Registry.Synthetic;
using Registry.Web.Domain.Messages;
using Registry.Web.Features.Announcements;
using Registry.Web.Infrastructure.Email;

namespace Registry.Benchmarks;

/// <summary>
/// An announcement to everyone in a synthetic state (default 300,000 professionals) through the
/// whole app: how long queuing takes (a notice and an outbox message per person), how fast the
/// outbox then delivers, and what the site's pages answer in before, while queuing and while
/// sending. Delivery goes to the pickup folder (no SMTP server to measure), unthrottled
/// (<c>--rate 0</c>, the worst case for the site) unless a rate is given.
/// Usage: dotnet run -c Release --project tests/Registry.Benchmarks -- --announce [--people N | --db FILE.db] [--send-seconds 60] [--rate N] [--keep FILE.db]
/// </summary>
internal static class AnnouncementBenchmark
{
    private static readonly string[] Pages = ["/", "/employers?q=little+star", "/training"];

    public static async Task<int> RunAsync(string[] args)
    {
        var people = args.SkipWhile(a => a != "--people").Skip(1).Select(int.Parse).FirstOrDefault(300_000);
        var source = args.SkipWhile(a => a != "--db").Skip(1).FirstOrDefault();
        var sendSeconds = args.SkipWhile(a => a != "--send-seconds").Skip(1).Select(int.Parse).FirstOrDefault(60);
        var rate = args.SkipWhile(a => a != "--rate").Skip(1).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).FirstOrDefault(0);
        var keep = args.SkipWhile(a => a != "--keep").Skip(1).FirstOrDefault();
        var folder = Directory.CreateTempSubdirectory("registry-bench-announce-");
        try
        {
            var databasePath = Path.Combine(folder.FullName, "bench.db");
            var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString();
            SqliteRegistryDbContext NewContext() =>
                new(new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite(connectionString).Options);
            if (source is not null)
            {
                File.Copy(source, databasePath);
                await using var db = NewContext();
                await db.Database.MigrateAsync();
            }
            else
            {
                await using (var db = NewContext())
                {
                    await db.Database.MigrateAsync();
                }

                await using (var db = NewContext())
                {
                    var size = new SyntheticStateSize(people, Math.Max(100, people * 2 / 15), people * 10, people * 10 / 3);
                    var import = new ImportEmployers.Handler(db, TimeProvider.System, NullLogger<ImportEmployers.Handler>.Instance);
                    await new SyntheticState(db, import, TimeProvider.System, NullLogger<SyntheticState>.Instance).GenerateAsync(size, CancellationToken.None);
                }
            }

            int total;
            await using (var db = NewContext())
            {
                total = await db.Professionals.CountAsync();
            }

            if (keep is not null)
            {
                SqliteConnection.ClearAllPools();
                File.Copy(databasePath, keep, overwrite: true);
            }

            await using var app = new AnnouncingApp(databasePath, folder.FullName, rate);
            var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://registry.test") });
            var before = new List<double>();
            foreach (var page in Pages)
            {
                before.AddRange(await BenchmarkApp.TimeGetsAsync(client, page, 5, 30, html => html.Length > 0));
            }

            before.Sort();

            // Everyone, news: written and sent as registry staff would.
            int id;
            await using (var db = NewContext())
            {
                var announcement = new Announcement("benchmark", null, null, DateTimeOffset.UtcNow);
                announcement.Write(MessageKind.News, "Stipend applications open", "Applications open on 1 December.\n\nApply from My Registry.", "Se abren las solicitudes", "Las solicitudes se abren el 1 de diciembre.", new Audience());
                announcement.Schedule(DateTimeOffset.UtcNow);
                db.Announcements.Add(announcement);
                await db.SaveChangesAsync();
                id = announcement.Id;
            }

            var queueWatch = Stopwatch.StartNew();
            app.Services.GetRequiredService<AnnouncementSignal>().Notify();
            var whileQueuing = new List<double>();
            while (true)
            {
                await using (var db = NewContext())
                {
                    if (await db.Announcements.Where(a => a.Id == id).Select(a => a.Status).SingleAsync() == AnnouncementStatus.Sent)
                    {
                        break;
                    }
                }

                foreach (var page in Pages)
                {
                    whileQueuing.AddRange(await BenchmarkApp.TimeGetsAsync(client, page, 0, 1, html => html.Length > 0));
                }
            }

            var queued = queueWatch.Elapsed;
            whileQueuing.Sort();
            int recipients, messages, deliveredBefore;
            await using (var db = NewContext())
            {
                recipients = await db.AnnouncementRecipients.CountAsync(r => r.AnnouncementId == id);
                messages = await db.OutboxMessages.CountAsync(m => m.AnnouncementId == id);
                deliveredBefore = await db.OutboxMessages.CountAsync(m => m.AnnouncementId == id && m.SentAt != null);
            }

            // Pages while the outbox delivers.
            var whileSending = new List<double>();
            var sendWatch = Stopwatch.StartNew();
            while (sendWatch.Elapsed < TimeSpan.FromSeconds(sendSeconds))
            {
                foreach (var page in Pages)
                {
                    whileSending.AddRange(await BenchmarkApp.TimeGetsAsync(client, page, 0, 1, html => html.Length > 0));
                }
            }

            var sendElapsed = sendWatch.Elapsed;
            whileSending.Sort();
            int delivered;
            await using (var db = NewContext())
            {
                delivered = await db.OutboxMessages.CountAsync(m => m.AnnouncementId == id && m.SentAt != null) - deliveredBefore;
            }

            // What the writer's and the reader's pages ask: the count before sending, the record after, a person's notices.
            var reach = new List<double>();
            var record = new List<double>();
            var notices = new List<double>();
            string someone;
            await using (var db = NewContext())
            {
                someone = await db.Professionals.OrderBy(p => p.Id).Skip(total / 2).Select(p => p.UserId).FirstAsync();
            }

            for (var run = 0; run < 6; run++)
            {
                await using var db = NewContext();
                var handler = new AnnouncementRecords(db, TimeProvider.System);
                var watch = Stopwatch.StartNew();
                await handler.ReachAsync(null, null, new Audience(), MessageKind.News, CancellationToken.None);
                var reachTime = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                await handler.RecordAsync(id, CancellationToken.None);
                var recordTime = watch.Elapsed.TotalMilliseconds;
                watch.Restart();
                var (items, _) = await new Notices(db).PageAsync(someone, 1, Notices.Shown, CancellationToken.None);
                var noticeTime = watch.Elapsed.TotalMilliseconds;
                if (items.Count != 1)
                {
                    throw new InvalidOperationException("The person has no notice: the benchmark would measure nothing.");
                }

                if (run > 0)
                {
                    reach.Add(reachTime);
                    record.Add(recordTime);
                    notices.Add(noticeTime);
                }
            }

            reach.Sort();
            record.Sort();
            notices.Sort();

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"An announcement to everyone: {total:N0} professionals, {recipients:N0} notices and {messages:N0} emails queued; SQLite file database, the whole app in-process, Release build; delivery to the pickup folder, {(rate > 0 ? $"{rate} a second" : "unthrottled")}.");
            report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Machine.Describe()}");
            report.AppendLine();
            report.AppendLine("| measure | runs | median | p95 | max |");
            report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| queuing {recipients:N0} notices and {messages:N0} emails, from \"send now\" to queued | 1 | {queued.TotalSeconds:F1} s | | |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| outbox delivery while pages are read | {sendElapsed.TotalSeconds:F0} s | {delivered / sendElapsed.TotalSeconds:F0} messages/s | | |");
            report.AppendLine(Line("pages (home, employer look-up, calendar) before sending", before));
            report.AppendLine(Line("the same pages while queuing", whileQueuing));
            report.AppendLine(Line("the same pages while the outbox delivers", whileSending));
            report.AppendLine(Line($"the count before sending, everyone ({total:N0}; handler)", reach));
            report.AppendLine(Line("the announcement's record by language (handler)", record));
            report.AppendLine(Line("a person's newest notices for My Registry (handler)", notices));
            Console.WriteLine(report.ToString());
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

    /// <summary>The benchmark app with the outbox sending at the given pace (0: as fast as it can).</summary>
    private sealed class AnnouncingApp(string databasePath, string folder, double rate) : BenchmarkApp(databasePath, folder)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:Outbox:MessagesPerSecond", rate.ToString(CultureInfo.InvariantCulture));
        }
    }
}
