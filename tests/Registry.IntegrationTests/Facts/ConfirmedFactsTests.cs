using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Facts;
using Registry.Web.Domain.Verifications;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Facts;

/// <summary>
/// Issue 19, item 4: what an employer confirmed or registry staff verified cannot be quietly
/// rewritten by the person, and a verified record's name changes only with staff's approval.
/// </summary>
public sealed class ConfirmedFactsTests : IClassFixture<RegistryAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private readonly RegistryAppFactory _app;

    public ConfirmedFactsTests(RegistryAppFactory app) => _app = app;

    private static Dictionary<string, string> Job(string? end = null, bool supervises = false, string wage = "") => new()
    {
        ["Role"] = "Teacher", ["RoleDescription"] = "",
        ["StartYear"] = "2022", ["StartMonth"] = "8", ["StartDay"] = "15",
        ["EndYear"] = end?.Split('-')[0] ?? "", ["EndMonth"] = end?.Split('-')[1] ?? "", ["EndDay"] = end?.Split('-')[2] ?? "",
        ["DaysPerWeek"] = "5", ["HoursPerDay"] = "7.5", ["HourlyWage"] = wage, ["SupervisesAdults"] = supervises ? "true" : "false",
    };

    /// <summary>A person with a job at a site, confirmed by that site's director through the staff page; the person's client, the director's, and the ids.</summary>
    private async Task<(HttpClient Person, HttpClient Director, int ProfessionalId, int JobId, int Site)> ConfirmedJobAsync(int skip)
    {
        int site;
        string license;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var employer = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Employers.OrderBy(e => e.Id).Skip(200 + skip).FirstAsync();
            (site, license) = (employer.Id, employer.LicenseNumber);
        }

        var (person, professionalId) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(person);
        var select = (await person.GetPageAsync($"/my-registry/employment/add?q={license}")).QuerySelector("a.select-employer")!.GetAttribute("href")!;
        SignUpDriver.Expect("/my-registry/employment", await driver.SubmitAsync(select, "/my-registry/employment/add", Job(), ["Preschool"]));

        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        var page = await director.GetPageAsync($"/sites/{site}/staff");
        var row = page.QuerySelectorAll(".staff-row").Single(r => r.TextContent.Contains("Rosa Ortiz", StringComparison.Ordinal));
        var index = row.QuerySelector("select")!.GetAttribute("name")!;
        var form = page.Forms.Single(f => f.Action.EndsWith($"/sites/{site}/staff", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostFormAsync(form, values: new Dictionary<string, string> { [index] = "Confirm" })).StatusCode);

        await using var check = _app.Services.CreateAsyncScope();
        var job = await check.ServiceProvider.GetRequiredService<RegistryDbContext>().Employments.AsNoTracking().SingleAsync(e => e.ProfessionalId == professionalId);
        Assert.NotNull(job.ConfirmedAt);
        return (person, director, professionalId, job.Id, site);
    }

    private async Task<bool> CountsAsConfirmedExperienceAsync(int professionalId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var evidence = await scope.ServiceProvider.GetRequiredService<RuleResults.Handler>().LoadAsync([professionalId], CancellationToken.None);
        return evidence[professionalId].Jobs.Single().Verified;
    }

    [Fact]
    public async Task Changing_supervising_adults_age_groups_or_wage_on_a_confirmed_job_makes_it_unconfirmed_and_the_director_sees_what_changed()
    {
        var (person, director, professionalId, jobId, site) = await ConfirmedJobAsync(1);
        Assert.True(await CountsAsConfirmedExperienceAsync(professionalId));

        var edit = $"/my-registry/employment/{jobId}/edit";
        var response = await new SignUpDriver(person).SubmitAsync(edit, edit, Job(supervises: true, wage: "25.50"), ["Infants"]);
        SignUpDriver.Expect("/my-registry/employment", response);

        // The person is told, and the job is theirs alone again.
        var mine = await person.GetPageAsync("/my-registry/employment");
        Assert.Contains("not yet confirmed by the employer", mine.QuerySelector(".job .confirmation")?.TextContent, StringComparison.Ordinal);
        Assert.False(await CountsAsConfirmedExperienceAsync(professionalId));

        // The director sees it back among the unconfirmed, with what the confirmation covered and what it says now.
        var page = await director.GetPageAsync($"/sites/{site}/staff");
        var row = page.QuerySelectorAll(".staff-row").Single(r => r.TextContent.Contains("Rosa Ortiz", StringComparison.Ordinal));
        Assert.Equal("not yet confirmed", row.QuerySelector(".confirmation")?.TextContent);
        var changed = row.QuerySelector(".changed-since")!;
        Assert.StartsWith("Changed since you confirmed it on ", changed.QuerySelector(".fw-semibold")!.TextContent, StringComparison.Ordinal);
        var lines = changed.QuerySelectorAll(".fact-change").Select(l => string.Join(' ', l.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("Supervises other adults: No → Yes", lines);
        Assert.Contains("Age groups: Preschool (3 to 5 years) → Infants (0 to 18 months), Preschool (3 to 5 years)", lines);
        Assert.Contains("Hourly wage: — → 25.5", lines);
        Assert.Equal(3, lines.Count);

        // Recorded for good: what, old, new, when, and who had confirmed it.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var changes = await db.FactChanges.AsNoTracking().Where(c => c.Kind == FactKind.Job && c.FactId == jobId).ToListAsync();
            Assert.Equal(["Employment.AgeGroupsServed", "Employment.HourlyWage", "Employment.SupervisesAdults"], changes.Select(c => c.Field).Order(StringComparer.Ordinal));
            Assert.All(changes, c => Assert.NotNull(c.ConfirmedByUserId));
            Assert.All(changes, c => Assert.Equal(site, c.EmployerId));
        }

        // Confirming again clears the notice.
        var form = page.Forms.Single(f => f.Action.EndsWith($"/sites/{site}/staff", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostFormAsync(form, values: new Dictionary<string, string> { [row.QuerySelector("select")!.GetAttribute("name")!] = "Confirm" })).StatusCode);
        var after = await director.GetPageAsync($"/sites/{site}/staff");
        Assert.Empty(after.QuerySelectorAll(".changed-since"));
        Assert.True(await CountsAsConfirmedExperienceAsync(professionalId));
    }

    [Fact]
    public async Task Ending_a_confirmed_job_keeps_the_confirmation_but_changing_the_end_date_after_does_not()
    {
        var (person, _, professionalId, jobId, _) = await ConfirmedJobAsync(2);
        var edit = $"/my-registry/employment/{jobId}/edit";
        var driver = new SignUpDriver(person);
        Assert.Contains("Ending it keeps their confirmation", (await person.GetPageAsync(edit)).QuerySelector("#confirmed-job")?.TextContent, StringComparison.Ordinal);

        SignUpDriver.Expect("/my-registry/employment", await driver.SubmitAsync(edit, edit, Job(end: "2025-06-30"), []));
        Assert.Contains("confirmed by the employer", (await person.GetPageAsync("/my-registry/employment")).QuerySelector(".job .confirmation")?.TextContent, StringComparison.Ordinal);
        Assert.True(await CountsAsConfirmedExperienceAsync(professionalId));

        SignUpDriver.Expect("/my-registry/employment", await driver.SubmitAsync(edit, edit, Job(end: "2026-06-30"), []));
        Assert.Contains("not yet confirmed by the employer", (await person.GetPageAsync("/my-registry/employment")).QuerySelector(".job .confirmation")?.TextContent, StringComparison.Ordinal);
        Assert.False(await CountsAsConfirmedExperienceAsync(professionalId));
        Assert.Null((await person.GetPageAsync(edit)).QuerySelector("#confirmed-job"));
    }

    [Fact]
    public async Task Changing_a_verified_course_s_units_and_grade_makes_it_self_reported_and_staff_see_it_on_changed_facts()
    {
        var (staff, staffUserId) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var (person, professionalId) = await _app.SignedInProfessionalAsync();
        int courseId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var course = new Course("City College of San Francisco", "CDEV 53", "Child Growth and Development", 3, UnitType.Semester, "B", "Fall 2024", CourseCategory.ChildGrowthAndDevelopment);
            course.RecordVerification(Verification.Verified(staffUserId, DateTimeOffset.UtcNow.AddDays(-3)));
            (await db.Professionals.SingleAsync(p => p.Id == professionalId)).AddCourse(course);
            await db.SaveChangesAsync();
            courseId = course.Id;
        }

        var edit = $"/my-registry/education/courses/{courseId}/edit";
        var response = await new SignUpDriver(person).SubmitAsync(edit, edit, new Dictionary<string, string> { ["Units"] = "4", ["Grade"] = "A" });
        SignUpDriver.Expect("/my-registry/education", response);

        var education = await person.GetPageAsync("/my-registry/education");
        Assert.Equal("Self-reported", education.QuerySelector(".course .status")?.TextContent);

        var list = await staff.GetPageAsync("/staff/changed-facts");
        Assert.Contains(list.QuerySelectorAll("nav a"), a => a.TextContent == "Changed facts");
        var rows = list.QuerySelectorAll(".changed-fact").Where(r => r.TextContent.Contains("Rosa Ortiz", StringComparison.Ordinal)).ToList();
        var lines = rows.Select(r => string.Join(' ', r.QuerySelector(".fact-change")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("Course · Units: 3 → 4", lines);
        Assert.Contains("Course · Grade: B → A", lines);
        Assert.All(rows, r => Assert.Contains("you verified it on", r.TextContent, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal("Self-reported", r.QuerySelector(".status-now")?.TextContent));

        // "Only what I verified" keeps it; another member of staff's list shows who verified it.
        Assert.Equal(2, (await staff.GetPageAsync("/staff/changed-facts?mine=true")).QuerySelectorAll(".changed-fact").Count(r => r.TextContent.Contains("Rosa Ortiz", StringComparison.Ordinal)));
        var (other, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var theirs = (await other.GetPageAsync("/staff/changed-facts")).QuerySelectorAll(".changed-fact").First(r => r.TextContent.Contains("Rosa Ortiz", StringComparison.Ordinal));
        Assert.Contains("verified by registrystaff.", theirs.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain((await other.GetPageAsync("/staff/changed-facts?mine=true")).QuerySelectorAll(".changed-fact"), r => r.TextContent.Contains("Rosa Ortiz", StringComparison.Ordinal));

        await using var check = _app.Services.CreateAsyncScope();
        var changes = await check.ServiceProvider.GetRequiredService<RegistryDbContext>().FactChanges.AsNoTracking().Where(c => c.Kind == FactKind.Course && c.FactId == courseId).ToListAsync();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal(staffUserId, c.VerifiedByUserId));
    }

    [Fact]
    public async Task A_self_reported_course_changes_freely_and_is_not_listed_for_staff()
    {
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var (person, professionalId) = await _app.SignedInProfessionalAsync();
        int courseId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var course = new Course("City College of San Francisco", null, "Curriculum", 3, UnitType.Semester, "B", null, CourseCategory.ProgramAndCurriculum);
            (await db.Professionals.SingleAsync(p => p.Id == professionalId)).AddCourse(course);
            await db.SaveChangesAsync();
            courseId = course.Id;
        }

        var edit = $"/my-registry/education/courses/{courseId}/edit";
        SignUpDriver.Expect("/my-registry/education", await new SignUpDriver(person).SubmitAsync(edit, edit, new Dictionary<string, string> { ["Units"] = "4" }));

        await using var check = _app.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<RegistryDbContext>().FactChanges.AnyAsync(c => c.Kind == FactKind.Course && c.FactId == courseId));
    }

    /// <summary>A person whose permit staff verified, with the public verification page allowed.</summary>
    private async Task<(HttpClient Client, int ProfessionalId, string RegistryId)> VerifiedPersonAsync(HttpClient? client = null, int? professionalId = null)
    {
        if (client is null || professionalId is null)
        {
            (client, professionalId) = await _app.SignedInProfessionalAsync();
        }

        string registryId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
            registryId = professional.RegistryId;
            var permit = new Credential(CredentialType.ChildDevelopmentTeacherPermit, "240012345", "CTC", new DateOnly(2024, 7, 1), new DateOnly(2099, 7, 1));
            permit.RecordVerification(Verification.Verified("staff-1", DateTimeOffset.UtcNow));
            professional.AddCredential(permit);
            await db.SaveChangesAsync();
        }

        var card = await client.GetPageAsync("/my-registry/card");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(card.Forms.Single(f => f.Action.EndsWith("/my-registry/card/public", StringComparison.Ordinal)))).StatusCode);
        return (client, professionalId.Value, registryId);
    }

    /// <summary>Posts the personal form as a browser does (multipart), with a new last name and, if given, a proof file.</summary>
    private static async Task<HttpResponseMessage> ChangeNameAsync(HttpClient client, string lastName, byte[]? proof, string fileName = "marriage-certificate.pdf")
    {
        var page = await client.GetPageAsync("/my-registry/personal");
        var form = page.Forms.Single(f => f.Action.EndsWith("/my-registry/personal", StringComparison.Ordinal));
        Assert.Equal("multipart/form-data", form.Enctype);
        using var content = new MultipartFormDataContent();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type is not ("file" or "submit" or "checkbox" or "radio") || i.IsChecked))
        {
            content.Add(new StringContent(input.Name == "LastName" ? lastName : input.Value), input.Name!);
        }

        foreach (var select in form.Elements.OfType<IHtmlSelectElement>())
        {
            content.Add(new StringContent(select.Value ?? string.Empty), select.Name!);
        }

        if (proof is not null)
        {
            var file = new ByteArrayContent(proof);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "NameProof", fileName);
        }

        return await client.PostAsync(new Uri("/my-registry/personal", UriKind.Relative), content);
    }

    private async Task<(string Last, int Pending)> NameAsync(int professionalId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return (await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.LastName).SingleAsync(),
            await db.NameChanges.CountAsync(c => c.ProfessionalId == professionalId && c.Status == NameChangeStatus.Pending));
    }

    [Fact]
    public async Task A_new_name_after_a_verified_permit_waits_for_staff_and_the_public_page_and_card_keep_the_verified_name()
    {
        var (client, professionalId, registryId) = await VerifiedPersonAsync();

        var response = await ChangeNameAsync(client, "Forged", Pdf);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(("Ortiz", 1), await NameAsync(professionalId));

        var anonymous = _app.CreateClient();
        Assert.Equal("Rosa Ortiz", (await anonymous.GetPageAsync($"/verify/{registryId}")).QuerySelector("#verified-name")?.TextContent);
        Assert.Equal("Rosa Ortiz", (await client.GetPageAsync("/my-registry/card")).QuerySelector(".membership-card .fs-4")?.TextContent);
        var personal = await client.GetPageAsync("/my-registry/personal");
        Assert.Contains("Your change to Rosa Forged", personal.QuerySelector("#name-change")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Ortiz", personal.QuerySelector<IHtmlInputElement>("#LastName")?.Value);

        // Staff see it with the proof, and approve it.
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var list = await staff.GetPageAsync("/staff/name-changes");
        Assert.Contains(list.QuerySelectorAll("nav a"), a => a.TextContent == "Name changes");
        var entry = list.QuerySelectorAll(".name-change").Single(e => e.TextContent.Contains(registryId[..4], StringComparison.Ordinal) && e.TextContent.Contains("Forged", StringComparison.Ordinal));
        Assert.Equal("Rosa Ortiz → Rosa Forged", entry.QuerySelector(".name-from-to")?.TextContent);
        using (var proof = await staff.GetAsync(new Uri(entry.QuerySelector("a[href$='/proof']")!.GetAttribute("href")!, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, proof.StatusCode);
            Assert.Equal(Pdf, await proof.Content.ReadAsByteArrayAsync());
        }

        var approve = list.Forms.Single(f => f.Action.EndsWith("/approve", StringComparison.Ordinal) && entry.Contains(f));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(approve)).StatusCode);
        Assert.Equal(("Forged", 0), await NameAsync(professionalId));
        Assert.Equal("Rosa Forged", (await anonymous.GetPageAsync($"/verify/{registryId}")).QuerySelector("#verified-name")?.TextContent);
    }

    [Fact]
    public async Task A_refused_name_change_keeps_the_verified_name_and_the_person_reads_why()
    {
        var (client, professionalId, registryId) = await VerifiedPersonAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeNameAsync(client, "Forged", Pdf)).StatusCode);

        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var list = await staff.GetPageAsync("/staff/name-changes");
        var entry = list.QuerySelectorAll(".name-change").Single(e => e.TextContent.Contains(registryId[..4], StringComparison.Ordinal) && e.TextContent.Contains("Forged", StringComparison.Ordinal));
        var refuse = list.Forms.Single(f => f.Action.EndsWith("/refuse", StringComparison.Ordinal) && entry.Contains(f));

        var blank = await staff.PostFormAsync(refuse, values: new Dictionary<string, string> { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.NotNull((await blank.ReadPageAsync()).QuerySelector("[id^=reason-][id$=-error]"));
        Assert.Equal(("Ortiz", 1), await NameAsync(professionalId));

        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(refuse, values: new Dictionary<string, string> { ["reason"] = "The certificate shows another person's name." })).StatusCode);
        Assert.Equal(("Ortiz", 0), await NameAsync(professionalId));
        Assert.Contains("The certificate shows another person's name.", (await client.GetPageAsync("/my-registry/personal")).QuerySelector("#name-change")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_cannot_approve_their_own_name_change()
    {
        // A member of registry staff who is also a professional with a verified permit.
        var (email, userId, professionalId) = await _app.ProfessionalAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(userId))!, Roles.RegistryStaff)).Succeeded);
        }

        var key = await _app.EnableAsync(userId);
        var client = _app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await _app.SignInAsync(client, email, userId: userId, key: key)).StatusCode);
        await VerifiedPersonAsync(client, professionalId);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeNameAsync(client, "Selfapproved", Pdf)).StatusCode);
        int changeId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            changeId = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().NameChanges.Where(c => c.ProfessionalId == professionalId).Select(c => c.Id).SingleAsync();
        }

        // The page offers no decision on one's own; a forged post is refused and changes nothing.
        var list = await client.GetPageAsync("/staff/name-changes");
        var own = list.QuerySelectorAll(".name-change").Single(e => e.TextContent.Contains("Selfapproved", StringComparison.Ordinal));
        Assert.Empty(own.QuerySelectorAll("form"));
        Assert.NotNull(own.QuerySelector(".own"));
        var token = ((IHtmlInputElement)(await client.GetPageAsync("/account")).QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        using var forged = await client.PostAsync(new Uri($"/staff/name-changes/{changeId}/approve", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal("This is your own name change: another member of registry staff must decide it.", (await forged.ReadPageAsync()).QuerySelector($"#decision-{changeId}-error")?.TextContent);
        using var refused = await client.PostAsync(new Uri($"/staff/name-changes/{changeId}/refuse", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("reason", "Changed my mind")]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(("Ortiz", 1), await NameAsync(professionalId));
    }

    [Fact]
    public async Task A_new_name_without_proof_or_with_too_large_a_file_is_answered_beside_the_field_and_nothing_is_saved()
    {
        var (client, professionalId, _) = await VerifiedPersonAsync();

        var none = await ChangeNameAsync(client, "Forged", null);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal("Error: Attach proof of the new name or date of birth: a court order, marriage certificate, or ID.",
            string.Join(' ', (await none.ReadPageAsync()).QuerySelector("#NameProof-error")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(("Ortiz", 0), await NameAsync(professionalId));

        var big = new byte[(10 * 1024 * 1024) + 1];
        Pdf.CopyTo(big, 0);
        var tooLarge = await ChangeNameAsync(client, "Forged", big);
        Assert.Equal(HttpStatusCode.OK, tooLarge.StatusCode);
        Assert.Contains("The file is larger than 10 MB.", (await tooLarge.ReadPageAsync()).QuerySelector("#NameProof-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(("Ortiz", 0), await NameAsync(professionalId));
    }

    [Fact]
    public async Task Before_anything_is_verified_a_new_name_applies_at_once()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        Assert.Null((await client.GetPageAsync("/my-registry/personal")).QuerySelector("#NameProof"));

        Assert.Equal(HttpStatusCode.Redirect, (await ChangeNameAsync(client, "Reyes", null)).StatusCode);

        Assert.Equal(("Reyes", 0), await NameAsync(professionalId));
    }
}
