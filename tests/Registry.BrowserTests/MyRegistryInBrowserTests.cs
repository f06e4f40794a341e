using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.BrowserTests;

/// <summary>On a phone-sized screen: add a course, upload a document, download the whole record.</summary>
public sealed class MyRegistryInBrowserTests : IClassFixture<BrowserApp>
{
    private const string Password = BrowserApp.Password;
    private readonly BrowserApp _app;

    public MyRegistryInBrowserTests(BrowserApp app) => _app = app;

    [BrowserFact]
    public async Task A_professional_adds_a_course_uploads_a_transcript_and_downloads_the_record()
    {
        var email = $"browser.record.{Guid.NewGuid():N}@example.org";
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.Professionals.Add(new Professional(await TestRegistryIds.NextAsync(db), user.Id, new PersonName("Lupe", null, "Reyes"), new DateOnly(1990, 1, 1), email, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await using var context = await _app.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{_app.BaseUrl}/account/sign-in");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", Password);
        await BrowserApp.SubmitAsync(page, "main form button[type=submit]", new Regex("/my-registry$"));

        await page.GotoAsync($"{_app.BaseUrl}/my-registry/education/courses/add");
        await page.FillAsync("#Institution", "City College of San Francisco");
        await page.FillAsync("#Title", "Child Growth and Development");
        await page.FillAsync("#Units", "3");
        await page.SelectOptionAsync("#Grade", "A");
        await page.SelectOptionAsync("#Category", "ChildGrowthAndDevelopment");
        await BrowserApp.SubmitAsync(page, "main form button[type=submit]", new Regex("/my-registry/education$"));
        Assert.Equal("3", (await page.TextContentAsync("#total-core"))?.Trim());
        await Screenshot(page, "record-1-course");

        await page.GotoAsync($"{_app.BaseUrl}/my-registry/documents");
        await page.SelectOptionAsync("#Kind", "Transcript");
        await page.SetInputFilesAsync("#File", new FilePayload { Name = "transcript.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await page.ClickAsync("form[enctype='multipart/form-data'] button[type=submit]");
        await page.WaitForSelectorAsync(".document");
        await Screenshot(page, "record-2-document");

        await page.GotoAsync($"{_app.BaseUrl}/my-registry");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-record"));
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            using var reader = new StreamReader(zip.GetEntry("record.json")!.Open());
            var json = await reader.ReadToEndAsync();
            Assert.Contains("Child Growth and Development", json, StringComparison.Ordinal);
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("documents/", StringComparison.Ordinal) && e.FullName.EndsWith("transcript.pdf", StringComparison.Ordinal));
        }

        File.Delete(path);
    }

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserApp.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, name + ".png"), FullPage = true });
    }
}
