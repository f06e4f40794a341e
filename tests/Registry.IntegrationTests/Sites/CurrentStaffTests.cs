using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Employments;

namespace Registry.IntegrationTests.Sites;

/// <summary>
/// Directors act only on the current staff of their sites (issue 19, item 2): an ended job stays
/// ended, a last day is one that has happened, other jobs answer as if they did not exist, and
/// nobody confirms, corrects or ends their own job.
/// </summary>
public sealed partial class CurrentStaffTests : IClassFixture<RegistryAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private readonly RegistryAppFactory _app;

    public CurrentStaffTests(RegistryAppFactory app) => _app = app;

    private static DateOnly Today => TestClock.Today;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_ended_job_cannot_be_reopened_by_the_director_with_a_future_last_day()
    {
        var site = await FreshSiteAsync(0);
        await _app.StaffAtAsync(site, 1);
        var (person, personId) = await _app.SignedInProfessionalAsync();
        var jobId = await JobAsync(personId, site, confirmed: true);
        await UploadAsync(person, "reference-letter.pdf");
        var documentId = await DbAsync(db => db.Documents.Where(d => d.ProfessionalId == personId).Select(d => d.Id).SingleAsync());
        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        using (var readable = await director.GetAsync(new Uri($"/documents/{documentId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, readable.StatusCode);
        }

        // The person left ten days ago: the director ends the job through the page.
        var (page, form) = await StaffFormAsync(director, site);
        var ended = await director.PostFormAsync(form, values: new Dictionary<string, string> { [$"{Row(page, jobId)}.Action"] = "End", [$"{Row(page, jobId)}.EndDate"] = Iso(Today.AddDays(-10)) });
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);

        // The same form, with the ended job's id put back and a last day a month away.
        (page, form) = await StaffFormAsync(director, site);
        Assert.DoesNotContain("Rosa Ortiz", page.Body!.TextContent, StringComparison.Ordinal);
        var forged = await director.PostFormAsync(form, values: new Dictionary<string, string>
        {
            ["Rows[0].EmploymentId"] = jobId.ToString(CultureInfo.InvariantCulture), ["Rows[0].Action"] = "End", ["Rows[0].EndDate"] = Iso(Today.AddDays(30)),
        });

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Someone on the list no longer works here as far as the registry knows.", (await forged.ReadPageAsync()).QuerySelector(".error-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(Today.AddDays(-10), await DbAsync(db => db.Employments.Where(e => e.Id == jobId).Select(e => e.EndDate).SingleAsync()));
        Assert.DoesNotContain("Rosa Ortiz", (await director.GetPageAsync($"/sites/{site}/staff")).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Rosa Ortiz", (await director.GetPageAsync($"/sites/{site}/roster")).Body!.TextContent, StringComparison.Ordinal);
        using var unreadable = await director.GetAsync(new Uri($"/documents/{documentId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unreadable.StatusCode);
    }

    [Fact]
    public async Task Ending_needs_a_last_day_not_after_today_and_not_before_the_start()
    {
        var site = await FreshSiteAsync(1);
        var staff = await _app.StaffAtAsync(site, 1);
        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        var (_, form) = await StaffFormAsync(director, site);
        var start = Today.AddYears(-2);

        var tomorrow = await director.PostFormAsync(form, values: new Dictionary<string, string> { ["Rows[0].Action"] = "End", ["Rows[0].EndDate"] = Iso(Today.AddDays(1)) });
        Assert.Equal(HttpStatusCode.OK, tomorrow.StatusCode);
        Assert.Equal("The last day worked cannot be after today. End the job once the person has left.", (await tomorrow.ReadPageAsync()).QuerySelector("#Rows_0_EndDate-error")?.TextContent);

        var beforeStart = await director.PostFormAsync(form, values: new Dictionary<string, string> { ["Rows[0].Action"] = "End", ["Rows[0].EndDate"] = Iso(start.AddDays(-1)) });
        Assert.Equal(HttpStatusCode.OK, beforeStart.StatusCode);
        Assert.Equal("The last day cannot be before the start date.", (await beforeStart.ReadPageAsync()).QuerySelector("#Rows_0_EndDate-error")?.TextContent);
        Assert.True(await DbAsync(db => db.Employments.AnyAsync(e => e.ProfessionalId == staff[0] && e.EndDate == null && e.ConfirmedAt == null)));

        var today = await director.PostFormAsync(form, values: new Dictionary<string, string> { ["Rows[0].Action"] = "End", ["Rows[0].EndDate"] = Iso(Today) });
        Assert.Equal(HttpStatusCode.Redirect, today.StatusCode);
        Assert.True(await DbAsync(db => db.Employments.AnyAsync(e => e.ProfessionalId == staff[0] && e.EndDate == Today)));
    }

    [Fact]
    public async Task Ended_other_site_and_made_up_job_ids_all_get_the_answer_a_job_that_does_not_exist_gets()
    {
        var site = await FreshSiteAsync(2);
        var other = await FreshSiteAsync(3);
        var staff = await _app.StaffAtAsync(site, 2);
        var elsewhere = (await _app.StaffAtAsync(other, 1))[0];
        var endedJob = await DbAsync(async db =>
        {
            var job = await db.Employments.SingleAsync(e => e.ProfessionalId == staff[1]);
            job.End(Today.AddDays(-30));
            await db.SaveChangesAsync();
            return job.Id;
        });
        var otherSiteJob = await DbAsync(db => db.Employments.Where(e => e.ProfessionalId == elsewhere).Select(e => e.Id).SingleAsync());
        var madeUp = await DbAsync(db => db.Employments.MaxAsync(e => e.Id)) + 100_000;
        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        var (_, form) = await StaffFormAsync(director, site);

        var answers = new List<(int Id, HttpStatusCode Status, string Body)>();
        foreach (var id in new[] { madeUp, endedJob, otherSiteJob })
        {
            using var response = await director.PostFormAsync(form, values: new Dictionary<string, string>
            {
                ["Rows[0].EmploymentId"] = id.ToString(CultureInfo.InvariantCulture), ["Rows[0].Action"] = "End", ["Rows[0].EndDate"] = Iso(Today),
            });
            answers.Add((id, response.StatusCode, Tokens().Replace(await response.Content.ReadAsStringAsync(), "")));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.Equal(answers[0].Body, a.Body));
        Assert.Contains("Someone on the list no longer works here as far as the registry knows.", answers[0].Body, StringComparison.Ordinal);
        Assert.Equal(Today.AddDays(-30), await DbAsync(db => db.Employments.Where(e => e.Id == endedJob).Select(e => e.EndDate).SingleAsync()));
        Assert.True(await DbAsync(db => db.Employments.AnyAsync(e => e.Id == otherSiteJob && e.EndDate == null && e.ConfirmedAt == null)));
    }

    [Fact]
    public async Task Nobody_confirms_corrects_or_ends_their_own_job_and_another_director_does()
    {
        var site = await FreshSiteAsync(4);
        var staff = await _app.StaffAtAsync(site, 1);
        var (director, directorId) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        var ownJob = await JobAsync(directorId, site, confirmed: false);

        // The page says who confirms her job and offers nothing for it; "confirm everyone" leaves it.
        var (page, form) = await StaffFormAsync(director, site);
        Assert.Equal(HttpStatusCode.Redirect, (await director.PostFormAsync(form, page.QuerySelector<IHtmlButtonElement>("#confirm-all"))).StatusCode);
        Assert.True(await DbAsync(db => db.Employments.AnyAsync(e => e.ProfessionalId == staff[0] && e.ConfirmedAt != null)));
        Assert.Null(await DbAsync(db => db.Employments.Where(e => e.Id == ownJob).Select(e => e.ConfirmedAt).SingleAsync()));
        var own = page.QuerySelectorAll(".staff-row").Single(r => r.QuerySelector<IHtmlInputElement>("input[name$='.EmploymentId']")!.Value == ownJob.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("This is your own job: another director of the site, or registry staff, confirms or ends it.", own.QuerySelector(".own-job")?.TextContent);
        Assert.Null(own.QuerySelector("select"));

        // Forged: her own row set to confirm, to a back-dated start, to end; each refused, and the other row's change not saved either.
        var ownRow = Row(page, ownJob);
        var otherRow = page.QuerySelectorAll(".staff-row").Select(r => r.QuerySelector<IHtmlInputElement>("input[name$='.EmploymentId']")!.Name![..^".EmploymentId".Length]).Single(n => n != ownRow);
        foreach (var forged in new Dictionary<string, string>[]
        {
            new() { [$"{ownRow}.Action"] = "Confirm" },
            new() { [$"{ownRow}.Action"] = "Correct", [$"{ownRow}.StartDate"] = Iso(Today.AddYears(-10)) },
            new() { [$"{ownRow}.Action"] = "End", [$"{ownRow}.EndDate"] = Iso(Today) },
        })
        {
            forged[$"{otherRow}.Action"] = "End";
            forged[$"{otherRow}.EndDate"] = Iso(Today.AddDays(-1));
            using var response = await director.PostFormAsync(form, values: forged);
            AssertRefused(response);
        }

        var job = await DbAsync(db => db.Employments.AsNoTracking().SingleAsync(e => e.Id == ownJob));
        Assert.Equal((Today.AddYears(-2), (DateOnly?)null, (DateTimeOffset?)null), (job.StartDate, job.EndDate, job.ConfirmedAt));
        Assert.True(await DbAsync(db => db.Employments.AnyAsync(e => e.ProfessionalId == staff[0] && e.EndDate == null)));

        // Another director of the site confirms it.
        var (colleague, colleagueId) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        (page, form) = await StaffFormAsync(colleague, site);
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.PostFormAsync(form, values: new Dictionary<string, string> { [$"{Row(page, ownJob)}.Action"] = "Confirm" })).StatusCode);
        var colleagueUser = await _app.UserIdAsync(colleagueId);
        Assert.Equal(colleagueUser, await DbAsync(db => db.Employments.Where(e => e.Id == ownJob).Select(e => e.ConfirmedByUserId).SingleAsync()));
    }

    [Fact]
    public async Task Registry_staff_do_not_confirm_their_own_job_either()
    {
        var site = await FreshSiteAsync(5);
        await _app.StaffAtAsync(site, 1);
        var (staff, _, professionalId) = await _app.SignedInStaffWithRecordAsync();
        var ownJob = await JobAsync(professionalId, site, confirmed: false);

        var (page, form) = await StaffFormAsync(staff, site);
        using var response = await staff.PostFormAsync(form, values: new Dictionary<string, string> { [$"{Row(page, ownJob)}.Action"] = "Confirm" });

        AssertRefused(response);
        Assert.Null(await DbAsync(db => db.Employments.Where(e => e.Id == ownJob).Select(e => e.ConfirmedAt).SingleAsync()));
        Assert.NotNull(page.QuerySelector(".own-job"));
    }

    /// <summary>Refused as the app refuses a signed-in person: sent to the 403 page.</summary>
    private static void AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/error/403", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>The antiforgery token differs on every page; nothing else may.</summary>
    [GeneratedRegex("<input[^>]*__RequestVerificationToken[^>]*>")]
    private static partial Regex Tokens();

    /// <summary>The form's name prefix ("Rows[2]") of the row holding the job.</summary>
    private static string Row(IParentNode page, int jobId) =>
        page.QuerySelectorAll<IHtmlInputElement>("input[name$='.EmploymentId']").Single(i => i.Value == jobId.ToString(CultureInfo.InvariantCulture)).Name![..^".EmploymentId".Length];

    private static async Task<(IHtmlDocument Page, IHtmlFormElement Form)> StaffFormAsync(HttpClient director, int site)
    {
        var page = await director.GetPageAsync($"/sites/{site}/staff");
        return (page, page.Forms.Single(f => f.Action.EndsWith($"/sites/{site}/staff", StringComparison.Ordinal)));
    }

    /// <summary>A site of the demo list nobody else's test in this class uses.</summary>
    private Task<int> FreshSiteAsync(int skip) =>
        DbAsync(db => db.Employers.OrderBy(e => e.Id).Skip(300 + skip).Select(e => e.Id).FirstAsync());

    /// <summary>A current job at the site for the person, started two years ago.</summary>
    private Task<int> JobAsync(int professionalId, int site, bool confirmed) =>
        DbAsync(async db =>
        {
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
            var job = Employment.AtListedEmployer(site, EmploymentRole.Teacher, Today.AddYears(-2), new EmploymentSchedule(5, 8));
            if (confirmed)
            {
                job.ConfirmByEmployer("seed", DateTimeOffset.UtcNow);
            }

            professional.AddEmployment(job);
            await db.SaveChangesAsync();
            return job.Id;
        });

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
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
