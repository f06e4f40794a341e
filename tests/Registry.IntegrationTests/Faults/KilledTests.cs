using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Data.Licensing;

namespace Registry.IntegrationTests.Faults;

/// <summary>
/// The app killed outright (<c>kill -9</c>, SIGKILL) in the middle of an employer import and in the
/// middle of a sign-up. On PostgreSQL the test holds a table lock so the app is caught at a known
/// point inside its transaction (sites written but their names not yet indexed; the account row
/// written but not the profile), seen in <c>pg_locks</c>, and killed there. On SQLite (the default,
/// in WAL mode) a large import is killed once its transaction has spilled pages into the write-ahead
/// log without committing. After a
/// restart there is no half-imported batch and no half-created account, and the same work succeeds.
/// </summary>
[Trait("Servers", "Own")]
#pragma warning disable CA1001 // Disposed in IAsyncLifetime.DisposeAsync.
public sealed class KilledTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly ScratchFolder _folder = new("killed");
    private PrivatePostgres? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _folder.Dispose();
    }

    [ServerFact]
    public async Task Killed_in_the_middle_of_an_employer_import_a_restart_finds_no_half_imported_batch()
    {
        var connectionString = await StartPostgresAsync();
        var file = _folder["ccld-sf.csv"];
        await File.WriteAllBytesAsync(file, CcldFile.SanFrancisco());
        var settings = PostgresSettings(connectionString);

        // Hold the name index so the import stops after writing its first 1,000 sites, inside its transaction.
        await using (var blocker = new NpgsqlConnection(connectionString))
        {
            await blocker.OpenAsync();
            await using var hold = await blocker.BeginTransactionAsync();
            await ExecuteAsync(blocker, "LOCK TABLE \"EmployerNameWords\" IN SHARE MODE");
            await using var import = RegistryProcess.Start(settings, "import-employers", file);
            await WaitUntilCaughtAsync(connectionString, import, waitingOn: "EmployerNameWords", wrote: "Employers");

            import.KillHard();
            await hold.RollbackAsync();
        }

        Assert.Equal(0, await CountAsync(connectionString, "Employers"));
        Assert.Equal(0, await CountAsync(connectionString, "EmployerNameWords"));

        // Restarted, the same import runs whole: every site added, none found half there.
        var (exit, output) = await RegistryProcess.RunAsync(settings, "import-employers", file);
        Assert.True(exit == 0, output);
        Assert.Contains("1144 added, 0 updated, 0 unchanged", output, StringComparison.Ordinal);
        Assert.Equal(1144, await CountAsync(connectionString, "Employers"));
        Assert.True(await CountAsync(connectionString, "EmployerNameWords") > 1144);
    }

    [ServerFact]
    public async Task Killed_in_the_middle_of_a_sign_up_a_restart_finds_no_half_created_account_and_the_person_signs_up_again()
    {
        var connectionString = await StartPostgresAsync();
        await using (var db = new PostgreSqlRegistryDbContext(new DbContextOptionsBuilder<PostgreSqlRegistryDbContext>().UseNpgsql(connectionString).Options, TimeProvider.System))
        {
            await new ImportEmployers.Handler(db, TimeProvider.System, NullLogger<ImportEmployers.Handler>.Instance).HandleAsync(CcldFile.SanFrancisco(), ImportEmployers.Mode.Full, CancellationToken.None);
        }

        await using var smtp = new LoopbackSmtpServer();
        smtp.Start();
        var settings = new Dictionary<string, string>(PostgresSettings(connectionString))
        {
            ["Email:SmtpHost"] = "127.0.0.1",
            ["Email:SmtpPort"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:SmtpSecurity"] = "None",
            ["Email:Outbox:PollInterval"] = "00:00:00.500",
            ["Storage:DocumentsPath"] = _folder["documents"],
        };
        var email = $"killed.{Guid.NewGuid():N}@example.org";

        // Hold the profiles table: the sign-up writes the account, then waits to write the profile.
        await using (var blocker = new NpgsqlConnection(connectionString))
        {
            await blocker.OpenAsync();
            await using var first = await RegistryProcess.ServeAsync(settings, https: true);
            using var client = first.CreateBrowserLikeClient();
            await using var hold = await blocker.BeginTransactionAsync();
            await ExecuteAsync(blocker, "LOCK TABLE \"Professionals\" IN SHARE MODE");
            var signingUp = new SignUpDriver(client).CompleteAsync(email);
            await WaitUntilCaughtAsync(connectionString, first, waitingOn: "Professionals", wrote: "AspNetUsers");

            first.KillHard();
            await hold.RollbackAsync();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => signingUp);
        }

        Assert.Equal(0, await CountAsync(connectionString, "AspNetUsers"));
        Assert.Equal(0, await CountAsync(connectionString, "Professionals"));
        Assert.Equal(0, await CountAsync(connectionString, "Employments"));
        Assert.Equal(0, await CountAsync(connectionString, "OutboxMessages"));

        // Restarted: the same person signs up with the same email (not "already registered"), confirms, and is in.
        await using var second = await RegistryProcess.ServeAsync(settings, https: true);
        using var again = second.CreateBrowserLikeClient();
        var done = await new SignUpDriver(again).CompleteAsync(email);
        Assert.Contains("created successfully", done.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        var confirmation = Assert.Single(await smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email), 1, TimeSpan.FromSeconds(60)));
        using (var confirmed = await again.GetAsync(new Uri(SignUpDriver.ConfirmationPath(confirmation), UriKind.Relative)))
        {
            Assert.Equal("/my-registry", confirmed.Headers.Location?.OriginalString);
        }

        Assert.Equal(1, await CountAsync(connectionString, "AspNetUsers"));
        Assert.Equal(1, await CountAsync(connectionString, "Professionals"));
    }

    [Fact]
    public async Task Killed_in_the_middle_of_an_employer_import_on_SQLite_a_restart_finds_no_half_imported_batch()
    {
        var database = _folder["registry.db"];
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Registry"] = $"Data Source={database}",
            ["Database:SeedDemoData"] = "false",
            ["Storage:DocumentsPath"] = _folder["documents"],
            ["Email:PickupFolder"] = _folder["mail"],
        };

        // The database made and one site imported first, so the big import below is the only writer.
        var one = _folder["one.csv"];
        await File.WriteAllBytesAsync(one, new CcldFile().Site("990000001", "FIRST SITE").ToBytes());
        var (firstExit, firstOutput) = await RegistryProcess.RunAsync(settings, "import-employers", one, "--partial");
        Assert.True(firstExit == 0, firstOutput);

        const int Sites = 40_000;
        var big = new CcldFile();
        for (var i = 0; i < Sites; i++)
        {
            big.Site((100_000_000 + i).ToString(CultureInfo.InvariantCulture), $"GENERATED SITE {i} CHILD DEVELOPMENT CENTER");
        }

        var file = _folder["big.csv"];
        await File.WriteAllBytesAsync(file, big.ToBytes());

        // Killed once the transaction has spilled a quarter of a megabyte of pages into the write-ahead log, uncommitted.
        await using (var import = RegistryProcess.Start(settings, "import-employers", file, "--partial"))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            var log = new FileInfo(database + "-wal");
            while (!(log.Exists && log.Length > 256 * 1024))
            {
                Assert.False(import.Process.HasExited, "The import finished before it could be killed in the middle: " + import.Output);
                Assert.True(DateTime.UtcNow < deadline, "The import never wrote into the write-ahead log: " + import.Output);
                await Task.Delay(10);
                log.Refresh();
            }

            import.KillHard();
            Assert.DoesNotContain("Imported", import.Output, StringComparison.Ordinal);
        }

        // Restarted, the same import adds every site: none of them was left behind by the killed one.
        var (exit, output) = await RegistryProcess.RunAsync(settings, "import-employers", file, "--partial");
        Assert.True(exit == 0, output);
        Assert.Contains($"{Sites} added, 0 updated, 0 unchanged", output, StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await check.ExecuteScalarAsync());
        check.CommandText = "SELECT COUNT(*) FROM Employers";
        Assert.Equal(Sites + 1L, await check.ExecuteScalarAsync());
    }

    private async Task<string> StartPostgresAsync()
    {
        _database = await PrivatePostgres.StartAsync();
        var connectionString = _database.ConnectionString("registry");
        await using var db = new PostgreSqlRegistryDbContext(new DbContextOptionsBuilder<PostgreSqlRegistryDbContext>().UseNpgsql(connectionString).Options, TimeProvider.System);
        await db.Database.MigrateAsync();
        return connectionString;
    }

    private static Dictionary<string, string> PostgresSettings(string connectionString) => new()
    {
        ["Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:Registry"] = connectionString,
        ["Database:MigrateOnStartup"] = "false",
        ["Database:SeedDemoData"] = "false",
        ["RateLimits:SignUpPerMinute"] = "1000",
    };

    /// <summary>
    /// Waits until a session of the app's is blocked on <paramref name="waitingOn"/> while its open
    /// transaction has already written to <paramref name="wrote"/> (it holds a row-exclusive lock there).
    /// </summary>
    private static async Task WaitUntilCaughtAsync(string connectionString, RegistryProcess app, string waitingOn, string wrote)
    {
        await using var watcher = new NpgsqlConnection(connectionString);
        await watcher.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT COUNT(*) FROM pg_locks waiting
            JOIN pg_locks written ON written.pid = waiting.pid
            WHERE NOT waiting.granted AND waiting.relation = quote_ident(@waitingOn)::regclass
              AND written.granted AND written.mode = 'RowExclusiveLock' AND written.relation = quote_ident(@wrote)::regclass
            """,
            watcher);
        query.Parameters.AddWithValue("waitingOn", waitingOn);
        query.Parameters.AddWithValue("wrote", wrote);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((long)(await query.ExecuteScalarAsync())! == 0)
        {
            Assert.False(app.Process.HasExited, "The app stopped before it was caught: " + app.Output);
            Assert.True(DateTime.UtcNow < deadline, $"The app never wrote {wrote} and waited on {waitingOn}: " + app.Output);
            await Task.Delay(50);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM \"{table}\"", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
