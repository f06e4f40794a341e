using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Features.Operations;

namespace Registry.IntegrationTests.Operations;

/// <summary>
/// A backup of the SQLite database and the document store taken while the app runs, restored into
/// a fresh folder: a new app on it finds every record and every document; a document deleted
/// before the backup is not in it.
/// </summary>
public sealed class BackupTests
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task A_backup_taken_while_the_app_runs_restores_into_a_fresh_folder_with_every_record_and_document()
    {
        var backup = Path.Combine(Path.GetTempPath(), "registry-backup-" + Guid.NewGuid().ToString("N"));
        var restored = Path.Combine(Path.GetTempPath(), "registry-restored-" + Guid.NewGuid().ToString("N"));
        try
        {
            int professionals;
            string registryId;
            await using (var app = new SqliteApp(null))
            {
                var (client, professionalId) = await app.SignedInProfessionalAsync();
                await UploadAsync(client, "transcript.pdf", Pdf);
                await UploadAsync(client, "old.pdf", Pdf);
                var documents = await client.GetPageAsync("/my-registry/documents");
                var remove = documents.Forms.Last(f => f.Action.Contains("/delete", StringComparison.Ordinal));
                using (await client.PostFormAsync(remove))
                {
                }

                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                professionals = await db.Professionals.CountAsync();
                registryId = await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.RegistryId).SingleAsync();
                Assert.Equal(1, await db.Documents.CountAsync());

                var result = await scope.ServiceProvider.GetRequiredService<Backups>().BackupAsync(backup, CancellationToken.None);
                Assert.Equal((professionals, 1), (result.Professionals, result.Documents));

                // A second backup into the same folder is refused, not mixed in.
                await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<Backups>().BackupAsync(backup, CancellationToken.None));
            }

            // Restore into a fresh folder, with no app running there yet.
            Directory.CreateDirectory(restored);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DocumentsPath"] = Path.Combine(restored, "documents") }).Build();
            await using (var empty = new SqliteRegistryDbContext(new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite($"Data Source={Path.Combine(restored, "registry.db")}").Options, TimeProvider.System))
            {
                await new Backups(empty, configuration, new Environment(restored)).RestoreAsync(backup, CancellationToken.None);
            }

            await using (var app = new SqliteApp(restored))
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                Assert.Equal(professionals, await db.Professionals.CountAsync());
                var person = await db.Professionals.SingleAsync(p => p.RegistryId == registryId);
                var client = app.CreateBrowserLikeClient();
                using (var signedIn = await new SignUpDriver(client).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = person.Email, ["Password"] = TestAccounts.Password }))
                {
                    Assert.Equal("/my-registry", signedIn.Headers.Location?.OriginalString);
                }

                var links = (await client.GetPageAsync("/my-registry/documents")).QuerySelectorAll<IHtmlAnchorElement>("a[href^='/my-registry/documents/']").ToList();
                var link = Assert.Single(links);
                using var download = await client.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var folder in new[] { backup, restored })
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }

    private static async Task UploadAsync(HttpClient client, string fileName, byte[] bytes)
    {
        var page = await client.GetPageAsync("/my-registry/documents");
        var token = page.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Transcript"), "Kind" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "File", fileName);
        using var response = await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The app on SQLite (even in the PostgreSQL run: this is the embedded database's backup), optionally on a restored folder.</summary>
    private sealed class SqliteApp(string? folder) : RegistryAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => folder is null
            ? new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Registry"] = $"Data Source={DatabasePath}" }
            : new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Registry"] = $"Data Source={Path.Combine(folder, "registry.db")}",
                ["Storage:DocumentsPath"] = Path.Combine(folder, "documents"),
            };
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "Registry.Web";

        public string ContentRootPath { get; set; } = root;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
