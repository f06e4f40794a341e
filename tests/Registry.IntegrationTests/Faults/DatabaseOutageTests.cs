using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Faults;

/// <summary>
/// The database server stops and starts again while the app runs (a PostgreSQL server of the test's
/// own): pages answer at once with a friendly "temporarily unavailable" (503), readiness says the
/// database is down while liveness stays up, and afterwards the app works again without a restart.
/// </summary>
[Trait("Servers", "Own")]
#pragma warning disable CA1001 // The app and the server are disposed in IAsyncLifetime.DisposeAsync.
public sealed class DatabaseOutageTests : IAsyncLifetime
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

        var watch = Stopwatch.StartNew();
        using (var down = await client.GetAsync(new Uri("/employers?q=montessori", UriKind.Relative)))
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
