using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Faults;

/// <summary>
/// Uploads when the document storage cannot take them: the storage folder is a small tmpfs of the
/// test's own, first filled to the brim, then remounted read-only. The person is told beside the
/// field, in their language, that nothing was saved; no record names a missing file and no part of
/// the file is left in the folder; readiness reports the storage as degraded; and once there is room
/// again the same upload goes through.
/// </summary>
#pragma warning disable CA1001 // The app and the mount are disposed in IAsyncLifetime.DisposeAsync.
public sealed class StorageFaultTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly ScratchFolder _folder = new("small-disk");
    private SmallDiskApp _app = null!;
    private bool _mounted;

    /// <summary>The document folder, and (as root) a 512 KB tmpfs mounted on it.</summary>
    private string Mount => _folder.Path;

    public async Task InitializeAsync()
    {
        if (Environment.UserName == "root")
        {
            await Tool.RunAsync("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", Mount);
            _mounted = true;
        }

        _app = new SmallDiskApp(Mount);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        if (_mounted)
        {
            await Tool.RunAsync("umount", Mount);
        }

        _folder.Dispose();
    }

    [ServerFact(needsPostgres: false, needsRoot: true)]
    public async Task On_a_full_disk_or_a_read_only_folder_an_upload_is_refused_beside_the_field_and_nothing_is_half_stored()
    {
        Assert.True(_mounted, "This test mounts a tmpfs, which needs root; CI runs as root.");
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var scan = Scan(200 * 1024);

        // A full disk: all but a few kilobytes taken, so the upload fails part way through writing.
        var filler = Path.Combine(Mount, "filler");
        await FillAsync(filler, leave: 16 * 1024);
        var full = await UploadAsync(client, "transcript.pdf", scan);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Contains("could not store your file just now, so nothing was saved", (await full.ReadPageAsync()).QuerySelector("#File-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await DocumentCountAsync(professionalId));
        Assert.Equal(["filler"], Directory.GetFiles(Mount).Select(Path.GetFileName));
        var topUp = Path.Combine(Mount, "top-up");
        await FillAsync(topUp, leave: 0);
        Assert.Equal("Degraded", await ReadinessOfDocumentsAsync(client));

        // In Spanish for a Spanish speaker.
        using (var spanish = new HttpRequestMessage(HttpMethod.Post, new Uri("/my-registry/documents", UriKind.Relative)))
        {
            spanish.Headers.AcceptLanguage.ParseAdd("es");
            spanish.Content = await FormAsync(client, "permiso.pdf", scan);
            using var answer = await client.SendAsync(spanish);
            Assert.Contains("no se guardó nada", (await answer.ReadPageAsync()).QuerySelector("#File-error")?.TextContent, StringComparison.Ordinal);
        }

        // Room again: the same upload goes through, so the refusal was the disk's.
        File.Delete(filler);
        File.Delete(topUp);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, "transcript.pdf", scan)).StatusCode);
        Assert.Equal(1, await DocumentCountAsync(professionalId));
        Assert.Equal("Healthy", await ReadinessOfDocumentsAsync(client));
        var kept = Assert.Single(Directory.GetFiles(Mount));
        Assert.Equal(scan, await File.ReadAllBytesAsync(kept));

        // A read-only folder: refused the same way; the document already kept is still there and readable.
        await Tool.RunAsync("mount", "-o", "remount,ro", Mount);
        var readOnly = await UploadAsync(client, "permit.pdf", scan);
        Assert.Contains("could not store your file just now", (await readOnly.ReadPageAsync()).QuerySelector("#File-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await DocumentCountAsync(professionalId));
        Assert.Equal([kept], Directory.GetFiles(Mount));
        Assert.Equal("Degraded", await ReadinessOfDocumentsAsync(client));
        var page = await client.GetPageAsync("/my-registry/documents");
        Assert.Equal(["transcript.pdf"], page.QuerySelectorAll(".document a").Select(a => a.TextContent));
        using (var download = await client.GetAsync(new Uri(page.QuerySelector(".document a")!.GetAttribute("href")!, UriKind.Relative)))
        {
            Assert.Equal(scan, await download.Content.ReadAsByteArrayAsync());
        }

        await Tool.RunAsync("mount", "-o", "remount,rw", Mount);
    }

    /// <summary>A PDF of <paramref name="size"/> bytes: a real header and trailer, padding between.</summary>
    private static byte[] Scan(int size)
    {
        var head = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"u8.ToArray();
        var tail = "\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)' ');
        head.CopyTo(bytes, 0);
        tail.CopyTo(bytes, size - tail.Length);
        return bytes;
    }

    /// <summary>Writes until the disk refuses, then gives back <paramref name="leave"/> bytes.</summary>
    private static async Task FillAsync(string path, int leave)
    {
        await using (var file = new FileStream(path, FileMode.CreateNew))
        {
            var block = new byte[4096];
            try
            {
                while (true)
                {
                    await file.WriteAsync(block);
                    await file.FlushAsync();
                }
            }
            catch (IOException)
            {
            }
        }

        await using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(file.Length - leave);
        }
    }

    private async Task<int> DocumentCountAsync(int professionalId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Documents.CountAsync(d => d.ProfessionalId == professionalId);
    }

    private static async Task<string?> ReadinessOfDocumentsAsync(HttpClient client)
    {
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("checks").GetProperty("documents").GetProperty("status").GetString();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] bytes) =>
        await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), await FormAsync(client, fileName, bytes));

    private static async Task<MultipartFormDataContent> FormAsync(HttpClient client, string fileName, byte[] bytes)
    {
        var page = await client.GetPageAsync("/my-registry/documents");
        var token = page.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.Value;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Transcript"), "Kind" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "File", fileName);
        return content;
    }

    private sealed class SmallDiskApp(string documents) : RegistryAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Storage:DocumentsPath"] = documents,
        };
    }
}
