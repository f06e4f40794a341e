using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Export;

/// <summary>"Download my record": the ZIP opened, its JSON checked against the documented schema and the entries entered.</summary>
public sealed class ExportTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public ExportTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task The_record_downloads_as_a_zip_with_json_that_follows_the_schema_and_a_printable_summary()
    {
        var (client, me) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);

        await driver.SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
        {
            ["Institution"] = "City College", ["Title"] = "Child Growth <b>and</b> Development", ["Units"] = "4.5", ["UnitType"] = "Quarter", ["Grade"] = "B", ["Category"] = "ChildGrowthAndDevelopment",
        });
        await driver.SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
        {
            ["Institution"] = "City College", ["Title"] = "Curriculum", ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = "D", ["Category"] = "ProgramAndCurriculum",
            ["CompletedDay"] = "15", ["CompletedMonth"] = "5", ["CompletedYear"] = "2025",
        });
        await driver.SubmitAsync("/my-registry/permits", "/my-registry/permits/applications", new Dictionary<string, string>
        {
            ["Type"] = "ChildDevelopmentTeacherPermit", ["AppliedDay"] = "2", ["AppliedMonth"] = "3", ["AppliedYear"] = "2026",
        });

        // A training event registered for and attended (posted by its sponsor), and one registered for only.
        var (_, managerId) = await _app.SignedInProfessionalAsync();
        var sponsorId = await _app.SponsorAsync(managerId);
        var attendedEvent = await _app.EventAsync(sponsorId, "Loose Parts Play", day: TestClock.Today);
        var upcoming = await _app.EventAsync(sponsorId, "Planning for Spring", day: TestClock.Today.AddDays(30));
        await _app.RegisterAsync(attendedEvent, me);
        await _app.RegisterAsync(upcoming, me);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var posting = scope.ServiceProvider.GetRequiredService<Registry.Web.Features.Sponsors.AttendancePosting.Handler>();
            var session = await scope.ServiceProvider.GetRequiredService<Registry.Web.Data.RegistryDbContext>().TrainingSessions.Where(x => x.EventId == attendedEvent).Select(x => x.Id).SingleAsync();
            var context = (await posting.SessionAsync(attendedEvent, session, CancellationToken.None))!;
            await posting.PostRosterAsync(context, [me], "sponsor", CancellationToken.None);
        }

        using var response = await client.GetAsync(new Uri("/my-registry/export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^registry-record-\d{8}\.zip$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["README.txt", "record.json", "summary.html", "summary.pdf", "transcript.jwt"], zip.Entries.Select(e => e.FullName).Order());

        using var json = await JsonDocument.ParseAsync(zip.GetEntry("record.json")!.Open());
        var root = json.RootElement;
        AssertFollowsSchema(root);
        Assert.Equal("Rosa", root.GetProperty("professional").GetProperty("firstName").GetString());
        var courses = root.GetProperty("courses").EnumerateArray().ToList();
        Assert.Equal("Child Growth <b>and</b> Development", courses[0].GetProperty("title").GetString());
        Assert.Equal(3m, courses[0].GetProperty("semesterUnits").GetDecimal());
        Assert.Equal("selfReported", courses[0].GetProperty("verification").GetProperty("status").GetString());
        var changes = root.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(["Added", "Added", "Added", "Added"], changes.Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal("2025-05-15", courses[1].GetProperty("completedOn").GetString());
        Assert.Equal(JsonValueKind.Null, courses[0].GetProperty("completedOn").ValueKind);
        var events = root.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["Loose Parts Play", "Planning for Spring"], events.Select(e => e.GetProperty("title").GetString()));
        Assert.Equal("Registered", events[1].GetProperty("registration").GetString());
        Assert.Empty(events[1].GetProperty("attended").EnumerateArray());
        var attendedSession = Assert.Single(events[0].GetProperty("attended").EnumerateArray());
        Assert.Equal(3m, attendedSession.GetProperty("creditedHours").GetDecimal());
        var application = Assert.Single(root.GetProperty("permitApplications").EnumerateArray());
        Assert.Equal("ChildDevelopmentTeacherPermit", application.GetProperty("type").GetString());
        Assert.Equal("2026-03-02", application.GetProperty("appliedOn").GetString());
        Assert.Equal("Child Growth <b>and</b> Development", changes[0].GetProperty("entry").GetString());
        Assert.Equal("you", changes[0].GetProperty("by").GetString());
        Assert.False(courses[1].GetProperty("counted").GetBoolean());
        Assert.Equal("gradeBelowC", courses[1].GetProperty("notCountedBecause").GetString());
        Assert.Equal(3m, root.GetProperty("unitTotals").GetProperty("ece").GetDecimal());

        using var summary = new StreamReader(zip.GetEntry("summary.html")!.Open());
        var html = await summary.ReadToEndAsync();
        Assert.Contains("Child Growth &lt;b&gt;and&lt;/b&gt; Development", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_uploaded_document_is_in_the_zip_byte_for_byte()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var pdf = "%PDF-1.4\n% a transcript\n%%EOF\n"u8.ToArray();
        var page = await client.GetPageAsync("/my-registry/documents");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.Value;
        using (var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Transcript"), "Kind" } })
        {
            content.Add(new ByteArrayContent(pdf), "File", "transcript.pdf");
            using var uploaded = await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        using var response = await client.GetAsync(new Uri("/my-registry/export", UriKind.Relative));
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var json = await JsonDocument.ParseAsync(zip.GetEntry("record.json")!.Open());

        var document = json.RootElement.GetProperty("documents").EnumerateArray().Single();
        var path = document.GetProperty("path").GetString()!;
        using var stored = new MemoryStream();
        await zip.GetEntry(path)!.Open().CopyToAsync(stored);
        Assert.Equal(pdf, stored.ToArray());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), document.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task The_export_needs_a_signed_in_person()
    {
        using var response = await _app.CreateBrowserLikeClient().GetAsync(new Uri("/my-registry/export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The schema check is not a formality: an unknown field, an unknown enumeration value, a date in another format and a missing field each fail it.</summary>
    [Fact]
    public async Task The_schema_check_refuses_what_the_schema_does_not_allow()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        await new SignUpDriver(client).SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
        {
            ["Institution"] = "City College", ["Title"] = "Curriculum", ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = "A", ["Category"] = "ProgramAndCurriculum",
        });
        using var response = await client.GetAsync(new Uri("/my-registry/export", UriKind.Relative));
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("record.json")!.Open());
        var json = await reader.ReadToEndAsync();
        ExportSchema.AssertValid(json);

        foreach (var (what, change) in new (string, Action<System.Text.Json.Nodes.JsonObject>)[]
        {
            ("an unknown field", r => r["professional"]!.AsObject()["nickname"] = "Rosie"),
            ("an unknown verification status", r => r["courses"]![0]!["verification"]!["status"] = "approvedByFriend"),
            ("a date in another format", r => r["professional"]!["dateOfBirth"] = "04/23/1990"),
            ("a missing field", r => r["courses"]![0]!.AsObject().Remove("units")),
            ("a number as text", r => r["courses"]![0]!["units"] = "3"),
        })
        {
            var record = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            change(record);
            Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ExportSchema.AssertValid(record));
        }
    }

    /// <summary>The record follows docs/export/record.schema.json, checked by a JSON Schema validator (types, enumerations, formats, no unknown property).</summary>
    private static void AssertFollowsSchema(JsonElement record)
    {
        ExportSchema.AssertValid(record.GetRawText());
        Assert.Equal("1.6", record.GetProperty("schemaVersion").GetString());
    }
}
