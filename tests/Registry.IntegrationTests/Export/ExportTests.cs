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
        var attendedEvent = await _app.EventAsync(sponsorId, "Loose Parts Play", day: DateOnly.FromDateTime(DateTime.Today));
        var upcoming = await _app.EventAsync(sponsorId, "Planning for Spring", day: DateOnly.FromDateTime(DateTime.Today).AddDays(30));
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
        Assert.Equal(["README.txt", "record.json", "summary.html"], zip.Entries.Select(e => e.FullName).Order());

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

    /// <summary>Every property the schema requires is present, at each level the schema describes.</summary>
    private static void AssertFollowsSchema(JsonElement record)
    {
        var schemaPath = Path.Combine(Repository.Root(), "docs", "export", "record.schema.json");
        using var schema = JsonDocument.Parse(File.ReadAllText(schemaPath));
        static void Check(JsonElement value, JsonElement schema, string path)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return;
            }

            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
                {
                    Assert.True(value.TryGetProperty(name, out _), $"{path}.{name} is missing");
                }
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (value.TryGetProperty(property.Name, out var child))
                    {
                        Check(child, property.Value, $"{path}.{property.Name}");
                    }
                }
            }

            if (schema.TryGetProperty("items", out var items) && value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, items, path + "[]");
                }
            }
        }

        Check(record, schema.RootElement, "record");
        Assert.Equal("1.4", record.GetProperty("schemaVersion").GetString());
    }
}
