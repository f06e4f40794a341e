using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Npgsql;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Faults;

/// <summary>
/// The database server stops and starts again while the app runs (a PostgreSQL server of the test's
/// own): pages answer at once with a friendly "temporarily unavailable" (503), readiness says the
/// database is down while liveness stays up, and afterwards the app works again without a restart;
/// under load (people signing up, others looking up sites) no request fails any other way and no
/// partial record is written.
/// </summary>
[Trait("Servers", "Own")]
#pragma warning disable CA1001 // The app and the server are disposed in IAsyncLifetime.DisposeAsync.
public sealed class DatabaseOutageTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
#pragma warning restore CA1001
{
    private PrivatePostgres _server = null!;
    private OutageApp _app = null!;

    public async Task InitializeAsync()
    {
        _server = await PrivatePostgres.StartAsync();
        _app = new OutageApp(_server.ConnectionString("registry"));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    [ServerFact]
    public async Task While_the_database_is_down_pages_say_so_quickly_and_afterwards_the_app_recovers_on_its_own()
    {
        var client = _app.CreateBrowserLikeClient();
        await client.GetPageAsync("/employers?q=montessori");
        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await _server.StopAsync();

        // A public page already asked for is still answered from the cache; one that needs the database says it is down.
        using (var cached = await client.GetAsync(new Uri("/employers?q=montessori", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        var watch = Stopwatch.StartNew();
        using (var down = await client.GetAsync(new Uri("/employers?q=sunshine", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"The outage page took {watch.Elapsed}.");
            Assert.NotNull((await down.ReadPageAsync()).QuerySelector("#temporarily-unavailable"));
            Assert.Equal("30", down.Headers.RetryAfter?.ToString());
        }

        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            Assert.Equal("Unhealthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        }

        using (var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await _server.StartAgainAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var again = await client.GetAsync(new Uri("/employers?q=montessori", UriKind.Relative));
            if (again.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Still {again.StatusCode} 30 s after the database came back.");
            await Task.Delay(200);
        }

        using (var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
    }

    [ServerFact]
    public async Task Under_load_a_database_restart_answers_503_quickly_and_leaves_no_partial_record()
    {
        var statuses = new ConcurrentBag<(HttpStatusCode Status, TimeSpan Took, string Path)>();
        var created = new ConcurrentBag<(string Email, DateTime Started)>();
        var failed = new ConcurrentBag<(DateTime Started, DateTime Ended, string Why)>();
        DateTime? stopped = null;
        DateTime? restarted = null;
        HttpClient Client() => _app.CreateDefaultClient(new Uri("https://registry.test"), new Recorder(statuses), new CookieContainerHandler());
        await Client().GetPageAsync("/employers?q=montessori");
        using var stop = new CancellationTokenSource();
        var run = Guid.NewGuid().ToString("N")[..8];
        var serial = 0;

        // Four people signing up one after another, two looking up sites, until told to stop.
        var signingUp = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var email = $"load.{run}.{Interlocked.Increment(ref serial)}@example.org";
                var started = DateTime.UtcNow;
                try
                {
                    var done = await new SignUpDriver(Client()).CompleteAsync(email);
                    if (done.QuerySelector("h1")?.TextContent.Contains("created successfully", StringComparison.Ordinal) == true)
                    {
                        created.Add((email, started));
                    }
                }
                catch (Exception e) when (e is Xunit.Sdk.XunitException or HttpRequestException)
                {
                    // A step refused during the outage (503): this person tries again later with another address.
                    // Kept with its times: a failure that did not overlap the outage fails the test below.
                    failed.Add((started, DateTime.UtcNow, e.Message));
                    await Task.Delay(100);
                }
            }
        })).ToList();
        var lookingUp = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var client = Client();
            var asked = 0;
            while (!stop.IsCancellationRequested)
            {
                // A new address each time: the database answers, not the cache of public pages.
                using var page = await client.GetAsync(new Uri($"/employers?q=montessori&n={++asked}", UriKind.Relative));
            }
        })).ToList();

        // The load is really running before the outage: at least one sign-up completed.
        var warmUp = DateTime.UtcNow;
        while (created.IsEmpty)
        {
            Assert.True(DateTime.UtcNow < warmUp.AddSeconds(60), "No sign-up succeeded in the minute before the outage.");
            await Task.Delay(200);
        }

        var before = created.Count;
        stopped = DateTime.UtcNow;
        await _server.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await _server.StartAgainAsync();
        restarted = DateTime.UtcNow;

        // Recovery: a sign-up begun after the restart completes (not one that was already under way).
        while (!created.Any(c => c.Started > restarted))
        {
            Assert.True(DateTime.UtcNow < restarted.Value.AddSeconds(60), "No sign-up begun after the database came back succeeded within a minute.");
            await Task.Delay(200);
        }

        await stop.CancelAsync();
        await Task.WhenAll(signingUp.Concat(lookingUp));
        output.WriteLine($"{before} sign-ups before the outage, {created.Count} in all; answers: " + string.Join(", ", statuses.GroupBy(s => s.Status).Select(g => $"{(int)g.Key} x{g.Count()} (slowest {g.Max(s => s.Took).TotalMilliseconds:F0} ms)")));

        Assert.True(before > 0 && created.Count > before, $"{before} sign-ups before the outage, {created.Count} in all.");
        Assert.Contains(created, c => c.Started > restarted);

        // A sign-up failed only if it overlapped the outage (from the stop to 10 s after the restart, while pools reconnect).
        var outageEnd = restarted.Value.AddSeconds(10);
        var outside = failed.Where(f => f.Ended < stopped || f.Started > outageEnd).ToList();
        Assert.True(outside.Count == 0, "Sign-ups failed outside the outage: " + string.Join(" | ", outside.Select(f => $"{f.Started:HH:mm:ss.fff}-{f.Ended:HH:mm:ss.fff} {f.Why}")));

        // Every answer was a page, a redirect or the outage page, and the outage page came quickly.
        Assert.Contains(statuses, s => s.Status == HttpStatusCode.ServiceUnavailable);
        Assert.All(statuses, s => Assert.True(s.Status is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.ServiceUnavailable, $"{s.Path} answered {(int)s.Status}"));
        Assert.All(statuses.Where(s => s.Status == HttpStatusCode.ServiceUnavailable), s => Assert.True(s.Took < TimeSpan.FromSeconds(10), $"{s.Path} took {s.Took} to say the database is down"));

        // No partial record: every account has its profile, job and confirmation email, and every sign-up the person saw succeed is there.
        await using var db = new NpgsqlConnection(_server.ConnectionString("registry"));
        await db.OpenAsync();
        async Task<long> CountAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, db);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        var like = $"'load.{run}.%'";
        var accounts = await CountAsync($"SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"Email\" LIKE {like}");
        Assert.True(accounts >= created.Count, $"{created.Count} sign-ups succeeded but {accounts} accounts exist");
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM \"AspNetUsers\" u WHERE u.\"Email\" LIKE {like} AND NOT EXISTS (SELECT 1 FROM \"Professionals\" p WHERE p.\"UserId\" = u.\"Id\")"));
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM \"Professionals\" p WHERE p.\"Email\" LIKE {like} AND NOT EXISTS (SELECT 1 FROM \"AspNetUsers\" u WHERE u.\"Id\" = p.\"UserId\")"));
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM \"Professionals\" p WHERE p.\"Email\" LIKE {like} AND NOT EXISTS (SELECT 1 FROM \"Employments\" e WHERE e.\"ProfessionalId\" = p.\"Id\")"));
        Assert.Equal(accounts, await CountAsync($"SELECT COUNT(DISTINCT \"ToAddress\") FROM \"OutboxMessages\" WHERE \"ToAddress\" LIKE {like}"));
        foreach (var (email, _) in created)
        {
            Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"Email\" = '{email}'"));
        }
    }

    /// <summary>Notes every answer's status and how long it took.</summary>
    private sealed class Recorder(ConcurrentBag<(HttpStatusCode, TimeSpan, string)> statuses) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            var response = await base.SendAsync(request, cancellationToken);
            statuses.Add((response.StatusCode, watch.Elapsed, request.RequestUri!.AbsolutePath));
            return response;
        }
    }

    private sealed class OutageApp(string connectionString) : RegistryAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Registry"] = connectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemoData"] = "true",
        };
    }
}
