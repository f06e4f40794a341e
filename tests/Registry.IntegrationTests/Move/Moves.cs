using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Features.Export;
using Registry.Web.Features.Moving;

namespace Registry.IntegrationTests.Move;

/// <summary>The app on a database its settings name (a moved registry, a PostgreSQL one), mail left queued so that tables hold still while they are compared.</summary>
public sealed class AppOn(IReadOnlyDictionary<string, string?> settings) : RegistryAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(settings) { ["Email:Outbox:PollInterval"] = "01:00:00" };

    /// <summary>The settings of an app that is a fresh SQLite registry of its own (only its outbox slowed).</summary>
    public static AppOn Fresh() => new(new Dictionary<string, string?>());

    /// <summary>Where this app keeps its documents.</summary>
    public string DocumentsPath => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "documents");
}

/// <summary>The two commands as an operator runs them, their output kept; and what a test compares after a move.</summary>
public static class Moves
{
    public static async Task<(int ExitCode, string Output)> ExportAsync(RegistryAppFactory app, string folder)
    {
        using var output = new StringWriter();
        var code = await ExportRegistryCommand.RunAsync(app.Services, [ExportRegistryCommand.Name, folder], output, CancellationToken.None);
        return (code, output.ToString());
    }

    public static async Task<(int ExitCode, string Output)> ImportAsync(RegistryAppFactory app, string folder)
    {
        using var output = new StringWriter();
        var code = await ImportRegistryCommand.RunAsync(app.Services, [ImportRegistryCommand.Name, folder], output, CancellationToken.None);
        return (code, output.ToString());
    }

    public static MoveManifest Manifest(string folder) =>
        JsonSerializer.Deserialize<MoveManifest>(File.ReadAllText(Path.Combine(folder, MoveManifest.FileName)), MoveManifest.Json)!;

    /// <summary>Rows in every carried table, counted by the database.</summary>
    public static async Task<SortedDictionary<string, long>> CountsAsync(RegistryAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var sql = db.GetService<ISqlGenerationHelper>();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var table in MovedTables.InInsertOrder(db))
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM {sql.DelimitIdentifier(table.Name, table.Store.Schema)}";
                counts[table.Name] = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return counts;
    }

    public static async Task<List<int>> PeopleAsync(RegistryAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
    }

    /// <summary>When the revoked grant of a user was revoked, as the app reads it.</summary>
    public static async Task<DateTimeOffset?> RevokedAtAsync(RegistryAppFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().AccessGrants.Where(g => g.UserId == userId && g.RevokedAt != null).Select(g => g.RevokedAt).SingleAsync();
    }

    /// <summary>
    /// The person's whole record export (the JSON a person downloads, made by the app's own code),
    /// without the two things made fresh on every export: the moment, and the transcript signed for it.
    /// </summary>
    public static async Task<string> RecordAsync(RegistryAppFactory app, int professionalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var zip = (await scope.ServiceProvider.GetRequiredService<ExportRecord.Handler>().HandleAsync(professionalId, CancellationToken.None))!.Value.Zip;
        using var archive = new ZipArchive(new MemoryStream(zip));
        await using var json = archive.GetEntry("record.json")!.Open();
        var node = (await JsonNode.ParseAsync(json))!.AsObject();
        node.Remove("exportedAt");
        node.Remove("signedTranscript");
        return node.ToJsonString();
    }
}
