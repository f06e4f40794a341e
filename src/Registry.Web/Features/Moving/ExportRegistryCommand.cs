using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Storage;

namespace Registry.Web.Features.Moving;

/// <summary>
/// <c>dotnet run --project src/Registry.Web -- export-registry FOLDER</c>: the whole registry
/// (every table, every stored document, the rule files in force) into an empty folder, in a form
/// any provider's registry can import (docs/registry-export-format.md). Safe while the site runs:
/// every table is read in one snapshot, rows streamed to their files.
/// </summary>
public static class ExportRegistryCommand
{
    public const string Name = "export-registry";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        if (args.Length != 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await output.WriteLineAsync($"Usage: {Name} FOLDER");
            await output.WriteLineAsync("  FOLDER  where to write the registry: an empty folder, or one that does not exist yet");
            return 2;
        }

        var folder = Path.GetFullPath(args[1]);
        if (File.Exists(folder) || (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()))
        {
            await output.WriteLineAsync($"Refused: {folder} is not an empty folder. An export goes into an empty folder or a new one, so that no file of another export is mixed in.");
            return 2;
        }

        Directory.CreateDirectory(Path.Combine(folder, "tables"));
        Directory.CreateDirectory(Path.Combine(folder, "documents"));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var storage = scope.ServiceProvider.GetRequiredService<IDocumentStorage>();
        var migration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault() ?? throw new InvalidOperationException("The database has no migration applied.");
        var tables = MovedTables.InInsertOrder(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var (transaction, isolation) = await SnapshotAsync(db, connection, output, ct);
            await using (transaction)
            {
                var exportedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
                using var documents = new DocumentCopies(folder, storage);
                var files = new List<MoveManifest.TableFile>();
                foreach (var table in tables)
                {
                    files.Add(await WriteTableAsync(db, transaction, table, folder, documents, ct));
                }

                await transaction.CommitAsync(ct);
                var index = await documents.FinishAsync(ct);
                var rules = await CopyRulesAsync(scope.ServiceProvider, folder, ct);
                var manifest = new MoveManifest(
                    MoveManifest.FormatName, MoveManifest.CurrentVersion,
                    typeof(MovedTables).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
                    migration, exportedAt, db.Database.ProviderName ?? "unknown", isolation,
                    files, MovedTables.Skipped.Select(s => new MoveManifest.SkippedTable(s.Key, s.Value)).ToList(), index, rules);
                await File.WriteAllTextAsync(Path.Combine(folder, MoveManifest.FileName), JsonSerializer.Serialize(manifest, MoveManifest.Json), ct);

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Exported {files.Count} tables ({files.Sum(f => f.Rows)} rows), {index.Count} documents and {rules.Count} rule files to {folder} ({isolation}; migration {migration})."));
                foreach (var missing in index.Missing)
                {
                    await output.WriteLineAsync($"Warning: document {missing} is named in the database but not in the document storage; it is listed in the manifest as missing.");
                }

                foreach (var skipped in MovedTables.Skipped)
                {
                    await output.WriteLineAsync($"Not carried: {skipped.Key} ({skipped.Value}).");
                }

                return 0;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// One transaction that sees the database as it was at one moment while the site keeps writing:
    /// SQLite a deferred read transaction (in WAL mode a snapshot; writers carry on), PostgreSQL
    /// REPEATABLE READ, SQL Server SNAPSHOT when the database allows it, else SERIALIZABLE (consistent
    /// too, but writers wait until the export ends: the command says so).
    /// </summary>
    private static async Task<(DbTransaction Transaction, string Isolation)> SnapshotAsync(RegistryDbContext db, DbConnection connection, TextWriter output, CancellationToken ct)
    {
        if (connection is SqliteConnection sqlite)
        {
            return (sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: true), "SQLite read transaction");
        }

        if (db.Database.IsNpgsql())
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await using var readOnly = connection.CreateCommand();
            readOnly.Transaction = transaction;
            readOnly.CommandText = "SET TRANSACTION READ ONLY";
            await readOnly.ExecuteNonQueryAsync(ct);
            return (transaction, "PostgreSQL REPEATABLE READ");
        }

        await using var allowed = connection.CreateCommand();
        allowed.CommandText = "SELECT snapshot_isolation_state FROM sys.databases WHERE name = DB_NAME()";
        if (Convert.ToInt32(await allowed.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 1)
        {
            return (await connection.BeginTransactionAsync(IsolationLevel.Snapshot, ct), "SQL Server SNAPSHOT");
        }

        await output.WriteLineAsync(
            "Note: this SQL Server database does not allow SNAPSHOT isolation, so the export reads under SERIALIZABLE: consistent, " +
            "but the site's writes wait until the export ends. To export without blocking, run ALTER DATABASE [name] SET ALLOW_SNAPSHOT_ISOLATION ON first.");
        return (await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct), "SQL Server SERIALIZABLE");
    }

    /// <summary>One table into <c>tables/NAME.jsonl</c>, row by row (never the whole table in memory), hashed as it is written.</summary>
    private static async Task<MoveManifest.TableFile> WriteTableAsync(RegistryDbContext db, DbTransaction transaction, MovedTables.Table table, string folder, DocumentCopies documents, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var readers = table.Columns.Select(CanonicalValues.Reader).ToArray();
        var storageKeys = table.StorageKeys.Select(c => table.Columns.ToList().IndexOf(c)).ToArray();
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        command.CommandText = $"SELECT {string.Join(", ", table.Columns.Select(c => sql.DelimitIdentifier(c.Name)))} FROM {sql.DelimitIdentifier(table.Name, table.Store.Schema)} " +
            $"ORDER BY {string.Join(", ", table.Key.Select(c => sql.DelimitIdentifier(c.Name)))}";
        var file = $"tables/{table.Name}.jsonl";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new ArrayBufferWriter<byte>(4096);
        long rows = 0;
        await using (var target = new FileStream(Path.Combine(folder, file), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        await using (var json = new Utf8JsonWriter(buffer))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            var row = new object?[readers.Length];
            while (await reader.ReadAsync(ct))
            {
                json.WriteStartObject();
                for (var i = 0; i < readers.Length; i++)
                {
                    row[i] = readers[i](reader, i);
                    CanonicalValues.Write(json, table.Columns[i].Name, row[i]);
                }

                json.WriteEndObject();
                await json.FlushAsync(ct);
                buffer.Write("\n"u8);
                hash.AppendData(buffer.WrittenSpan);
                await target.WriteAsync(buffer.WrittenMemory, ct);
                buffer.ResetWrittenCount();
                json.Reset();
                rows++;
                foreach (var i in storageKeys)
                {
                    if (row[i] is string { Length: > 0 } key)
                    {
                        await documents.CopyAsync(key, ct);
                    }
                }
            }
        }

        return new MoveManifest.TableFile(table.Name, file, rows, Convert.ToHexStringLower(hash.GetHashAndReset()), table.Columns.Select(c => c.Name).ToList());
    }

    /// <summary>The rule files in force (Rules:Folder), every file below it, into <c>rules/</c>.</summary>
    private static async Task<IReadOnlyList<MoveManifest.RuleFile>> CopyRulesAsync(IServiceProvider services, string folder, CancellationToken ct)
    {
        var source = RulesFolder(services);
        var copied = new List<MoveManifest.RuleFile>();
        foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(source, path).Replace('\\', '/');
            var target = Path.Combine(folder, "rules", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target);
            copied.Add(new MoveManifest.RuleFile(relative, await MoveManifest.Sha256Async(target, ct)));
        }

        return copied;
    }

    /// <summary>Where the rule book is read from: Rules:Folder, relative to the content root (as RulesSetup reads it).</summary>
    public static string RulesFolder(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IConfiguration>()["Rules:Folder"] ?? "Rules", services.GetRequiredService<IHostEnvironment>().ContentRootPath);

    /// <summary>Stored documents into <c>documents/KEY</c> (each once), indexed with size and SHA-256 in <c>documents.jsonl</c>.</summary>
    private sealed class DocumentCopies(string folder, IDocumentStorage storage) : IDisposable
    {
        private const string IndexFile = "documents.jsonl";
        private readonly StreamWriter _index = new(Path.Combine(folder, IndexFile)) { NewLine = "\n" };
        private readonly HashSet<string> _missing = new(StringComparer.Ordinal);
        private long _count;

        public async Task CopyAsync(string key, CancellationToken ct)
        {
            var path = Path.Combine(folder, "documents", key);
            if (!key.All(char.IsAsciiLetterOrDigit) || File.Exists(path) || _missing.Contains(key))
            {
                return;
            }

            await using var content = await storage.OpenAsync(key, ct);
            if (content is null)
            {
                _missing.Add(key);
                return;
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var bytes = 0L;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var chunk = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(chunk, ct)) > 0)
                {
                    hash.AppendData(chunk, 0, read);
                    await target.WriteAsync(chunk.AsMemory(0, read), ct);
                    bytes += read;
                }
            }

            await _index.WriteLineAsync(JsonSerializer.Serialize(new MoveManifest.DocumentLine(key, bytes, Convert.ToHexStringLower(hash.GetHashAndReset())), MoveManifest.Line));
            _count++;
        }

        public void Dispose() => _index.Dispose();

        public async Task<MoveManifest.DocumentFiles> FinishAsync(CancellationToken ct)
        {
            await _index.DisposeAsync();
            return new MoveManifest.DocumentFiles(IndexFile, _count, await MoveManifest.Sha256Async(Path.Combine(folder, IndexFile), ct), _missing.Order(StringComparer.Ordinal).ToList());
        }
    }
}
