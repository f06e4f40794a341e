using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Web.Data.Licensing;

namespace Registry.Web.Data.Seed;

/// <summary>
/// Brings the database up to date at start-up where that is safe (the embedded SQLite default)
/// and loads the demo data into an empty database.
/// </summary>
public sealed class DatabaseInitializer(
    RegistryDbContext db,
    IOptions<DatabaseOptions> options,
    ImportEmployers.Handler importEmployers,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>The licensing agency's list for San Francisco County (1,144 sites), shipped as demo data.</summary>
    public static string DemoEmployersFile => Path.Combine(AppContext.BaseDirectory, "Data", "Seed", "ccld-sf-child-care-facilities.csv");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ShouldMigrateOnStartup)
        {
            logger.LogInformation("Applying database migrations ({Provider})", options.Value.Provider);
            await db.Database.MigrateAsync(cancellationToken);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList() is { Count: > 0 } pending)
        {
            // A server database is migrated once, before the instances start (docs/operations.md):
            // starting on an older schema would fail on the first query, so say what is missing.
            throw new DatabaseNotMigratedException(
                $"The database lacks {pending.Count} migration(s) this version needs ({string.Join(", ", pending)}). " +
                "Apply them before starting the app (docs/operations.md, \"Databases and migrations\": the idempotent script or the migrations bundle), " +
                "or, for a single instance, set Database__MigrateOnStartup=true.");
        }

        // SQLite in write-ahead-log mode: pages keep reading while a save commits, and a writer waits
        // for the one before it instead of for every reader (the setting is kept in the file).
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // The registry-wide roles exist from the start; people are given them with the grant-role command.
        foreach (var role in Registry.Web.Infrastructure.Security.Roles.All)
        {
            var normalized = role.ToUpperInvariant();
            if (!await db.Roles.AnyAsync(r => r.NormalizedName == normalized, cancellationToken))
            {
                db.Roles.Add(new Microsoft.AspNetCore.Identity.IdentityRole(role) { NormalizedName = normalized });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another instance starting at the same moment added it first (found by running two).
                    db.ChangeTracker.Clear();
                    if (!await db.Roles.AnyAsync(r => r.NormalizedName == normalized, cancellationToken))
                    {
                        throw;
                    }
                }
            }
        }

        if (options.Value.ShouldSeedDemoData && !await db.Employers.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Loading demo employers from {File}", DemoEmployersFile);
            var result = await importEmployers.HandleAsync(await File.ReadAllBytesAsync(DemoEmployersFile, cancellationToken), ImportEmployers.Mode.Full, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The demo employers could not be loaded: {result.FileError}");
            }
        }
    }
}

/// <summary>The database is behind the app's migrations and the app is not to migrate it itself.</summary>
public sealed class DatabaseNotMigratedException : Exception
{
    public DatabaseNotMigratedException()
    {
    }

    public DatabaseNotMigratedException(string message)
        : base(message)
    {
    }

    public DatabaseNotMigratedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
