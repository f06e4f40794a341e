using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Web;

/// <summary>
/// Pages and files that hold personal data are never kept by a browser's cache, a shared
/// computer's or a proxy's: every response but a static file says <c>Cache-Control: no-store</c>.
/// </summary>
public sealed class CacheControlTests : IClassFixture<RegistryAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private readonly RegistryAppFactory _app;

    public CacheControlTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task Signed_in_pages_the_export_a_document_the_card_and_the_verify_page_are_no_store()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var registryId = await DbAsync(db => db.Professionals.Where(p => p.Id == professionalId).Select(p => p.RegistryId).SingleAsync());
        await UploadAsync(client, Pdf);
        var document = (await client.GetPageAsync("/my-registry/documents")).QuerySelector<IHtmlAnchorElement>(".document a")!.GetAttribute("href")!;

        foreach (var url in new[] { "/my-registry", "/my-registry/export", document, "/my-registry/card/qr.png", $"/verify/{registryId}", "/training/calendar.ics" })
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task A_static_file_keeps_its_caching()
    {
        using var response = await _app.CreateClient().GetAsync(new Uri("/css/site.css", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task The_fingerprinted_stylesheet_a_page_links_is_kept_a_year_outside_development()
    {
        // Run from build output (not published), ASP.NET Core would otherwise patch static assets for
        // hot reload: "no-cache" on every file and a disk check on every request (appsettings.json).
        var client = _app.CreateClient();
        var page = await client.GetPageAsync("/");
        var href = page.QuerySelector<IHtmlLinkElement>("link[rel=stylesheet]")!.Href!;
        var path = new Uri(href).PathAndQuery;
        Assert.Matches(@"\.[a-z0-9]{10}\.css$", path);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains(response.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
    }

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    private static async Task UploadAsync(HttpClient client, byte[] bytes)
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
        using var response = await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
