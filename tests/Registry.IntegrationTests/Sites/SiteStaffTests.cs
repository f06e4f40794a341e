using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employments;

namespace Registry.IntegrationTests.Sites;

/// <summary>A director confirms staff in bulk and reads the roster; nobody sees beyond their sites; every look is logged.</summary>
public sealed class SiteStaffTests : IClassFixture<RegistryAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private readonly RegistryAppFactory _app;

    public SiteStaffTests(RegistryAppFactory app) => _app = app;

    /// <summary>A site of the demo list nobody else's test uses.</summary>
    private async Task<int> FreshSiteAsync(int skip)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Employers.OrderBy(e => e.Id).Skip(100 + skip).Select(e => e.Id).FirstAsync();
    }

    [Fact]
    public async Task A_director_confirms_50_staff_with_one_post()
    {
        var site = await FreshSiteAsync(1);
        var staff = await _app.StaffAtAsync(site, 50);
        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);

        var page = await director.GetPageAsync($"/sites/{site}/staff");
        Assert.Equal(50, page.QuerySelectorAll(".staff-row").Length);
        var form = page.Forms.Single(f => f.Action.EndsWith($"/sites/{site}/staff", StringComparison.Ordinal));
        var response = await director.PostFormAsync(form, page.QuerySelector<IHtmlButtonElement>("#confirm-all"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Saved: 50 changes.", (await director.GetPageAsync($"/sites/{site}/staff")).QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Equal(50, await db.Employments.CountAsync(e => EF.Parameter(staff.ToList()).Contains(e.ProfessionalId) && e.ConfirmedAt != null));
    }

    [Fact]
    public async Task Ending_and_correcting_are_saved_together_or_not_at_all_and_an_ended_job_stays_in_the_person_s_history()
    {
        var site = await FreshSiteAsync(2);
        var staff = await _app.StaffAtAsync(site, 3);
        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        var page = await director.GetPageAsync($"/sites/{site}/staff");
        var form = page.Forms.Single(f => f.Action.EndsWith($"/sites/{site}/staff", StringComparison.Ordinal));
        var today = TestClock.Today;
        var iso = (DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var bad = await director.PostFormAsync(form, values: new Dictionary<string, string>
        {
            ["Rows[0].Action"] = "End", ["Rows[0].EndDate"] = iso(today.AddDays(-3)),
            ["Rows[1].Action"] = "Correct", ["Rows[1].StartDate"] = iso(today.AddDays(5)),
            ["Rows[2].Action"] = "Confirm",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal("The start date cannot be in the future.", (await bad.ReadPageAsync()).QuerySelector("#Rows_1_StartDate-error")?.TextContent);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            Assert.False(await db.Employments.AnyAsync(e => EF.Parameter(staff.ToList()).Contains(e.ProfessionalId) && (e.ConfirmedAt != null || e.EndDate != null)));
        }

        var good = await director.PostFormAsync(form, values: new Dictionary<string, string>
        {
            ["Rows[0].Action"] = "End", ["Rows[0].EndDate"] = iso(today.AddDays(-3)),
            ["Rows[1].Action"] = "Correct", ["Rows[1].StartDate"] = iso(today.AddYears(-3)),
            ["Rows[2].Action"] = "Keep",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(2, (await director.GetPageAsync($"/sites/{site}/staff")).QuerySelectorAll(".staff-row").Length);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var jobs = await db.Employments.Where(e => EF.Parameter(staff.ToList()).Contains(e.ProfessionalId)).ToListAsync();
            Assert.Equal(3, jobs.Count);
            Assert.Single(jobs, j => j.EndDate == today.AddDays(-3) && j.ConfirmedAt != null);
            Assert.Single(jobs, j => j.StartDate == today.AddYears(-3) && j.ConfirmedAt != null);
            var ended = jobs.Single(j => j.EndDate is not null).ProfessionalId;
            Assert.True(await db.RecordChanges.AnyAsync(c => c.ProfessionalId == ended && c.Field == "Employment.EndDate"));
        }
    }

    [Fact]
    public async Task A_director_of_another_site_and_a_plain_professional_see_nothing_and_a_rater_reads_but_cannot_confirm()
    {
        var site = await FreshSiteAsync(3);
        var other = await FreshSiteAsync(4);
        await _app.StaffAtAsync(site, 2, confirmed: true);
        var (elsewhere, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, other);
        var (plain, _) = await _app.SignedInProfessionalAsync();
        string county;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            county = (await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Employers.Where(e => e.Id == site).Select(e => e.County).SingleAsync())!;
        }

        var (rater, _) = await _app.SignedInWithGrantAsync(AccessRole.Rater, null, county);
        var (otherRater, _) = await _app.SignedInWithGrantAsync(AccessRole.Rater, null, "Alameda");

        foreach (var client in new[] { elsewhere, plain, otherRater })
        {
            await client.GetPageAsync($"/sites/{site}/roster", HttpStatusCode.NotFound);
            await client.GetPageAsync($"/sites/{site}/roster.csv", HttpStatusCode.NotFound);
            await client.GetPageAsync($"/sites/{site}/staff", HttpStatusCode.NotFound);
        }

        Assert.Equal(2, (await rater.GetPageAsync($"/sites/{site}/roster")).QuerySelectorAll(".roster-row").Length);
        await rater.GetPageAsync($"/sites/{site}/staff", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_roster_shows_qualifications_keeps_hidden_documents_hidden_exports_inert_CSV_and_is_logged()
    {
        var site = await FreshSiteAsync(5);
        var (person, personId) = await _app.SignedInProfessionalAsync();
        var (tricky, trickyId) = await _app.SignedInProfessionalAsync();
        foreach (var (client, id) in new[] { (person, personId), (tricky, trickyId) })
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.SingleAsync(p => p.Id == id);
            var job = Employment.AtListedEmployer(site, EmploymentRole.LeadTeacher, TestClock.Today.AddYears(-1), new EmploymentSchedule(5, 8));
            job.ConfirmByEmployer("seed", DateTimeOffset.UtcNow);
            professional.AddEmployment(job);
            professional.AddCredential(new Credential(CredentialType.ChildDevelopmentTeacherPermit, "123", "Commission on Teacher Credentialing", TestClock.Today.AddYears(-5).AddDays(30), TestClock.Today.AddDays(30)));
            if (id == personId)
            {
                professional.AddTrainingRecord(new Registry.Web.Domain.Training.TrainingRecord("Last year's institute", "Sponsor", TestClock.Today.AddMonths(-14), 21, null, "English", null, Registry.Web.Domain.Training.TrainingTrustLevel.SponsorVerified));
            }

            if (id == trickyId)
            {
                professional.Rename(new Registry.Web.Domain.Professionals.PersonName("=HYPERLINK(\"http://evil.example\")", null, "Smith"));
            }

            await db.SaveChangesAsync();
        }

        await UploadAsync(person, "visible-transcript.pdf");
        await UploadAsync(person, "private-letter.pdf");
        var documents = await person.GetPageAsync("/my-registry/documents");
        var hide = documents.QuerySelectorAll(".document").Single(d => d.TextContent.Contains("private-letter.pdf", StringComparison.Ordinal)).QuerySelector("form")!;
        await person.PostFormAsync((IHtmlFormElement)hide);
        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);

        var roster = await director.GetPageAsync($"/sites/{site}/roster");

        var row = roster.QuerySelectorAll(".roster-row").Single(r => r.TextContent.Contains("Rosa Ortiz", StringComparison.Ordinal));
        Assert.Contains("table-warning", row.ClassName, StringComparison.Ordinal);
        Assert.Contains("Child Development Permit: Teacher", row.QuerySelector(".permit")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", row.QuerySelector(".points")?.FirstChild?.TextContent.Trim());
        var next = row.QuerySelector(".points .next-point")!;
        Assert.Equal("Point 3: what is missing", next.QuerySelector("summary")?.TextContent);
        Assert.Contains("21 hours of professional development", next.TextContent, StringComparison.Ordinal);
        Assert.Contains(next.QuerySelectorAll(".not-counted li"), li => li.TextContent.StartsWith("Last year's institute", StringComparison.Ordinal) && li.TextContent.Contains("outside", StringComparison.Ordinal));
        Assert.Contains("visible-transcript.pdf", row.QuerySelector(".documents")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("private-letter.pdf", roster.Body!.TextContent, StringComparison.Ordinal);

        using var csv = await director.GetAsync(new Uri($"/sites/{site}/roster.csv", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("visible-transcript.pdf", text, StringComparison.Ordinal);
        Assert.DoesNotContain("private-letter.pdf", text, StringComparison.Ordinal);
        var trickyLine = text.Split('\n').Single(l => l.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.True(trickyLine.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\") Smith\",", StringComparison.Ordinal), trickyLine);

        var looks = await person.GetPageAsync("/my-registry/access-log");
        Assert.Contains(looks.QuerySelectorAll(".look"), l => l.TextContent.Contains("the staff roster", StringComparison.Ordinal) && l.TextContent.Contains("site director", StringComparison.Ordinal));
        Assert.Contains(looks.QuerySelectorAll(".look"), l => l.TextContent.Contains("the staff roster, downloaded", StringComparison.Ordinal));
    }

    private static async Task UploadAsync(HttpClient client, string name)
    {
        var page = await client.GetPageAsync("/my-registry/documents");
        var token = page.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Transcript"), "Kind" } };
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "File", name);
        using var response = await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
