using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Registry.Web.Data;
using Registry.Web.Data.Licensing;
using Registry.Web.Infrastructure.Employers;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// A real SQLite database in a file of its own (or, with <see cref="TestPostgres"/> enabled, a
/// PostgreSQL database of its own), migrated like production, deleted afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private readonly string? _postgresDatabase = TestPostgres.Enabled ? TestPostgres.NewDatabaseName() : null;

    private TestDatabase(string folder)
    {
        _folder = folder;
        ConnectionString = _postgresDatabase is not null
            ? TestPostgres.ConnectionString(_postgresDatabase)
            : new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "registry.db"), Pooling = false }.ToString();
    }

    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "registry-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TestDatabase(folder);
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public RegistryDbContext CreateContext() => _postgresDatabase is not null
        ? new PostgreSqlRegistryDbContext(new DbContextOptionsBuilder<PostgreSqlRegistryDbContext>().UseNpgsql(ConnectionString).Options, Time)
        : new SqliteRegistryDbContext(new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite(ConnectionString).Options, Time);

    /// <summary>Imports a file through the real handler, in a context of its own.</summary>
    public async Task<ImportEmployers.Result> ImportAsync(byte[] file, ImportEmployers.Mode mode = ImportEmployers.Mode.Full)
    {
        await using var db = CreateContext();
        return await new ImportEmployers.Handler(db, Time, NullLogger<ImportEmployers.Handler>.Instance)
            .HandleAsync(file, mode, CancellationToken.None);
    }

    public async Task<SearchEmployers.Result> SearchAsync(string text, int page = 1, int pageSize = SearchEmployers.DefaultPageSize)
    {
        await using var db = CreateContext();
        return await new SearchEmployers.Handler(db).HandleAsync(new SearchEmployers.Criteria(text, page, pageSize), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            await TestPostgres.DropAsync(_postgresDatabase);
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temp folder is cleaned by the OS later.
        }
    }
}
