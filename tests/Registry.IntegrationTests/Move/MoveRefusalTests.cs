using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Features.Moving;

namespace Registry.IntegrationTests.Move;

/// <summary>
/// What an import refuses, before writing anything: a database already in use, a file changed or
/// missing since the export, a format it does not know; and an export into a folder already holding files.
/// </summary>
public sealed class MoveRefusalTests : IDisposable
{
    private readonly ScratchFolder _folder = new("move-refused");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_database_that_already_holds_people_is_refused_and_left_as_it_was()
    {
        var export = await ExportAsync();
        await using var target = AppOn.Fresh();
        await target.ProfessionalAsync();
        var before = await Moves.CountsAsync(target);

        var (code, output) = await Moves.ImportAsync(target, export);

        Assert.Equal(2, code);
        Assert.Contains("This database already holds 1 people and 1 accounts", output, StringComparison.Ordinal);
        Assert.Equal(before, await Moves.CountsAsync(target));
    }

    [Fact]
    public async Task A_table_file_changed_after_the_export_is_refused_and_nothing_is_written()
    {
        var export = await ExportAsync();
        var people = Path.Combine(export, "tables", "Professionals.jsonl");
        await File.WriteAllTextAsync(people, (await File.ReadAllTextAsync(people)).Replace("Rosa", "Rosi", StringComparison.Ordinal));
        await using var target = AppOn.Fresh();
        var before = await Moves.CountsAsync(target);

        var (code, output) = await Moves.ImportAsync(target, export);

        Assert.Equal(2, code);
        Assert.Contains("tables/Professionals.jsonl: its SHA-256 is not the manifest's", output, StringComparison.Ordinal);
        Assert.Equal(before, await Moves.CountsAsync(target));
        Assert.Empty(await Moves.PeopleAsync(target));
    }

    [Fact]
    public async Task A_missing_table_file_or_document_is_refused()
    {
        var export = await ExportAsync();
        File.Delete(Path.Combine(export, "tables", "AspNetUsers.jsonl"));
        File.Delete(Directory.GetFiles(Path.Combine(export, "documents")).Single());
        await using var target = AppOn.Fresh();

        var (code, output) = await Moves.ImportAsync(target, export);

        Assert.Equal(2, code);
        Assert.Contains("tables/AspNetUsers.jsonl is missing.", output, StringComparison.Ordinal);
        Assert.Empty(await Moves.PeopleAsync(target));

        File.Delete(Path.Combine(export, MoveManifest.FileName));
        (code, output) = await Moves.ImportAsync(target, export);
        Assert.Equal(2, code);
        Assert.Contains("manifest.json does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_the_target_cannot_take_rolls_the_whole_import_back()
    {
        var export = await ExportAsync();

        // A row whose checksum is made to match, but which names a person who is not there.
        var documents = Path.Combine(export, "tables", "Documents.jsonl");
        var row = JsonNode.Parse((await File.ReadAllLinesAsync(documents))[0])!.AsObject();
        row["ProfessionalId"] = 999_999;
        await File.AppendAllTextAsync(documents, row.ToJsonString() + "\n");
        var path = Path.Combine(export, MoveManifest.FileName);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var entry = manifest["tables"]!.AsArray().Single(t => (string?)t!["name"] == "Documents")!;
        entry["rows"] = (long)entry["rows"]! + 1;
        entry["sha256"] = await MoveManifest.Sha256Async(documents, CancellationToken.None);
        await File.WriteAllTextAsync(path, manifest.ToJsonString());
        await using var target = AppOn.Fresh();
        var before = await Moves.CountsAsync(target);

        var (code, output) = await Moves.ImportAsync(target, export);

        Assert.Equal(1, code);
        Assert.StartsWith("Failed, nothing was imported (the transaction was rolled back)", output, StringComparison.Ordinal);
        Assert.Equal(before, await Moves.CountsAsync(target));
        Assert.Empty(await Moves.PeopleAsync(target));
    }

    [Fact]
    public async Task A_format_version_this_registry_does_not_know_is_refused()
    {
        var export = await ExportAsync();
        var path = Path.Combine(export, MoveManifest.FileName);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        manifest["version"] = 2;
        await File.WriteAllTextAsync(path, manifest.ToJsonString());
        await using var target = AppOn.Fresh();

        var (code, output) = await Moves.ImportAsync(target, export);

        Assert.Equal(2, code);
        Assert.Contains("The export's format is registry-export version 2; this Registry reads registry-export version 1 only.", output, StringComparison.Ordinal);
        Assert.Empty(await Moves.PeopleAsync(target));
    }

    [Fact]
    public async Task An_export_into_a_folder_that_already_holds_files_is_refused()
    {
        var folder = _folder["not-empty"];
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "someone's notes");
        await using var source = AppOn.Fresh();

        var (code, output) = await Moves.ExportAsync(source, folder);

        Assert.Equal(2, code);
        Assert.StartsWith($"Refused: {folder} is not an empty folder.", output, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Every_table_of_the_model_is_exported_or_skipped_with_a_reason()
    {
        await using var source = AppOn.Fresh();
        var export = _folder["all"];
        var (code, output) = await Moves.ExportAsync(source, export);
        Assert.True(code == 0, output);

        var exported = Directory.GetFiles(Path.Combine(export, "tables")).Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        await using var scope = source.Services.CreateAsyncScope();
        var model = MovedTables.AllNames(scope.ServiceProvider.GetRequiredService<Registry.Web.Data.RegistryDbContext>());

        // A new table is carried unless someone lists it here, with the reason it may be left behind.
        Assert.Equal(model, exported.Concat(MovedTables.Skipped.Keys).Order(StringComparer.Ordinal));
        Assert.All(MovedTables.Skipped, s => Assert.True(s.Value.Length > 20, $"{s.Key} is skipped without a reason."));
        Assert.Contains("AspNetUsers", exported);
        Assert.Contains("DataProtectionKeys", exported);
        Assert.Contains("AspNetUserPasskeys", exported);
        Assert.Contains("SigningKeys", exported);
        // Every column is read through its property's type mapping, but for an owned type kept as JSON (the passkey data).
        var db = scope.ServiceProvider.GetRequiredService<Registry.Web.Data.RegistryDbContext>();
        var unmapped = MovedTables.InInsertOrder(db).SelectMany(t => t.Columns.Where(c => c.PropertyMappings.Count == 0).Select(c => $"{t.Name}.{c.Name}"));
        Assert.Equal(["AspNetUserPasskeys.Data"], unmapped);

        var manifest = Moves.Manifest(export);
        Assert.Equal(exported.Order(StringComparer.Ordinal), manifest.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(MoveManifest.CurrentVersion, manifest.Version);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(export, MoveManifest.FileName))).RootElement.ValueKind);
    }

    /// <summary>A registry with one person (and their document) exported into a folder of the test's.</summary>
    [Fact]
    public async Task An_export_taken_while_people_sign_up_holds_one_moment_and_imports_whole()
    {
        await using var source = AppOn.Fresh();
        _ = source.Services; // started (and its database made) once, before the writers share it
        using var stop = new CancellationTokenSource();
        var written = 0;

        // Two writers, each adding an account and then its record (two saves, as sign-up does), as fast as they can.
        var writers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var scope = source.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                var email = $"during.{Guid.NewGuid():N}@example.org";
                var user = new RegistryUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant() };
                db.Users.Add(user);
                await db.SaveChangesAsync();
                db.Professionals.Add(new Professional(await TestRegistryIds.NextAsync(db), user.Id, new PersonName("Dora", null, "During"), new DateOnly(1990, 1, 1), email, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
                Interlocked.Increment(ref written);
            }
        })).ToList();

        // Exported until one export ran while people were being added (a small registry exports in well under a second).
        string? folder = null;
        for (var attempt = 0; attempt < 20 && folder is null; attempt++)
        {
            var before = Volatile.Read(ref written);
            var candidate = _folder[$"while-writing-{attempt}"];
            var (code, output) = await Moves.ExportAsync(source, candidate);
            Assert.True(code == 0, output);
            if (Volatile.Read(ref written) > before + 1)
            {
                folder = candidate;
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.True(folder is not null, "No one was added while any of 20 exports ran: the test proves nothing.");

        // Every record the export holds has its account (no row of a later moment): the import, which
        // checks every foreign key, takes it whole, with the manifest's counts.
        var manifest = Moves.Manifest(folder);
        await using var target = AppOn.Fresh();
        var imported = await Moves.ImportAsync(target, folder);
        Assert.True(imported.ExitCode == 0, imported.Output);
        Assert.Equal(new SortedDictionary<string, long>(manifest.Tables.ToDictionary(t => t.Name, t => t.Rows), StringComparer.Ordinal), await Moves.CountsAsync(target));
    }

    private async Task<string> ExportAsync()
    {
        await using var source = AppOn.Fresh();
        var (client, _) = await source.SignedInProfessionalAsync();
        await UploadAsync(client);
        var folder = _folder["export"];
        var (code, output) = await Moves.ExportAsync(source, folder);
        Assert.True(code == 0, output);
        return folder;
    }

    private static async Task UploadAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/my-registry/documents");
        var token = page.QuerySelector("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Transcript"), "Kind" } };
        var file = new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "File", "transcript.pdf");
        using var response = await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
