using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Web.Features.Moving;

/// <summary>
/// <c>manifest.json</c>, the first file an import reads: what the folder holds and how to check
/// it (docs/registry-export-format.md). An import refuses a format or version it does not know.
/// </summary>
public sealed record MoveManifest(
    string Format,
    int Version,
    string RegistryVersion,
    string Migration,
    DateTimeOffset ExportedAt,
    string Provider,
    string Isolation,
    IReadOnlyList<MoveManifest.TableFile> Tables,
    IReadOnlyList<MoveManifest.SkippedTable> Skipped,
    MoveManifest.DocumentFiles Documents,
    IReadOnlyList<MoveManifest.RuleFile> Rules)
{
    public const string FormatName = "registry-export";

    public const int CurrentVersion = 1;

    public const string FileName = "manifest.json";

    public sealed record TableFile(string Name, string File, long Rows, string Sha256, IReadOnlyList<string> Columns);

    public sealed record SkippedTable(string Name, string Reason);

    /// <summary>The documents' index (one line per document: key, bytes, SHA-256), its own checksum, and the keys the storage no longer held.</summary>
    public sealed record DocumentFiles(string Index, long Count, string Sha256, IReadOnlyList<string> Missing);

    public sealed record RuleFile(string Path, string Sha256);

    /// <summary>One line of the documents' index.</summary>
    public sealed record DocumentLine(string Key, long Bytes, string Sha256);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>One JSON object per line (the documents' index).</summary>
    public static readonly JsonSerializerOptions Line = new(JsonSerializerDefaults.Web);

    /// <summary>The migration's name without its provider-specific timestamp (each provider's migrations carry their own).</summary>
    public static string MigrationName(string migrationId) => migrationId.Contains('_', StringComparison.Ordinal) ? migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..] : migrationId;

    public static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
    }
}
