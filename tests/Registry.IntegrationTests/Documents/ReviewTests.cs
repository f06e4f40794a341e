using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Documents;
using Registry.Web.Domain.Verifications;
using Registry.Web.Features.Documents;

namespace Registry.IntegrationTests.Documents;

/// <summary>Statuses that tell the truth: attach a document, send for review, see the queue, read the staff's decision.</summary>
public sealed class ReviewTests : IClassFixture<RegistryAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();
    private readonly RegistryAppFactory _app;

    public ReviewTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task A_course_sent_with_its_transcript_is_pending_with_a_queue_position_then_shows_the_decision_and_its_reason()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);
        await driver.SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
        {
            ["Institution"] = "City College", ["Title"] = "Child Growth", ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = "A", ["Category"] = "ChildGrowthAndDevelopment",
        });
        await UploadAsync(client);

        var documents = await client.GetPageAsync("/my-registry/documents");
        var submit = documents.Forms.Single(f => f.Action.EndsWith("/submit", StringComparison.Ordinal));
        Assert.Contains("Child Growth (City College)", submit.QuerySelector("select")?.TextContent, StringComparison.Ordinal);
        await client.PostFormAsync(submit);

        var pending = await client.GetPageAsync("/my-registry/education");
        Assert.Equal("Pending review", pending.QuerySelector(".course .status")?.TextContent);
        Assert.Matches(@"^number \d+ in the review queue$", pending.QuerySelector(".course .queue-position")?.TextContent);

        int courseId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            courseId = await db.Courses.Where(c => c.ProfessionalId == professionalId).Select(c => c.Id).SingleAsync();
            Assert.True(await db.DocumentAttachments.AnyAsync(a => a.EntryKind == ProvableEntry.Course && a.EntryId == courseId));
            await scope.ServiceProvider.GetRequiredService<Review>().DecideAsync(
                ProvableEntry.Course, courseId, Verification.NotAccepted("The transcript shows another person's name.", "staff-1", DateTimeOffset.UtcNow), CancellationToken.None);
        }

        var refused = await client.GetPageAsync("/my-registry/education");
        Assert.Equal("Not accepted", refused.QuerySelector(".course .status")?.TextContent);
        Assert.Contains("Action required: The transcript shows another person's name.", refused.QuerySelector(".course .action-required")?.TextContent, StringComparison.Ordinal);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Review>().DecideAsync(ProvableEntry.Course, courseId, Verification.Verified("staff-1", DateTimeOffset.UtcNow), CancellationToken.None);
        }

        Assert.Equal("Verified", (await client.GetPageAsync("/my-registry/education")).QuerySelector(".course .status")?.TextContent);
    }

    [Fact]
    public async Task A_document_cannot_be_attached_to_someone_else_s_entry()
    {
        var (owner, ownerId) = await _app.SignedInProfessionalAsync();
        await new SignUpDriver(owner).SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
        {
            ["Institution"] = "City College", ["Title"] = "Theirs", ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = "A", ["Category"] = "OtherEce",
        });
        int courseId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            courseId = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Courses.Where(c => c.ProfessionalId == ownerId).Select(c => c.Id).SingleAsync();
        }

        var (stranger, _) = await _app.SignedInProfessionalAsync();
        await UploadAsync(stranger);
        var page = await stranger.GetPageAsync("/my-registry/documents");
        var form = page.Forms.Single(f => f.Action.EndsWith("/delete", StringComparison.Ordinal));
        var documentId = form.Action.Split('/')[^2];
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("entry", $"Course:{courseId}")]);
        await stranger.PostAsync(new Uri($"/my-registry/documents/{documentId}/submit", UriKind.Relative), content);

        await using var check = _app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.False(await db.DocumentAttachments.AnyAsync(a => a.EntryId == courseId));
        Assert.Equal(VerificationStatus.SelfReported, (await db.Courses.SingleAsync(c => c.Id == courseId)).Verification.Status);
    }

    private static async Task UploadAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/my-registry/documents");
        var token = page.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Transcript"), "Kind" } };
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "File", "transcript.pdf");
        using var response = await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
