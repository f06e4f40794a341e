using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Storage;

namespace Registry.Web.Features.Moving;

/// <summary>
/// <c>dotnet run --project src/Registry.Web -- import-registry FOLDER</c>: a folder written by
/// <c>export-registry</c> into this host's empty database (any provider) and document storage.
/// Everything is checked before anything is written (format, migration, tables and columns,
/// counts and checksums, an empty target); then every row goes in, keys kept, in one transaction.
/// </summary>
public static class ImportRegistryCommand
{
    public const string Name = "import-registry";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct)
    {
        if (args.Length != 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await output.WriteLineAsync($"Usage: {Name} FOLDER");
            await output.WriteLineAsync("  FOLDER  a folder written by export-registry (it holds manifest.json)");
            return 2;
        }

        var folder = Path.GetFullPath(args[1]);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var (manifest, tables, problems) = await CheckAsync(db, folder, ct);
        if (problems.Count > 0)
        {
            await output.WriteLineAsync($"Refused: nothing was imported from {folder}.");
            foreach (var problem in problems)
            {
                await output.WriteLineAsync("  " + problem);
            }

            return 2;
        }

        var storage = scope.ServiceProvider.GetRequiredService<IDocumentStorage>();
        var counts = new List<(string Table, long Rows)>();
        long documents;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await ClearAsync(db, tables, ct);
            var later = new List<(MovedTables.Table Table, object?[] Key, object?[] Values)>();
            foreach (var table in tables)
            {
                var entry = manifest!.Tables.Single(t => t.Name == table.Name);
                await using (await IdentityInsertAsync(db, table, ct))
                {
                    var rows = await BulkInsert.TableRowsAsync(db, table.Store, table.Columns, RowsAsync(Path.Combine(folder, entry.File), table, later, ct), ct);
                    if (rows != entry.Rows)
                    {
                        throw new InvalidDataException($"{table.Name}: {rows} rows inserted where the manifest says {entry.Rows}.");
                    }

                    counts.Add((table.Name, rows));
                }
            }

            await SetLaterAsync(db, later, ct);
            await ResetSequencesAsync(db, tables, ct);

            // Fresh statistics, so the planner knows the tables are no longer empty (SQL Server updates its own).
            if (!db.Database.IsSqlServer())
            {
                await ExecuteAsync(db, "ANALYZE", ct);
            }

            // Documents before the commit: if one cannot be stored, no row is kept (a stored file
            // without its row is only an orphan the next import overwrites).
            documents = await CopyDocumentsAsync(folder, manifest!, storage, ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbException or InvalidDataException or JsonException or FormatException or DocumentStorageException or InvalidOperationException
            or ArgumentException or NotSupportedException or OverflowException or IOException)
        {
            await output.WriteLineAsync($"Failed, nothing was imported (the transaction was rolled back): {e.Message}");
            return 1;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        foreach (var (table, rows) in counts)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table}: {rows}"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Imported {counts.Count} tables ({counts.Sum(c => c.Rows)} rows) and {documents} documents from {folder}, exported {manifest!.ExportedAt:u} from {manifest.Provider} at migration {manifest.Migration}."));
        await WarnAboutRulesAsync(scope.ServiceProvider, manifest, output, ct);
        if (manifest.Documents.Missing.Count > 0)
        {
            // Rows the old host had with no file behind them (deleted while the export ran, or lost before it): they open nothing here either.
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Warning: {manifest.Documents.Missing.Count} documents named by rows were not in the old host's storage when it exported, so they are not here either: {string.Join(", ", manifest.Documents.Missing)}."));
        }

        return 0;
    }

    /// <summary>Every check, before any write; the problems found (none: go ahead).</summary>
    private static async Task<(MoveManifest? Manifest, IReadOnlyList<MovedTables.Table> Tables, List<string> Problems)> CheckAsync(RegistryDbContext db, string folder, CancellationToken ct)
    {
        var problems = new List<string>();
        var manifestPath = Path.Combine(folder, MoveManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            return (null, [], [$"{manifestPath} does not exist: this is not a folder written by export-registry (or the export did not finish)."]);
        }

        MoveManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<MoveManifest>(await File.ReadAllTextAsync(manifestPath, ct), MoveManifest.Json);
        }
        catch (JsonException e)
        {
            return (null, [], [$"{MoveManifest.FileName} is not a readable manifest: {e.Message}"]);
        }

        if (manifest is null || manifest.Format != MoveManifest.FormatName || manifest.Version != MoveManifest.CurrentVersion)
        {
            return (null, [], [$"The export's format is {manifest?.Format} version {manifest?.Version}; this Registry reads {MoveManifest.FormatName} version {MoveManifest.CurrentVersion} only."]);
        }

        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (applied is null || pending.Count > 0 || MoveManifest.MigrationName(applied) != MoveManifest.MigrationName(manifest.Migration))
        {
            problems.Add($"The export was taken at migration {MoveManifest.MigrationName(manifest.Migration)}; this database is at {(applied is null ? "none" : MoveManifest.MigrationName(applied))}" +
                (pending.Count > 0 ? $" with {pending.Count} pending" : string.Empty) + ". Run the same Registry version as the old host, migrated, then import.");
        }

        var people = await db.Professionals.CountAsync(ct);
        var users = await db.Users.CountAsync(ct);
        if (people > 0 || users > 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"This database already holds {people} people and {users} accounts: a registry is imported into an empty database only."));
        }

        var tables = MovedTables.InInsertOrder(db);
        var listed = manifest.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var name in manifest.Tables.Select(t => t.Name).Except(tables.Select(t => t.Name), StringComparer.Ordinal))
        {
            problems.Add($"The export holds a table {name} this Registry does not have.");
        }

        foreach (var table in tables)
        {
            if (!listed.TryGetValue(table.Name, out var entry))
            {
                if (!manifest.Skipped.Any(s => s.Name == table.Name))
                {
                    problems.Add($"The export holds no table {table.Name}.");
                }

                continue;
            }

            if (!entry.Columns.Order(StringComparer.Ordinal).SequenceEqual(table.Columns.Select(c => c.Name).Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                problems.Add($"{table.Name}: the export's columns ({string.Join(", ", entry.Columns)}) are not this Registry's ({string.Join(", ", table.Columns.Select(c => c.Name))}).");
            }

            problems.AddRange(await CheckFileAsync(folder, entry.File, entry.Sha256, entry.Rows, ct));
        }

        problems.AddRange(await CheckFileAsync(folder, manifest.Documents.Index, manifest.Documents.Sha256, manifest.Documents.Count, ct));
        if (problems.Count == 0)
        {
            await foreach (var document in DocumentsAsync(folder, manifest, ct))
            {
                problems.AddRange(await CheckFileAsync(folder, "documents/" + document.Key, document.Sha256, null, ct));
            }
        }

        foreach (var rule in manifest.Rules)
        {
            problems.AddRange(await CheckFileAsync(folder, "rules/" + rule.Path, rule.Sha256, null, ct));
        }

        return (manifest, tables, problems);
    }

    /// <summary>A file of the export against its manifest entry: there, the same SHA-256, and (for JSON lines) the same number of lines.</summary>
    private static async Task<IEnumerable<string>> CheckFileAsync(string folder, string file, string sha256, long? lines, CancellationToken ct)
    {
        var path = Path.GetFullPath(Path.Combine(folder, file));
        if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return [$"{file}: not a path inside the export."];
        }

        if (!File.Exists(path))
        {
            return [$"{file} is missing."];
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var count = 0L;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
        {
            var chunk = new byte[1 << 16];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                hash.AppendData(chunk, 0, read);
                count += chunk.AsSpan(0, read).Count((byte)'\n');
            }
        }

        var problems = new List<string>();
        if (!string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), sha256, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{file}: its SHA-256 is not the manifest's (the file changed after the export, or was damaged in the copy).");
        }

        if (lines is { } expected && count != expected)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{file}: {count} rows where the manifest says {expected}."));
        }

        return problems;
    }

    private static async IAsyncEnumerable<MoveManifest.DocumentLine> DocumentsAsync(string folder, MoveManifest manifest, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(Path.Combine(folder, manifest.Documents.Index));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var document = JsonSerializer.Deserialize<MoveManifest.DocumentLine>(line, MoveManifest.Line) ?? throw new InvalidDataException("An empty line in the documents' index.");
            if (!document.Key.All(char.IsAsciiLetterOrDigit))
            {
                throw new InvalidDataException($"The documents' index names {document.Key}, not a document key.");
            }

            yield return document;
        }
    }

    /// <summary>
    /// Rows of a table file as model values in the table's column order; a foreign key set later
    /// is inserted null and remembered with the row's key.
    /// </summary>
    private static async IAsyncEnumerable<object?[]> RowsAsync(string path, MovedTables.Table table, List<(MovedTables.Table, object?[], object?[])> later, [EnumeratorCancellation] CancellationToken ct)
    {
        var parsers = table.Columns.Select(CanonicalValues.Parser).ToArray();
        var deferred = table.Deferred.Select(c => table.Columns.ToList().IndexOf(c)).ToArray();
        var key = table.Key.Select(c => table.Columns.ToList().IndexOf(c)).ToArray();
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var row = new object?[parsers.Length];
            for (var i = 0; i < parsers.Length; i++)
            {
                row[i] = json.RootElement.TryGetProperty(table.Columns[i].Name, out var value)
                    ? parsers[i](value)
                    : throw new InvalidDataException($"{table.Name}: a row without {table.Columns[i].Name}.");
            }

            if (deferred.Length > 0 && deferred.Any(i => row[i] is not null))
            {
                later.Add((table, key.Select(i => row[i]).ToArray(), deferred.Select(i => row[i]).ToArray()));
                foreach (var i in deferred)
                {
                    row[i] = null;
                }
            }

            yield return row;
        }
    }

    /// <summary>
    /// An empty database may still hold what start-up or a migration puts there (demo employers, a
    /// first signing key, Data Protection keys): it goes, replaced by the old host's, dependents first.
    /// </summary>
    private static async Task ClearAsync(RegistryDbContext db, IReadOnlyList<MovedTables.Table> tables, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var table in tables.Reverse())
        {
            await ExecuteAsync(db, $"DELETE FROM {sql.DelimitIdentifier(table.Name, table.Store.Schema)}", ct);
        }
    }

    /// <summary>SQL Server refuses explicit values in an IDENTITY column unless told; the other providers take them as they are.</summary>
    private static async Task<IAsyncDisposable> IdentityInsertAsync(RegistryDbContext db, MovedTables.Table table, CancellationToken ct)
    {
        if (!db.Database.IsSqlServer())
        {
            return NoScope.Instance;
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var name = sql.DelimitIdentifier(table.Name, table.Store.Schema);
        await using var check = Command(db, "SELECT COUNT(*) FROM sys.identity_columns WHERE object_id = OBJECT_ID(@table)");
        var parameter = check.CreateParameter();
        parameter.ParameterName = "@table";
        parameter.Value = name;
        check.Parameters.Add(parameter);
        if (Convert.ToInt32(await check.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) == 0)
        {
            return NoScope.Instance;
        }

        await ExecuteAsync(db, $"SET IDENTITY_INSERT {name} ON", ct);
        return new IdentityInsertOff(db, name);
    }

    /// <summary>The foreign keys held back (to the row's own table, or closing a cycle), set now that every row is in.</summary>
    private static async Task SetLaterAsync(RegistryDbContext db, List<(MovedTables.Table Table, object?[] Key, object?[] Values)> later, CancellationToken ct)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var group in later.GroupBy(l => l.Table))
        {
            var table = group.Key;
            await using var command = Command(db,
                $"UPDATE {sql.DelimitIdentifier(table.Name, table.Store.Schema)} SET {string.Join(", ", table.Deferred.Select((c, i) => $"{sql.DelimitIdentifier(c.Name)} = @v{i}"))} " +
                $"WHERE {string.Join(" AND ", table.Key.Select((c, i) => $"{sql.DelimitIdentifier(c.Name)} = @k{i}"))}");
            var columns = table.Deferred.Select((c, i) => (Column: c, Name: "@v" + i.ToString(CultureInfo.InvariantCulture)))
                .Concat(table.Key.Select((c, i) => (Column: c, Name: "@k" + i.ToString(CultureInfo.InvariantCulture)))).ToList();
            foreach (var (column, name) in columns)
            {
                command.Parameters.Add(CanonicalValues.Mapping(column).CreateParameter(command, name, null, column.IsNullable));
            }

            foreach (var (_, key, values) in group)
            {
                var all = values.Concat(key).ToArray();
                for (var i = 0; i < all.Length; i++)
                {
                    BulkInsert.SetValue(command.Parameters[i], CanonicalValues.Mapping(columns[i].Column), all[i]);
                }

                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>
    /// PostgreSQL's identity sequences do not move when rows come with their keys: each is set past
    /// the largest key, or the next row the site adds would collide. (SQLite and SQL Server keep
    /// their counters past explicit keys themselves.)
    /// </summary>
    private static async Task ResetSequencesAsync(RegistryDbContext db, IReadOnlyList<MovedTables.Table> tables, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var table in tables)
        {
            foreach (var column in table.Key.Where(c => CanonicalValues.ModelType(c) == typeof(int) || CanonicalValues.ModelType(c) == typeof(long)))
            {
                var name = sql.DelimitIdentifier(table.Name, table.Store.Schema);
                await using var command = Command(db,
                    $"SELECT setval(s, COALESCE((SELECT MAX({sql.DelimitIdentifier(column.Name)}) FROM {name}), 0) + 1, false) FROM pg_get_serial_sequence(@table, @column) AS s WHERE s IS NOT NULL");
                foreach (var (parameterName, value) in new[] { ("@table", name), ("@column", column.Name) })
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = parameterName;
                    parameter.Value = value;
                    command.Parameters.Add(parameter);
                }

                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private static async Task<long> CopyDocumentsAsync(string folder, MoveManifest manifest, IDocumentStorage storage, CancellationToken ct)
    {
        long count = 0;
        await foreach (var document in DocumentsAsync(folder, manifest, ct))
        {
            await using var content = File.OpenRead(Path.Combine(folder, "documents", document.Key));
            await storage.SaveAsync(document.Key, content, ct);
            count++;
        }

        return count;
    }

    /// <summary>The rules are configuration, not data: the import does not replace them, but says when the new host's differ from the old one's.</summary>
    private static async Task WarnAboutRulesAsync(IServiceProvider services, MoveManifest manifest, TextWriter output, CancellationToken ct)
    {
        var here = ExportRegistryCommand.RulesFolder(services);
        var differ = new List<string>();
        foreach (var rule in manifest.Rules)
        {
            var path = Path.Combine(here, rule.Path);
            if (!File.Exists(path) || await MoveManifest.Sha256Async(path, ct) != rule.Sha256)
            {
                differ.Add(rule.Path);
            }
        }

        if (Directory.Exists(here))
        {
            var exported = manifest.Rules.Select(r => r.Path.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
            differ.AddRange(Directory.EnumerateFiles(here, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(here, f).Replace('\\', '/'))
                .Where(f => !exported.Contains(f)).Order(StringComparer.Ordinal));
        }

        if (differ.Count > 0)
        {
            await output.WriteLineAsync($"Warning: the rule files in force here ({here}) differ from the old host's in {string.Join(", ", differ)}; the old host's are in the export's rules/ folder.");
        }
    }

    private static DbCommand Command(RegistryDbContext db, string text)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = 0;
        command.CommandText = text;
        return command;
    }

    private static async Task ExecuteAsync(RegistryDbContext db, string text, CancellationToken ct)
    {
        await using var command = Command(db, text);
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed class NoScope : IAsyncDisposable
    {
        public static readonly NoScope Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class IdentityInsertOff(RegistryDbContext db, string table) : IAsyncDisposable
    {
        /// <summary>Switched off again; when the transaction already failed this fails too, and the first error is the one reported.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                await ExecuteAsync(db, $"SET IDENTITY_INSERT {table} OFF", CancellationToken.None);
            }
            catch (DbException)
            {
                // The import is being rolled back for the error that brought us here.
            }
        }
    }
}
