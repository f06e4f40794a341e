using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Education;

/// <summary>My Registry's courses: add, edit and remove through the forms, with the unit totals a person sees.</summary>
public sealed class CoursesTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public CoursesTests(RegistryAppFactory app) => _app = app;

    private static Dictionary<string, string> Course(string title, string units, string category, string grade = "B", string unitType = "Semester") => new()
    {
        ["Institution"] = "City College of San Francisco",
        ["Title"] = title,
        ["CourseNumber"] = "",
        ["Units"] = units,
        ["UnitType"] = unitType,
        ["Grade"] = grade,
        ["Term"] = "Fall 2024",
        ["Category"] = category,
    };

    [Fact]
    public async Task Courses_added_through_the_form_add_up_in_semester_units_counting_C_or_better()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);

        foreach (var course in new[]
        {
            Course("Child Growth and Development", "3", "ChildGrowthAndDevelopment"),
            Course("Child, Family and Community", "4.5", "ChildFamilyAndCommunity", unitType: "Quarter"),
            Course("Curriculum", "3", "ProgramAndCurriculum", grade: "D"),
            Course("English 1A", "3", "EnglishLanguageArts", grade: "A"),
        })
        {
            SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", course));
        }

        var page = await client.GetPageAsync("/my-registry/education");
        Assert.Equal("6", page.QuerySelector("#total-ece")?.TextContent);
        Assert.Equal("6", page.QuerySelector("#total-core")?.TextContent);
        Assert.Equal("3", page.QuerySelector("#total-ge")?.TextContent);
        var curriculum = page.QuerySelectorAll(".course").Single(c => c.TextContent.Contains("Curriculum", StringComparison.Ordinal));
        Assert.Equal("Not counted: the grade is below C.", curriculum.QuerySelector(".not-counted")?.TextContent);
        Assert.All(page.QuerySelectorAll(".course .status"), s => Assert.Equal("Self-reported", s.TextContent));
    }

    [Fact]
    public async Task A_course_is_edited_and_removed_and_the_totals_follow()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);
        await driver.SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", Course("Curriculum", "3", "ProgramAndCurriculum", grade: "IP"));
        var courseId = await CourseIdAsync(professionalId);

        var edit = $"/my-registry/education/courses/{courseId}/edit";
        Assert.Equal("IP", (await client.GetPageAsync(edit)).QuerySelector<IHtmlSelectElement>("#Grade")?.Value);
        SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync(edit, edit, Course("Curriculum", "3", "ProgramAndCurriculum", grade: "A")));
        Assert.Equal("3", (await client.GetPageAsync("/my-registry/education")).QuerySelector("#total-core")?.TextContent);

        var page = await client.GetPageAsync("/my-registry/education");
        var remove = page.Forms.Single(f => f.Action.EndsWith($"/courses/{courseId}/remove", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(remove)).StatusCode);
        var after = await client.GetPageAsync("/my-registry/education");
        Assert.Equal("0", after.QuerySelector("#total-ece")?.TextContent);
        Assert.Empty(after.QuerySelectorAll(".course"));
    }

    [Fact]
    public async Task Another_person_s_course_cannot_be_seen_edited_or_removed()
    {
        var (owner, ownerId) = await _app.SignedInProfessionalAsync();
        await new SignUpDriver(owner).SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", Course("Private course", "3", "OtherEce"));
        var courseId = await CourseIdAsync(ownerId);
        var (stranger, _) = await _app.SignedInProfessionalAsync();

        await stranger.GetPageAsync($"/my-registry/education/courses/{courseId}/edit", HttpStatusCode.NotFound);
        var page = await stranger.GetPageAsync("/my-registry/education/courses/add");
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        using var removed = await stranger.PostAsync(new Uri($"/my-registry/education/courses/{courseId}/remove", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        Assert.DoesNotContain("Private course", (await stranger.GetPageAsync("/my-registry/education")).Body?.TextContent, StringComparison.Ordinal);
        Assert.Equal(courseId, await CourseIdAsync(ownerId));
    }

    [Theory]
    [InlineData("Institution", "", "Institution", "Enter the college or university.")]
    [InlineData("Title", "", "Title", "Enter the course title.")]
    [InlineData("Title", "201", "Title", "Use at most 200 characters.")]
    [InlineData("Units", "", "Units", "Enter the course's units.")]
    [InlineData("Units", "0", "Units", "Enter units as a number from 0.5 to 20, like 3 or 4.5.")]
    [InlineData("Units", "three", "Units", "Enter units as a number from 0.5 to 20, like 3 or 4.5.")]
    [InlineData("Units", "300", "Units", "Enter units as a number from 0.5 to 20, like 3 or 4.5.")]
    [InlineData("UnitType", "Yearly", "UnitType", "Choose semester or quarter units.")]
    [InlineData("Grade", "Z", "Grade", "Choose a grade from the list.")]
    [InlineData("Category", "", "Category", "Choose what the course counts toward.")]
    [InlineData("Term", "31", "Term", "Use at most 30 characters.")]
    public async Task Bad_input_is_answered_beside_the_field_and_nothing_is_saved(string field, string value, string errorField, string message)
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var values = Course("Child Growth", "3", "ChildGrowthAndDevelopment");
        values[field] = value is "201" or "31" ? new string('x', int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : value;

        var response = await new SignUpDriver(client).SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector($"#{errorField}-error")?.TextContent, StringComparison.Ordinal);
        Assert.Null(await CourseIdOrNullAsync(professionalId));
    }

    [Fact]
    public async Task Education_needs_a_signed_in_person()
    {
        using var response = await _app.CreateBrowserLikeClient().GetAsync(new Uri("/my-registry/education", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private async Task<int> CourseIdAsync(int professionalId) =>
        await CourseIdOrNullAsync(professionalId) ?? throw new InvalidOperationException("no course");

    private async Task<int?> CourseIdOrNullAsync(int professionalId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Courses.Where(c => c.ProfessionalId == professionalId).Select(c => (int?)c.Id).SingleOrDefaultAsync();
    }
}

public sealed class CompletenessTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public CompletenessTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task My_Registry_shows_a_score_and_what_is_missing_and_the_list_shrinks_as_the_record_grows()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();

        var before = await client.GetPageAsync("/my-registry");
        Assert.Equal("Your profile is 0% complete", before.QuerySelector("#completeness-heading")?.TextContent);
        Assert.Contains("Add your college courses or degree", before.QuerySelector("#completeness-missing")?.TextContent, StringComparison.Ordinal);

        await new SignUpDriver(client).SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
        {
            ["Institution"] = "City College", ["Title"] = "Child Growth", ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = "A", ["Category"] = "ChildGrowthAndDevelopment",
        });
        await new SignUpDriver(client).SubmitAsync("/my-registry/personal", "/my-registry/personal", new Dictionary<string, string>
        {
            ["FirstName"] = "Rosa", ["LastName"] = "Ortiz", ["BirthDay"] = "5", ["BirthMonth"] = "5", ["BirthYear"] = "1988",
            ["County"] = "Fresno", ["PreferredLanguage"] = "en", ["HighestEducationLevel"] = "SomeCollege",
        });

        var after = await client.GetPageAsync("/my-registry");
        Assert.Equal("Your profile is 43% complete", after.QuerySelector("#completeness-heading")?.TextContent);
        Assert.DoesNotContain("Add your college courses or degree", after.QuerySelector("#completeness-missing")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Add the county you live in", after.QuerySelector("#completeness-missing")?.TextContent, StringComparison.Ordinal);
    }
}

public sealed class DegreesTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public DegreesTests(RegistryAppFactory app) => _app = app;

    private static Dictionary<string, string> Degree(string level = "Associate", string major = "Child Development", string year = "2019") => new()
    {
        ["Level"] = level, ["Major"] = major, ["Institution"] = "City College of San Francisco",
        ["ConferredDay"] = year.Length == 0 ? "" : "24", ["ConferredMonth"] = year.Length == 0 ? "" : "5", ["ConferredYear"] = year,
    };

    [Fact]
    public async Task A_degree_is_added_edited_and_removed()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);

        SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync("/my-registry/education/degrees/add", "/my-registry/education/degrees/add", Degree()));
        var page = await client.GetPageAsync("/my-registry/education");
        Assert.Contains("Associate degree (AA/AS): Child Development", page.QuerySelector(".degree")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("5/24/2019", page.QuerySelector(".degree")?.TextContent, StringComparison.Ordinal);

        var edit = page.QuerySelector(".degree a")!.GetAttribute("href")!;
        SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync(edit, edit, Degree("Bachelor", "Early Childhood Education", "")));
        page = await client.GetPageAsync("/my-registry/education");
        Assert.Contains("Bachelor's degree (BA/BS): Early Childhood Education", page.QuerySelector(".degree")?.TextContent, StringComparison.Ordinal);

        var remove = page.Forms.Single(f => f.Action.Contains("/degrees/", StringComparison.Ordinal) && f.Action.EndsWith("/remove", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(remove)).StatusCode);
        Assert.Empty((await client.GetPageAsync("/my-registry/education")).QuerySelectorAll(".degree"));
    }

    [Theory]
    [InlineData("Level", "", "Level", "Choose the kind of degree.")]
    [InlineData("Major", "", "Major", "Enter the degree's major or field.")]
    [InlineData("Institution", "", "Institution", "Enter the college or university.")]
    [InlineData("ConferredYear", "2099", "Conferred", "The degree's date cannot be in the future.")]
    [InlineData("EarnedIn", "XX-ZZ", "EarnedIn", "Choose a state or a country from the list.")]
    [InlineData("ConferredMonth", "14", "Conferred", "Enter a real date the degree was conferred, or leave it empty.")]
    public async Task Bad_input_is_answered_beside_the_field(string field, string value, string errorField, string message)
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var values = Degree();
        values[field] = value;

        var response = await new SignUpDriver(client).SubmitAsync("/my-registry/education/degrees/add", "/my-registry/education/degrees/add", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector($"#{errorField}-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_person_s_degree_is_not_found()
    {
        var (owner, _) = await _app.SignedInProfessionalAsync();
        await new SignUpDriver(owner).SubmitAsync("/my-registry/education/degrees/add", "/my-registry/education/degrees/add", Degree());
        var edit = (await owner.GetPageAsync("/my-registry/education")).QuerySelector(".degree a")!.GetAttribute("href")!;
        var (stranger, _) = await _app.SignedInProfessionalAsync();

        await stranger.GetPageAsync(edit, HttpStatusCode.NotFound);
    }
}
