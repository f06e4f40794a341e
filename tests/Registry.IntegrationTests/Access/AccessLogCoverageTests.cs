using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Employments;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Access;

/// <summary>
/// "Who looked at my record" names every page that shows someone else a person's record: the
/// director's staff page, the data quality lists, a sponsor's attendance sheet, the page where a
/// director registers staff for training, a request's proof of position, and documents (a
/// 255-character file name included), each read on the person's own page.
/// </summary>
public sealed class AccessLogCoverageTests : IClassFixture<RegistryAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private readonly RegistryAppFactory _app;

    public AccessLogCoverageTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task The_director_s_staff_page_is_in_the_log_of_everyone_it_lists()
    {
        var site = await _app.EmployerIdAsync("380500086");
        var (person, _) = await PersonAtAsync(site, confirmed: false);
        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);

        await director.GetPageAsync($"/sites/{site}/staff");

        var look = Assert.Single(await LooksAsync(person));
        Assert.Equal("the site's staff list, to confirm jobs", look.What);
        Assert.Contains("site director (JCCSF BROTHERHOOD WAY PRESCHOOL)", look.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_quality_list_is_in_the_log_of_everyone_it_shows()
    {
        // An app of its own: the list is 50 a page, and this fixture's other people fail the same rule.
        await using var app = new RegistryAppFactory();
        var (person, _) = await app.SignedInProfessionalAsync();
        var (staff, staffId) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var dashboard = await staff.GetPageAsync("/data-quality");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(dashboard.Forms.First(f => f.GetAttribute("action") == "/data-quality/run"))).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await staff.GetPageAsync("/data-quality")).GetElementById("passing-share") is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var list = await staff.GetPageAsync("/data-quality/RequiredFields");
        Assert.NotEmpty(list.QuerySelectorAll("#failures tbody tr"));

        var look = Assert.Single(await LooksAsync(person));
        Assert.Equal("a list of records to fix", look.What);
        Assert.Equal(await EmailAsync(app, staffId), look.Viewer);
        Assert.Contains("registry staff", look.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sponsor_s_attendance_sheet_is_in_the_log_of_everyone_registered()
    {
        var (manager, managerId) = await _app.SignedInProfessionalAsync();
        var sponsorId = await _app.SponsorAsync(managerId);
        var eventId = await _app.EventAsync(sponsorId);
        var (person, personId) = await _app.SignedInProfessionalAsync();
        await _app.RegisterAsync(eventId, personId);

        var sheet = await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance");
        Assert.Contains("Rosa Ortiz", sheet.Body!.TextContent, StringComparison.Ordinal);

        var look = Assert.Single(await LooksAsync(person));
        Assert.Equal("a training event's attendance sheet", look.What);
        Assert.Contains("training sponsor", look.Text, StringComparison.Ordinal);
        Assert.Empty(await LooksAsync(manager));
    }

    [Fact]
    public async Task The_page_where_a_director_registers_staff_for_training_is_in_their_staff_s_logs()
    {
        var site = await _app.EmployerIdAsync("380500086");
        var (person, _) = await PersonAtAsync(site, confirmed: true);
        var (_, managerId) = await _app.SignedInProfessionalAsync();
        var eventId = await _app.EventAsync(await _app.SponsorAsync(managerId));
        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);

        await director.GetPageAsync($"/training/events/{eventId}/register-staff");

        var look = Assert.Single(await LooksAsync(person));
        Assert.Equal("the list of staff to register for a training", look.What);
        Assert.Contains("site director (JCCSF BROTHERHOOD WAY PRESCHOOL)", look.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_request_s_proof_is_in_the_requester_s_log()
    {
        var (person, professionalId) = await _app.SignedInProfessionalAsync();
        var userId = await DbAsync(db => db.Professionals.Where(p => p.Id == professionalId).Select(p => p.UserId).SingleAsync());
        await RequestAccessAsync(person);
        var requestId = await DbAsync(db => db.AccessRequests.Where(r => r.UserId == userId).Select(r => r.Id).SingleAsync());

        var (staff, staffId) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var queue = await staff.GetPageAsync("/staff/access-requests");
        var link = queue.QuerySelectorAll<IHtmlAnchorElement>("a").Single(a => a.GetAttribute("href") == $"/staff/access-requests/{requestId}/proof");
        using (var proof = await staff.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative)))
        {
            Assert.Equal(Pdf, await proof.Content.ReadAsByteArrayAsync());
        }

        var look = Assert.Single(await LooksAsync(person));
        Assert.Equal(("the proof sent with your request for access", await EmailAsync(_app, staffId)), (look.What, look.Viewer));
    }

    [Fact]
    public async Task A_document_with_a_255_character_name_is_read_by_a_director_and_staff_and_both_are_in_the_log()
    {
        var site = await _app.EmployerIdAsync("380500086");
        var (person, professionalId) = await PersonAtAsync(site, confirmed: false);
        var uploaded = new string('a', 251) + ".pdf";
        var page = await person.GetPageAsync("/my-registry/documents");
        using (var content = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" },
            { new StringContent("Transcript"), "Kind" },
        })
        {
            var file = new ByteArrayContent(Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "File", uploaded);
            using var response = await person.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var document = await DbAsync(db => db.Documents.Where(d => d.ProfessionalId == professionalId).Select(d => new { d.Id, d.FileName }).SingleAsync());
        Assert.Equal(Registry.Web.Domain.Documents.Document.MaxFileNameLength, document.FileName.Length);
        Assert.EndsWith(".pdf", document.FileName, StringComparison.Ordinal);

        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        var (staff, staffId) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        foreach (var reader in new[] { director, staff })
        {
            using var read = await reader.GetAsync(new Uri($"/documents/{document.Id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(Pdf, await read.Content.ReadAsByteArrayAsync());
        }

        var looks = await LooksAsync(person);
        Assert.Equal(2, looks.Count);
        Assert.All(looks, look => Assert.Equal("document " + document.FileName, look.What));
        Assert.Equal([await EmailAsync(_app, staffId), "Rosa Ortiz"], looks.Select(l => l.Viewer));
    }

    [Fact]
    public async Task A_what_longer_than_its_column_is_cut_not_refused()
    {
        var (person, professionalId) = await _app.SignedInProfessionalAsync();
        var (_, staffId) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccessLogService>()
                .RecordAsync([professionalId], staffId, "RegistryStaff", null, "document: " + new string('b', 600) + ".pdf", CancellationToken.None);
        }

        var stored = await DbAsync(db => db.AccessLog.Where(e => e.ProfessionalId == professionalId).Select(e => e.What).SingleAsync());
        Assert.Equal(AccessLogEntry.MaxWhatLength, stored.Length);
        Assert.StartsWith("document bbb", Assert.Single(await LooksAsync(person)).What, StringComparison.Ordinal);
    }

    private sealed record Look(string Viewer, string What, string Text);

    [Fact]
    public async Task A_long_list_s_looks_are_all_logged_each_with_its_site()
    {
        // 2 people seen at each of 400 sites: 800 looks, more than one statement holds (2,000 parameters, 6 a row).
        var (_, first) = await _app.SignedInProfessionalAsync();
        var (_, second) = await _app.SignedInProfessionalAsync();
        var (_, viewerId) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var sites = await DbAsync(db => db.Employers.OrderBy(e => e.Id).Select(e => e.Id).Take(400).ToListAsync());
        Assert.Equal(400, sites.Count);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccessLogService>()
                .RecordAsync(sites.SelectMany(site => new[] { (first, (int?)site), (second, (int?)site) }), viewerId, "RegistryStaff", "a long list", CancellationToken.None);
        }

        var logged = await DbAsync(db => db.AccessLog.Where(e => e.ViewerUserId == viewerId && e.What == "a long list")
            .Select(e => new { e.ProfessionalId, e.EmployerId, e.ViewerRole }).ToListAsync());
        Assert.Equal(800, logged.Count);
        Assert.Equal(sites.Order(), logged.Where(e => e.ProfessionalId == first).Select(e => e.EmployerId!.Value).Order());
        Assert.Equal(sites.Order(), logged.Where(e => e.ProfessionalId == second).Select(e => e.EmployerId!.Value).Order());
        Assert.All(logged, e => Assert.Equal("RegistryStaff", e.ViewerRole));
    }

    private static async Task<IReadOnlyList<Look>> LooksAsync(HttpClient person) =>
        (await person.GetPageAsync("/my-registry/access-log")).QuerySelectorAll(".look")
            .Select(l => new Look(l.QuerySelector(".viewer")!.TextContent, l.QuerySelector(".what")!.TextContent, l.TextContent)).ToList();

    /// <summary>A signed-in professional with a current job at the site.</summary>
    private async Task<(HttpClient Client, int ProfessionalId)> PersonAtAsync(int site, bool confirmed)
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var job = Employment.AtListedEmployer(site, EmploymentRole.Teacher, TestClock.Today.AddYears(-1), new EmploymentSchedule(5, 8));
        if (confirmed)
        {
            job.ConfirmByEmployer("seed", DateTimeOffset.UtcNow);
        }

        (await db.Professionals.SingleAsync(p => p.Id == professionalId)).AddEmployment(job);
        await db.SaveChangesAsync();
        return (client, professionalId);
    }

    private static async Task RequestAccessAsync(HttpClient person)
    {
        var page = await person.GetPageAsync("/access/request?q=380500086");
        var form = page.Forms.Single(f => f.Enctype == "multipart/form-data");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" },
            { new StringContent("Site director"), "Position" },
        };
        foreach (var site in form.QuerySelectorAll<IHtmlInputElement>("input[name=Sites]"))
        {
            content.Add(new StringContent(site.Value), "Sites");
        }

        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "Proof", "letter.pdf");
        var action = form.GetAttribute("action")!;
        using var response = await person.PostAsync(action.StartsWith('/') ? new Uri(action, UriKind.Relative) : new Uri(new Uri(action).PathAndQuery, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> EmailAsync(RegistryAppFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync();
    }

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}
