using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;

namespace Registry.Web.Features.Operations;

/// <summary>
/// A consistent backup of the embedded (SQLite) database and the document store while the app
/// runs, and its restore into an empty folder. The database is copied with SQLite's online backup
/// (a snapshot of one moment, whatever is being written); then every document the snapshot
/// names is copied. A document its owner deleted between the two is left out of the backup's
/// database too, so a restored registry never names a file it does not have. Server databases use
/// their own tools (docs/operations.md).
/// </summary>
public sealed class Backups(RegistryDbContext db, IConfiguration configuration, IHostEnvironment environment)
{
    public sealed record Result(int Professionals, int Documents, int DocumentsDeletedMeanwhile, string Folder);

    private string DocumentsFolder => Path.GetFullPath(configuration["Storage:DocumentsPath"] ?? "data/documents", environment.ContentRootPath);

    public async Task<Result> BackupAsync(string target, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection live)
        {
            throw new InvalidOperationException("The backup command copies the embedded SQLite database; back up a server database with its own tools (docs/operations.md).");
        }

        target = Path.GetFullPath(target);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new InvalidOperationException($"{target} is not empty: a backup goes into a new folder.");
        }

        Directory.CreateDirectory(Path.Combine(target, "documents"));
        var backupPath = Path.Combine(target, "registry.db");
        await using (var source = new SqliteConnection(live.ConnectionString))
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupPath, Pooling = false }.ToString()))
        {
            await source.OpenAsync(ct);
            await copy.OpenAsync(ct);
            source.BackupDatabase(copy);
        }

        var (professionals, documents, deleted) = (0, 0, 0);
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupPath, Pooling = false, ForeignKeys = true }.ToString()))
        {
            await copy.OpenAsync(ct);
            professionals = Convert.ToInt32(await ScalarAsync(copy, "SELECT COUNT(*) FROM \"Professionals\"", ct), CultureInfo.InvariantCulture);
            var stored = new List<(long Id, string Key)>();
            await using (var read = copy.CreateCommand())
            {
                read.CommandText = "SELECT \"Id\", \"StorageKey\" FROM \"Documents\"";
                await using var reader = await read.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    stored.Add((reader.GetInt64(0), reader.GetString(1)));
                }
            }

            foreach (var (id, key) in stored)
            {
                var file = Path.Combine(DocumentsFolder, key);
                if (File.Exists(file))
                {
                    File.Copy(file, Path.Combine(target, "documents", key));
                    documents++;
                    continue;
                }

                // Deleted by its owner after the snapshot: leave it out, as the live registry has.
                await using var remove = copy.CreateCommand();
                remove.CommandText = "DELETE FROM \"Documents\" WHERE \"Id\" = $id";
                remove.Parameters.AddWithValue("$id", id);
                await remove.ExecuteNonQueryAsync(ct);
                deleted++;
            }
        }

        SqliteConnection.ClearAllPools();
        var result = new Result(professionals, documents, deleted, target);
        await File.WriteAllTextAsync(Path.Combine(target, "backup.json"), JsonSerializer.Serialize(new
        {
            takenAt = DateTimeOffset.UtcNow,
            result.Professionals,
            result.Documents,
            result.DocumentsDeletedMeanwhile,
            migration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault(),
        }), ct);
        return result;
    }

    /// <summary>Puts a backup's database and documents where a (stopped) app will find them: the configured database file and document folder, which must not exist yet.</summary>
    public Task<string> RestoreAsync(string backup, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection live)
        {
            throw new InvalidOperationException("The restore command restores the embedded SQLite database; restore a server database with its own tools.");
        }

        backup = Path.GetFullPath(backup);
        var database = new SqliteConnectionStringBuilder(live.ConnectionString).DataSource;
        if (!File.Exists(Path.Combine(backup, "registry.db")) || !File.Exists(Path.Combine(backup, "backup.json")))
        {
            throw new InvalidOperationException($"{backup} is not a Registry backup (no registry.db and backup.json).");
        }

        if (File.Exists(database) && new FileInfo(database).Length > 0)
        {
            throw new InvalidOperationException($"{database} exists: restore into an empty data folder, with the app stopped.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        File.Copy(Path.Combine(backup, "registry.db"), database, overwrite: true);
        Directory.CreateDirectory(DocumentsFolder);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(backup, "documents")))
        {
            File.Copy(file, Path.Combine(DocumentsFolder, Path.GetFileName(file)));
        }

        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}

/// <summary>
/// <c>dotnet run --project src/Registry.Web -- backup FOLDER</c> (while the app runs) and
/// <c>-- restore FOLDER</c> (into an empty data folder, the app stopped).
/// </summary>
public static class BackupCommand
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        if (args.Length != 2)
        {
            await output.WriteLineAsync($"Usage: {Backup} FOLDER    (a new, empty folder)");
            await output.WriteLineAsync($"       {Restore} FOLDER   (a backup folder; the database file and documents folder must not exist yet)");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var backups = scope.ServiceProvider.GetRequiredService<Backups>();
        try
        {
            if (args[0] == Backup)
            {
                var result = await backups.BackupAsync(args[1], ct);
                await output.WriteLineAsync($"Backed up {result.Professionals} professionals and {result.Documents} documents to {result.Folder}" +
                    (result.DocumentsDeletedMeanwhile > 0 ? $" ({result.DocumentsDeletedMeanwhile} deleted by their owners meanwhile, left out)." : "."));
            }
            else
            {
                await output.WriteLineAsync($"Restored into {await backups.RestoreAsync(args[1], ct)}.");
            }

            return 0;
        }
        catch (InvalidOperationException e)
        {
            await output.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
