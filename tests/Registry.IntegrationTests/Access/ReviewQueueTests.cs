using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Access;

/// <summary>Registry staff's verification queue: oldest first, the document beside the entry, and each decision as the person sees it.</summary>
public sealed class ReviewQueueTests : IClassFixture<RegistryAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private readonly RegistryAppFactory _app;

    public ReviewQueueTests(RegistryAppFactory app) => _app = app;

    private async Task<(HttpClient Client, int CourseId)> SubmittedCourseAsync(string title, string language = "en")
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);
        await driver.SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
        {
            ["Institution"] = "City College", ["Title"] = title, ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = "A", ["Category"] = "ChildGrowthAndDevelopment",
        });
        var page = await client.GetPageAsync("/my-registry/documents");
        var token = page.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.Value;
        using (var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Transcript"), "Kind" } })
        {
            var file = new ByteArrayContent(Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "File", $"{title}.pdf");
            (await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content)).Dispose();
        }

        var documents = await client.GetPageAsync("/my-registry/documents");
        await client.PostFormAsync(documents.Forms.Single(f => f.Action.EndsWith("/submit", StringComparison.Ordinal)));
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
        professional.PreferredLanguage = language;
        await db.SaveChangesAsync();
        return (client, await db.Courses.Where(c => c.ProfessionalId == professionalId).Select(c => c.Id).SingleAsync());
    }

    private static IElement Item(IParentNode page, string title) =>
        page.QuerySelectorAll(".review-item").Single(i => i.QuerySelector(".entry")!.TextContent.StartsWith(title, StringComparison.Ordinal));

    [Fact]
    public async Task Staff_verify_refuse_with_a_listed_reason_in_the_person_s_language_or_ask_for_more()
    {
        var (first, _) = await SubmittedCourseAsync("Queue course one");
        var (second, _) = await SubmittedCourseAsync("Queue course two", language: "es");
        var (third, _) = await SubmittedCourseAsync("Queue course three");
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);

        var queue = await staff.GetPageAsync("/staff/review");
        var titles = queue.QuerySelectorAll(".review-item .entry").Select(e => e.TextContent).Where(t => t.StartsWith("Queue course", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Queue course one", "Queue course two", "Queue course three"], titles.Select(t => t[..t.IndexOf(" · ", StringComparison.Ordinal)]));
        var one = Item(queue, "Queue course one");
        Assert.Contains("Queue course one.pdf", one.TextContent, StringComparison.Ordinal);
        using (var document = await staff.GetAsync(new Uri(one.QuerySelector(".small a")!.GetAttribute("href")!, UriKind.Relative)))
        {
            Assert.Equal(Pdf, await document.Content.ReadAsByteArrayAsync());
        }

        await staff.PostFormAsync((IHtmlFormElement)one.QuerySelector("form")!);
        Assert.Equal("Verified", (await first.GetPageAsync("/my-registry/education")).QuerySelector(".course .status")?.TextContent);

        queue = await staff.GetPageAsync("/staff/review");
        var refuse = (IHtmlFormElement)Item(queue, "Queue course two").QuerySelectorAll("form")[1];
        var missing = await staff.PostFormAsync(refuse);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Choose a reason from the list.", (await missing.ReadPageAsync()).Body!.TextContent, StringComparison.Ordinal);
        await staff.PostFormAsync(refuse, values: new Dictionary<string, string> { ["reasonId"] = "3" });
        var spanish = await second.GetPageAsync("/my-registry/education");
        Assert.Equal("Not accepted", spanish.QuerySelector(".course .status")?.TextContent);
        Assert.Contains("No se puede leer el documento.", spanish.QuerySelector(".course .action-required")?.TextContent, StringComparison.Ordinal);

        queue = await staff.GetPageAsync("/staff/review");
        await staff.PostFormAsync((IHtmlFormElement)Item(queue, "Queue course three").QuerySelectorAll("form")[2], values: new Dictionary<string, string> { ["note"] = "Please send page 2 of the transcript." });
        Assert.Contains("Please send page 2 of the transcript.", (await third.GetPageAsync("/my-registry/education")).QuerySelector(".course .action-required")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Queue course", (await staff.GetPageAsync("/staff/review")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_add_and_retire_reasons_and_a_blank_reason_is_refused()
    {
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var page = await staff.GetPageAsync("/staff/review-reasons");
        var add = page.Forms.Single(f => f.QuerySelector("#textEn") is not null);

        var blank = await staff.PostFormAsync(add, values: new Dictionary<string, string> { ["textEn"] = "The stamp is missing.", ["textEs"] = "" });
        Assert.Contains("Write the reason as the person will read it", (await blank.ReadPageAsync()).QuerySelector("#textEs-error")?.TextContent, StringComparison.Ordinal);

        await staff.PostFormAsync(add, values: new Dictionary<string, string> { ["textEn"] = "The stamp is missing.", ["textEs"] = "Falta el sello." });
        var reasons = await staff.GetPageAsync("/staff/review-reasons");
        var added = reasons.QuerySelectorAll(".review-reason").Single(r => r.TextContent.Contains("The stamp is missing.", StringComparison.Ordinal));
        await staff.PostFormAsync((IHtmlFormElement)added.QuerySelector("form")!);
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().ReviewReasons.Where(r => r.TextEn == "The stamp is missing.").Select(r => r.Active).SingleAsync());
        Assert.DoesNotContain("The stamp is missing.", (await staff.GetPageAsync("/staff/review")).Body!.TextContent, StringComparison.Ordinal);
    }
}
