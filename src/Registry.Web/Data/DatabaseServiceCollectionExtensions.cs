using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Registry.Web.Data.History;

namespace Registry.Web.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>The embedded default: a file in the app's data folder, created on first run.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/registry.db";

    /// <summary>How many SQLite contexts (each with its open connection) wait in the pool for requests; more at once are made and closed after.</summary>
    public const int SqlitePoolSize = 128;

    /// <summary>
    /// Registers <see cref="RegistryDbContext"/> on the provider that configuration names. The
    /// provider's own context type (which owns that provider's migrations) is what resolves.
    /// </summary>
    public static IServiceCollection AddRegistryDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton<IInterceptor, RecordHistoryInterceptor>();

        // The options (connection string, interceptors, all singletons) are built once, not per request,
        // and contexts are pooled: a request takes one already built and gives it back reset (decision 0049).
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                // Contexts waiting in the pool keep their connection open (and its compiled statements) when
                // SqliteReuseStatements is on: at most SqlitePoolSize of them (decision 0052).
                services.AddSingleton<KeptSqliteConnections>();
                services.AddDbContextPool<RegistryDbContext, SqliteRegistryDbContext>(
                    (sp, db) =>
                    {
                        db.UseSqlite(SqliteConnectionString(sp.GetRequiredService<IConfiguration>(), environment))
                            .AddInterceptors(sp.GetServices<IInterceptor>())
                            .AddInterceptors(new SqliteConnectionSettings(options.SqliteMemoryMapMegabytes * 1024L * 1024L, TimeSpan.FromSeconds(30), options.SqliteSyncEveryCommit));
                        if (options.SqliteReuseStatements)
                        {
                            SqliteKeptOpenConnection.Use(db);
                        }
                    },
                    SqlitePoolSize);
                break;
            case DatabaseProvider.SqlServer:
                // No retrying execution strategy: it refuses the transactions the app opens itself
                // (sign-up, imports, announcements); a failed request answers 503 and the person tries again.
                services.AddDbContextPool<RegistryDbContext, SqlServerRegistryDbContext>((sp, db) =>
                    db.UseSqlServer(
                        sp.GetRequiredService<IConfiguration>().GetConnectionString("Registry")
                            ?? throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Registry is not set."))
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContextPool<RegistryDbContext, PostgreSqlRegistryDbContext>((sp, db) =>
                    db.UseNpgsql(
                        sp.GetRequiredService<IConfiguration>().GetConnectionString("Registry")
                            ?? throw new InvalidOperationException("Database:Provider is PostgreSql but ConnectionStrings:Registry is not set."))
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite, SqlServer or PostgreSql.");
        }

        return services;
    }

    /// <summary>
    /// The SQLite connection string, with a relative file path resolved against the app's
    /// content root and its folder created, so the app runs from any working directory.
    /// </summary>
    internal static string SqliteConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Registry") ?? DefaultSqliteConnectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(file, environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        return builder.ToString();
    }
}
