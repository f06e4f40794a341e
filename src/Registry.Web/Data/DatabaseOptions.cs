namespace Registry.Web.Data;

/// <summary>The database settings (section "Database"); the connection string is ConnectionStrings:Registry.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (the embedded default) or "SqlServer".</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations when the app starts. On by default for SQLite (one process owns
    /// the file); off by default for SQL Server, where migrations run once before the app starts
    /// (see docs/operations.md) so that several instances never race to migrate.
    /// </summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Load the demo data (the San Francisco employers) into an empty database on start-up.</summary>
    public bool SeedDemoData { get; set; } = true;

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
