using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Training;

namespace Registry.IntegrationTests.Sites;

/// <summary>The rater's read-only view: sites in scope, lead teachers' points, the 21-hour PD status for the validation year, deadlines, CSV.</summary>
public sealed class RatingsTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public RatingsTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task A_rater_sees_the_PD_status_for_the_validation_year_and_who_must_do_more()
    {
        int site;
        string county;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var found = await db.Employers.Where(e => e.County != null).OrderBy(e => e.Id).Skip(400).Select(e => new { e.Id, e.County }).FirstAsync();
            (site, county) = (found.Id, found.County!);
        }

        var ids = await _app.StaffAtAsync(site, 2, confirmed: true, lastName: "Rated", role: EmploymentRole.LeadTeacher);
        var today = TestClock.Today;
        var validation = today.AddMonths(-6);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var trained = await db.Professionals.SingleAsync(p => p.Id == ids[0]);
            trained.AddTrainingRecord(new TrainingRecord("Since validation", "Sponsor", validation.AddDays(10), 21, null, "English", null, TrainingTrustLevel.SponsorVerified));
            var before = await db.Professionals.SingleAsync(p => p.Id == ids[1]);
            before.AddTrainingRecord(new TrainingRecord("Before validation", "Sponsor", validation.AddDays(-10), 21, null, "English", null, TrainingTrustLevel.SponsorVerified));
            await db.SaveChangesAsync();
        }

        var (rater, _) = await _app.SignedInWithGrantAsync(AccessRole.Rater, null, county);
        Assert.Contains((await rater.GetPageAsync("/ratings?q=" + Uri.EscapeDataString(await NameAsync(site)))).QuerySelectorAll("#rating-sites a"), a => a.GetAttribute("href") == $"/ratings/sites/{site}");

        var page = await rater.GetPageAsync($"/ratings/sites/{site}?validationDate={validation.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");

        Assert.Equal("1 / 2 (50%)", page.QuerySelector("#meeting-hours")?.TextContent);
        Assert.Equal(2, page.QuerySelectorAll(".lead-teacher").Length);
        Assert.Contains(page.QuerySelectorAll("#deadlines li"), li => li.TextContent.StartsWith("Person1 Rated needs 21 more hours of PD by", StringComparison.Ordinal));
        using var csv = await rater.GetAsync(new Uri($"/ratings/sites/{site}/export.csv?validationDate={validation.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", UriKind.Relative));
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("Person0 Rated", StringComparison.Ordinal) && l.Contains(",21,0,", StringComparison.Ordinal));

        // The site's next validation, a year on, names the same rating year (decision 0039): with nothing
        // typed, the page counts the same hours.
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action$='/next-validation']")!;
        ((AngleSharp.Html.Dom.IHtmlInputElement)form.QuerySelector("#nextValidation")!).Value = validation.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await rater.PostFormAsync(form)).StatusCode);
        var untyped = await rater.GetPageAsync($"/ratings/sites/{site}");
        Assert.Equal("1 / 2 (50%)", untyped.QuerySelector("#meeting-hours")?.TextContent);

        var bad = await rater.GetPageAsync($"/ratings/sites/{site}?validationDate=2999-01-01");
        Assert.Equal("Choose a date within two years from today.", bad.QuerySelector("#validationDate-error")?.TextContent);
        var (elsewhere, _) = await _app.SignedInWithGrantAsync(AccessRole.Rater, null, "Alameda");
        await elsewhere.GetPageAsync($"/ratings/sites/{site}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rater_grant_that_begins_tomorrow_gives_nothing_today()
    {
        int site;
        string county;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var found = await db.Employers.Where(e => e.County != null && e.County != "Alameda").OrderBy(e => e.Id).Skip(410).Select(e => new { e.Id, e.County }).FirstAsync();
            (site, county) = (found.Id, found.County!);
        }

        var (rater, professionalId) = await _app.SignedInWithGrantAsync(AccessRole.Rater, null, "Alameda");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var userId = await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.UserId).SingleAsync();
            db.AccessGrants.Add(AccessGrant.ForCounty(userId, AccessRole.Rater, county, TestClock.Now.AddDays(1), TestClock.Now.AddDays(365)));
            await db.SaveChangesAsync();
        }

        var list = await rater.GetPageAsync("/ratings?q=" + Uri.EscapeDataString(await NameAsync(site)));
        Assert.DoesNotContain(list.QuerySelectorAll("#rating-sites a"), a => a.GetAttribute("href") == $"/ratings/sites/{site}");
        await rater.GetPageAsync($"/ratings/sites/{site}", HttpStatusCode.NotFound);
        await rater.GetPageAsync($"/sites/{site}/roster", HttpStatusCode.NotFound);
    }

    private async Task<string> NameAsync(int site)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Employers.Where(e => e.Id == site).Select(e => e.Name).SingleAsync();
    }
}
