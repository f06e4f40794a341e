using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Documents;

/// <summary>Uploads through the real multipart form: real PDF and PNG bytes accepted, anything else refused beside the field.</summary>
public sealed class DocumentsTests : IClassFixture<RegistryAppFactory>
{
    // A minimal, valid one-page PDF and a 1x1 PNG.
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private readonly RegistryAppFactory _app;

    public DocumentsTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task A_real_PDF_and_PNG_are_accepted_listed_and_downloaded_by_their_owner()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, "transcript.pdf", Pdf, "Transcript")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, "permit.png", Png, "Permit")).StatusCode);

        var page = await client.GetPageAsync("/my-registry/documents");
        var links = page.QuerySelectorAll<IHtmlAnchorElement>(".document a").ToList();
        Assert.Equal(["permit.png", "transcript.pdf"], links.Select(l => l.TextContent));
        using var download = await client.GetAsync(new Uri(links[1].GetAttribute("href")!, UriKind.Relative));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("setup.pdf", "MZ executable renamed", "This file is not a PDF, JPEG or PNG.")]
    [InlineData("photo.pdf", "png", "The file's content does not match its name.")]
    [InlineData("notes.txt", "plain text", "This file is not a PDF, JPEG or PNG.")]
    public async Task Anything_but_a_real_PDF_JPEG_or_PNG_is_refused_beside_the_field(string name, string content, string message)
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var bytes = content switch
        {
            "png" => Png,
            "MZ executable renamed" => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00],
            _ => "just some text"u8.ToArray(),
        };

        var response = await UploadAsync(client, name, bytes, "Certificate");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector("#File-error")?.TextContent, StringComparison.Ordinal);
        Assert.Empty((await client.GetPageAsync("/my-registry/documents")).QuerySelectorAll(".document"));
    }

    [Fact]
    public async Task An_oversized_file_is_refused_with_a_message()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var big = new byte[(10 * 1024 * 1024) + 1];
        Pdf.CopyTo(big, 0);

        var response = await UploadAsync(client, "huge.pdf", big, "Transcript");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("larger than 10 MB", (await response.ReadPageAsync()).QuerySelector("#File-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_in_the_file_name_is_stored_as_a_plain_name()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();

        await UploadAsync(client, "../../../etc/passwd.pdf", Pdf, "Other");

        Assert.Equal("passwd.pdf", (await client.GetPageAsync("/my-registry/documents")).QuerySelector(".document a")?.TextContent);
    }

    [Fact]
    public async Task Another_person_s_document_cannot_be_downloaded_and_hiding_it_is_remembered()
    {
        var (owner, _) = await _app.SignedInProfessionalAsync();
        await UploadAsync(owner, "transcript.pdf", Pdf, "Transcript");
        var page = await owner.GetPageAsync("/my-registry/documents");
        var href = page.QuerySelector(".document a")!.GetAttribute("href")!;
        var (stranger, _) = await _app.SignedInProfessionalAsync();

        using var stolen = await stranger.GetAsync(new Uri(href, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);

        var hide = page.Forms.Single(f => f.Action.EndsWith("/visibility", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(hide)).StatusCode);
        Assert.Equal("Hidden from employers", (await owner.GetPageAsync("/my-registry/documents")).QuerySelector(".document .visibility")?.TextContent);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] bytes, string kind)
    {
        var page = await client.GetPageAsync("/my-registry/documents");
        var token = page.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "File", fileName);
        return await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content);
    }
}
