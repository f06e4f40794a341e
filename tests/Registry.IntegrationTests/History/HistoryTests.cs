using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Documents;
using Registry.Web.Domain.History;
using Registry.Web.Domain.Verifications;
using Registry.Web.Features.Documents;

namespace Registry.IntegrationTests.History;

/// <summary>"Recent changes": every change to a record, with who, when, and the old and new value.</summary>
public sealed class HistoryTests : IClassFixture<RegistryAppFactory>
{
    private const string AddCourse = "/my-registry/education/courses/add";

    private readonly RegistryAppFactory _app;

    public HistoryTests(RegistryAppFactory app) => _app = app;

    private static Dictionary<string, string> Course(string units, string grade = "B") => new()
    {
        ["Institution"] = "City College of San Francisco",
        ["CourseNumber"] = "CDEV 53",
        ["Title"] = "Child Growth and Development",
        ["Units"] = units,
        ["UnitType"] = "Semester",
        ["Grade"] = grade,
        ["Term"] = "Fall 2024",
        ["Category"] = "ChildGrowthAndDevelopment",
    };

    [Fact]
    public async Task A_new_record_has_no_changes_listed_only_its_creation()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();

        Assert.Contains("No changes since your record was created.", (await client.GetPageAsync("/my-registry")).QuerySelector("#recent-changes-heading")?.ParentElement?.TextContent, StringComparison.Ordinal);
        var history = await client.GetPageAsync("/my-registry/history");
        Assert.NotNull(history.QuerySelector("#no-changes"));
        Assert.Contains("Your record was created on", history.Body?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_course_added_changed_and_removed_is_listed_newest_first_with_old_and_new_values()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);
        SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync(AddCourse, AddCourse, Course("3", grade: "IP")));
        var courseId = await SingleCourseIdAsync(professionalId);
        var edit = $"/my-registry/education/courses/{courseId}/edit";
        SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync(edit, edit, Course("4.5", grade: "A")));
        var remove = (await client.GetPageAsync("/my-registry/education")).Forms.Single(f => f.Action.EndsWith($"/courses/{courseId}/remove", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(remove)).StatusCode);

        var changes = Changes(await client.GetPageAsync("/my-registry/history"));

        Assert.Equal(
            [
                "Course: CDEV 53 Child Growth and Development — removed",
                "Course: CDEV 53 Child Growth and Development Units: 3 → 4.5",
                "Course: CDEV 53 Child Growth and Development Grade: IP → A",
                "Course: CDEV 53 Child Growth and Development — added",
            ],
            changes.Select(c => c.What));
        Assert.All(changes, c => Assert.EndsWith("· You", c.When, StringComparison.Ordinal));

        // My Registry shows the newest few, linking to the rest.
        var home = await client.GetPageAsync("/my-registry");
        Assert.Equal(4, home.QuerySelectorAll(".change").Length);
        Assert.Equal("/my-registry/history", home.QuerySelector<AngleSharp.Html.Dom.IHtmlAnchorElement>("#all-changes")?.PathName);
    }

    [Fact]
    public async Task Personal_information_changes_keep_the_value_before()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var response = await new SignUpDriver(client).SubmitAsync("/my-registry/personal", "/my-registry/personal", new Dictionary<string, string>
        {
            ["FirstName"] = "Rosa María", ["Phone"] = "(415) 555-0100", ["AddressLine1"] = "1 Valencia St", ["City"] = "San Francisco", ["State"] = "CA", ["Zip"] = "94110",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var changes = Changes(await client.GetPageAsync("/my-registry/history")).Select(c => c.What).ToList();

        Assert.Contains("Personal information First name: Rosa → Rosa María", changes);
        Assert.Contains("Personal information Mailing address: — → 1 Valencia St", changes);
        Assert.Contains("Personal information ZIP code: — → 94110", changes);
        Assert.Contains(changes, c => c.StartsWith("Personal information Phone number: — → ", StringComparison.Ordinal));
        await using var scope = _app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().RecordChanges
            .SingleAsync(c => c.ProfessionalId == professionalId && c.Field == "Professional.FirstName");
        Assert.Equal(("Rosa", "Rosa María", RecordChangeKind.Changed), (stored.OldValue, stored.NewValue, stored.Kind));
        Assert.NotNull(stored.ByUserId);
    }

    [Fact]
    public async Task A_review_decision_shows_as_a_status_change_with_the_reason_in_the_person_s_language()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        SignUpDriver.Expect("/my-registry/education", await new SignUpDriver(client).SubmitAsync(AddCourse, AddCourse, Course("3")));
        var courseId = await SingleCourseIdAsync(professionalId);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Review>().DecideAsync(
                ProvableEntry.Course, courseId, Verification.NotAccepted("The transcript is unreadable.", "staff-1", DateTimeOffset.UtcNow), CancellationToken.None);
        }

        var changes = Changes(await client.GetPageAsync("/my-registry/history"));
        Assert.Contains(changes, c => c.What == "Course: CDEV 53 Child Growth and Development Status: Self-reported → Not accepted" && c.When.EndsWith("· The registry", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.What == "Course: CDEV 53 Child Growth and Development Reason: — → The transcript is unreadable.");

        var language = (await client.GetPageAsync("/")).Forms.Single(f => f.Action.EndsWith("/language", StringComparison.Ordinal));
        await client.PostFormAsync(language, values: new Dictionary<string, string> { ["culture"] = "es", ["returnUrl"] = "/" });
        var spanish = Changes(await client.GetPageAsync("/my-registry/history")).Select(c => c.What).ToList();
        Assert.Contains("Curso: CDEV 53 Child Growth and Development Estado: Declarado por usted → No aceptado", spanish);
    }

    [Fact]
    public async Task A_long_history_is_paged_newest_first()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);
        SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync(AddCourse, AddCourse, Course("1")));
        var edit = $"/my-registry/education/courses/{await SingleCourseIdAsync(professionalId)}/edit";
        for (var units = 2; units <= 30; units++)
        {
            SignUpDriver.Expect("/my-registry/education", await driver.SubmitAsync(edit, edit, Course((units % 20 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        var first = await client.GetPageAsync("/my-registry/history");
        Assert.Equal(25, first.QuerySelectorAll(".change").Length);
        Assert.Equal("/my-registry/history?page=2", first.QuerySelector<AngleSharp.Html.Dom.IHtmlAnchorElement>("#older-changes")?.PathName + first.QuerySelector<AngleSharp.Html.Dom.IHtmlAnchorElement>("#older-changes")?.Search);
        var second = await client.GetPageAsync("/my-registry/history?page=2");
        Assert.Equal(5, second.QuerySelectorAll(".change").Length);
        Assert.Null(second.QuerySelector("#older-changes"));
        Assert.EndsWith("— added", Changes(second)[^1].What, StringComparison.Ordinal);
    }

    private async Task<int> SingleCourseIdAsync(int professionalId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Courses.Where(c => c.ProfessionalId == professionalId).Select(c => c.Id).SingleAsync();
    }

    private static List<(string When, string What)> Changes(IParentNode page) =>
        page.QuerySelectorAll(".change")
            .Select(c => (Squash(c.Children[0].TextContent), Squash(c.Children[1].TextContent.Replace("changed to", "", StringComparison.Ordinal).Replace("cambió a", "", StringComparison.Ordinal))))
            .ToList();

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
