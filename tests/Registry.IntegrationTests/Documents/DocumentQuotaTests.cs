using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Documents;

/// <summary>The app with a 3 KB document quota per person (Storage:QuotaPerPersonBytes), and a documents folder the test can read.</summary>
public sealed class SmallQuotaAppFactory : RegistryAppFactory
{
    public string DocumentsFolder { get; } = Path.Combine(Path.GetTempPath(), "registry-tests", "quota-" + Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:QuotaPerPersonBytes"] = "3072",
        ["Storage:DocumentsPath"] = DocumentsFolder,
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (Directory.Exists(DocumentsFolder))
        {
            Directory.Delete(DocumentsFolder, recursive: true);
        }
    }
}

/// <summary>
/// One person's documents together fit a quota: an upload that would go over it is refused beside
/// the file field, saying how much is used and allowed (in the person's language), and nothing of
/// it is kept: no row, no file.
/// </summary>
public sealed class DocumentQuotaTests : IClassFixture<SmallQuotaAppFactory>
{
    private readonly SmallQuotaAppFactory _app;

    public DocumentQuotaTests(SmallQuotaAppFactory app) => _app = app;

    [Fact]
    public async Task An_upload_over_the_quota_is_refused_beside_the_field_and_nothing_is_stored()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, Pdf(2048))).StatusCode);
        var filesBefore = Files();

        var refused = await UploadAsync(client, Pdf(2048));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var message = (await refused.ReadPageAsync()).QuerySelector("#File-error")?.TextContent;
        Assert.Contains("you have used 2 KB of the 3 KB each person has", message, StringComparison.Ordinal);
        Assert.Equal(1, await DocumentCountAsync(professionalId));
        Assert.Equal(filesBefore, Files());

        // What is left still fits; someone else has a quota of their own.
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, Pdf(1024))).StatusCode);
        var (other, otherId) = await _app.SignedInProfessionalAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(other, Pdf(3072))).StatusCode);
        Assert.Equal(2, await DocumentCountAsync(professionalId));
        Assert.Equal(1, await DocumentCountAsync(otherId));
    }

    [Fact]
    public async Task The_message_is_in_Spanish_for_a_Spanish_speaker()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, Pdf(1536))).StatusCode);

        var refused = await UploadAsync(client, Pdf(2048));

        var message = (await refused.ReadPageAsync()).QuerySelector("#File-error")?.TextContent;
        Assert.Contains("ha usado 1,5 KB de los 3 KB que tiene cada persona", message, StringComparison.Ordinal);
    }

    /// <summary>A file that starts as a PDF, of exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Pdf(int size)
    {
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)' ');
        "%PDF-1.4\n"u8.CopyTo(bytes);
        "%%EOF\n"u8.CopyTo(bytes.AsSpan(size - 6));
        return bytes;
    }

    private string[] Files() =>
        Directory.Exists(_app.DocumentsFolder) ? Directory.GetFiles(_app.DocumentsFolder).Order().ToArray() : [];

    private async Task<int> DocumentCountAsync(int professionalId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Documents.CountAsync(d => d.ProfessionalId == professionalId);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes)
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
        content.Add(file, "File", "transcript.pdf");
        return await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content);
    }
}
