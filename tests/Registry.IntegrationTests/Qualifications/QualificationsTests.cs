using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Rules;

namespace Registry.IntegrationTests.Qualifications;

/// <summary>"What I qualify for" and its JSON, from a record entered through the forms.</summary>
public sealed class QualificationsTests : IClassFixture<RegistryAppFactory>
{
    private static readonly DateOnly Today = TestClock.Today;

    private readonly RegistryAppFactory _app;

    public QualificationsTests(RegistryAppFactory app) => _app = app;

    /// <summary>Rosa: the three core courses and one more ECE course (12 units), and a year as a teacher, 5 days of 8 hours.</summary>
    private async Task<HttpClient> RosaAsync()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);
        foreach (var (title, category) in new[] { ("Child Growth and Development", "ChildGrowthAndDevelopment"), ("Child, Family and Community", "ChildFamilyAndCommunity"), ("Introduction to Curriculum", "ProgramAndCurriculum"), ("Observation and Assessment", "OtherEce") })
        {
            SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
            {
                ["Institution"] = "City College of San Francisco", ["Title"] = title, ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = "A", ["Category"] = category,
            }));
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
        var employer = await db.Employers.Where(e => e.LicenseNumber == "380500086").Select(e => e.Id).SingleAsync();
        professional.AddEmployment(Employment.AtListedEmployer(employer, EmploymentRole.Teacher, Today.AddYears(-1), new EmploymentSchedule(5, 8)));
        await db.SaveChangesAsync();
        return client;
    }

    [Fact]
    public async Task The_page_says_which_permit_the_person_qualifies_for_what_the_next_one_needs_and_which_rules_it_used()
    {
        var client = await RosaAsync();

        var page = await client.GetPageAsync("/my-registry/qualifications");

        Assert.Contains("You qualify for the Associate Teacher Permit.", page.QuerySelector("#permit-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            "Next: Teacher Permit. Missing: 12 units in ECE/CD; 16 units in general education; a course in General education: English / language arts, General education: math or science, General education: social sciences, General education: humanities or fine arts.",
            page.QuerySelector("#next-permit")?.TextContent);
        var assistant = page.QuerySelector("#rule-ca-cdp-assistant")!;
        Assert.Equal("Met", assistant.QuerySelector(".result")?.TextContent);
        Assert.NotNull(assistant.QuerySelector(".self-reported"));
        Assert.Contains("Child Growth and Development (3 units) · self-reported", assistant.TextContent, StringComparison.Ordinal);
        Assert.Equal("Met", page.QuerySelector("#rule-ca-t22-teacher .result")?.TextContent);
        Assert.Contains("1 of 5 points", page.QuerySelector("#qcc-lead-teacher")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Child Development Permits, version 2025.1", page.QuerySelector("#rule-sets")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Spanish_the_results_and_their_working_are_in_Spanish()
    {
        var client = await RosaAsync();

        var page = await client.GetPageAsync("/my-registry/qualifications?culture=es");

        Assert.Contains("Califica para el Permiso de Maestro Asociado.", page.QuerySelector("#permit-summary")?.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Siguiente: Permiso de Maestro. Falta: 12 unidades de ECE/CD; 16 unidades de educación general;", page.QuerySelector("#next-permit")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_earlier_day_is_worked_out_with_that_day_s_facts_and_rules()
    {
        var client = await RosaAsync();
        var beforeTheJob = Today.AddYears(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var page = await client.GetPageAsync($"/my-registry/qualifications?asOf={beforeTheJob}");

        Assert.NotNull(page.QuerySelector("#as-of-note"));
        Assert.Contains("You qualify for the Assistant Permit.", page.QuerySelector("#permit-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("No rules were in force", (await client.GetPageAsync("/my-registry/qualifications?asOf=2019-06-30")).QuerySelector("#no-rules")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday", "Enter a date like")]
    [InlineData("2026-02-30", "Enter a date like")]
    [InlineData("2999-01-01", "Choose today or an earlier date.")]
    public async Task A_bad_date_is_answered_beside_the_field(string asOf, string message)
    {
        var (client, _) = await _app.SignedInProfessionalAsync();

        var page = await client.GetPageAsync($"/my-registry/qualifications?asOf={asOf}");

        Assert.Contains(message, page.QuerySelector("#asOf-error")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#permit-summary"));

        using var json = await client.GetAsync(new Uri($"/api/my/qualifications?asOf={asOf}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains(message, await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_JSON_endpoint_gives_the_same_results_to_the_signed_in_person_only()
    {
        var client = await RosaAsync();

        using var response = await client.GetAsync(new Uri("/api/my/qualifications", UriKind.Relative));
        using var anonymous = await _app.CreateBrowserLikeClient().GetAsync(new Uri("/api/my/qualifications", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), root.GetProperty("asOf").GetString());
        Assert.Contains(root.GetProperty("ruleSets").EnumerateArray(), s => s.GetProperty("id").GetString() == "ca-child-development-permits" && s.GetProperty("version").GetString() == "2025.1");
        var associate = root.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "ca-cdp-associate-teacher");
        Assert.True(associate.GetProperty("met").GetBoolean());
        Assert.True(associate.GetProperty("restsOnSelfReported").GetBoolean());
        Assert.Equal("units-and-experience", associate.GetProperty("metBy").GetString());
        var teacher = root.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "ca-cdp-teacher");
        Assert.Contains("12 units in ECE/CD", teacher.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task What_did_not_count_is_named_with_why_on_the_page_and_in_the_JSON_and_where_a_CDA_was_earned_decides_its_route()
    {
        // Two core courses and a third one at C-, then a CDA credential earned in Texas.
        var (client, _) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);
        foreach (var (title, category, grade) in new[] { ("Child Growth and Development", "ChildGrowthAndDevelopment", "A"), ("Introduction to Curriculum", "ProgramAndCurriculum", "B"), ("Child, Family and Community", "ChildFamilyAndCommunity", "C-") })
        {
            SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
            {
                ["Institution"] = "City College of San Francisco", ["Title"] = title, ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = grade, ["Category"] = category,
            }));
        }

        var cda = new Dictionary<string, string>
        {
            ["Type"] = "ChildDevelopmentAssociateCredential", ["Description"] = "", ["Number"] = "CDA-1", ["IssuingBody"] = "Council for Professional Recognition", ["EarnedIn"] = "US-TX",
            ["IssuedDay"] = "1", ["IssuedMonth"] = "3", ["IssuedYear"] = Today.AddYears(-1).Year.ToString(CultureInfo.InvariantCulture),
            ["ExpiresDay"] = "", ["ExpiresMonth"] = "", ["ExpiresYear"] = "",
        };
        SignUpDriver.Expect("/my-registry/permits", await driver.SubmitAsync("/my-registry/permits/add", "/my-registry/permits/add", cda));

        var page = await client.GetPageAsync("/my-registry/qualifications");
        var associate = page.QuerySelector("#rule-ca-cdp-associate-teacher")!;
        Assert.Equal("Not met", associate.QuerySelector(".result")?.TextContent);
        var notCounted = associate.QuerySelectorAll(".not-counted li").Select(li => li.TextContent).ToList();
        Assert.Contains("Child, Family and Community (3 units) · self-reported: grade C-: only C or better counts", notCounted);
        Assert.Contains(notCounted, t => t.Contains("earned in Texas, and this route asks for one earned in California", StringComparison.Ordinal));

        using (var response = await client.GetAsync(new Uri("/api/my/qualifications", UriKind.Relative)))
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var rule = json.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "ca-cdp-associate-teacher");
            var reasons = rule.GetProperty("routes").EnumerateArray().SelectMany(r => r.GetProperty("requirements").EnumerateArray())
                .SelectMany(q => q.GetProperty("notCounted").EnumerateArray()).Select(m => m.GetProperty("reason").GetString()).ToList();
            Assert.Contains("GradeBelowC", reasons);
            Assert.Contains("EarnedElsewhere", reasons);
        }

        var spanish = await client.GetPageAsync("/my-registry/qualifications?culture=es");
        Assert.Contains(spanish.QuerySelectorAll("#rule-ca-cdp-associate-teacher .not-counted li"), li => li.TextContent.Contains("solo cuenta C o mejor", StringComparison.Ordinal));

        // Recorded as earned in California, the CDA meets the permit's route.
        var edit = (await client.GetPageAsync("/my-registry/permits")).QuerySelector(".permit a")!.GetAttribute("href")!;
        cda["EarnedIn"] = "US-CA";
        SignUpDriver.Expect("/my-registry/permits", await driver.SubmitAsync(edit, edit, cda));
        var after = await client.GetPageAsync("/my-registry/qualifications");
        Assert.Equal("Met", after.QuerySelector("#rule-ca-cdp-associate-teacher .result")?.TextContent);
    }
}

/// <summary>A malformed rule file stops the app from starting, naming the file and line.</summary>
public sealed class RuleFileStartUpTests
{
    [Fact]
    public void A_malformed_rule_file_stops_start_up_with_its_file_and_line()
    {
        var folder = Directory.CreateTempSubdirectory("registry-rules-").FullName;
        File.WriteAllText(Path.Combine(folder, "broken.json"), "{\n  \"id\": \"x\",\n  \"version\": 1.0.0\n}\n");
        using var app = new BrokenRulesApp(folder);

        var error = Assert.Throws<RuleFileException>(() => app.CreateClient());

        Assert.Equal(("broken.json", 3L), (error.File, error.Line));
        Directory.Delete(folder, recursive: true);
    }

    private sealed class BrokenRulesApp(string folder) : RegistryAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Rules:Folder"] = folder };
    }
}
