namespace Registry.Web.Data;

/// <summary>The database settings (section "Database"); the connection string is ConnectionStrings:Registry.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (the embedded default), "SqlServer" or "PostgreSql".</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations when the app starts. On by default for SQLite (one process owns
    /// the file); off by default for the server databases, where migrations run once before the app starts
    /// (see docs/operations.md) so that several instances never race to migrate.
    /// </summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>
    /// Load the demo data (San Francisco's licensed sites) into an empty database on start-up.
    /// On by default for SQLite; a production database gets the state's list with the
    /// import-employers command instead.
    /// </summary>
    public bool? SeedDemoData { get; set; }

    /// <summary>
    /// SQLite only: how much of the database file SQLite reads through a memory map; 0 (the default) reads
    /// pages with a read call. Off by default: under the signed-in pages' mix of reads and small writes, a
    /// map cost a director's roster two thirds of its throughput (decision 0047).
    /// </summary>
    public int SqliteMemoryMapMegabytes { get; set; }

    /// <summary>
    /// SQLite only: wait for the disk at every commit (<c>synchronous=FULL</c>) instead of at checkpoints
    /// (<c>NORMAL</c>, the default, with the write-ahead log): with NORMAL the database stays whole through
    /// any crash, but a power cut or an operating-system crash may lose the last commits before it
    /// (docs/decisions/0046-signed-in-pages-and-sqlite-settings.md).
    /// </summary>
    public bool SqliteSyncEveryCommit { get; set; }

    /// <summary>
    /// Whether SQLite connections stay open between requests and keep the statements compiled for them
    /// (<see cref="SqliteKeptOpenConnection"/>). On by default; off gives each query a connection from
    /// Microsoft.Data.Sqlite's pool and a statement compiled afresh, as before (decision 0052).
    /// </summary>
    public bool SqliteReuseStatements { get; set; } = true;

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    public bool ShouldSeedDemoData => SeedDemoData ?? Provider == DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}
