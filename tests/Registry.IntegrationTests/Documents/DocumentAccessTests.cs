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

namespace Registry.IntegrationTests.Documents;

/// <summary>
/// Who else may read a person's documents: a director of a site where the person works now,
/// and never a document the person hid from employers.
/// </summary>
public sealed class DocumentAccessTests : IClassFixture<RegistryAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private readonly RegistryAppFactory _app;

    public DocumentAccessTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task A_director_of_the_person_s_site_reads_the_document_until_the_person_hides_it_from_employers()
    {
        var site = await EmployerIdAsync("380500086");
        var (owner, documentId) = await StaffMemberWithDocumentAsync(site);
        var director = await DirectorAsync(site, TimeSpan.FromDays(365));

        using (var read = await director.GetAsync(new Uri($"/documents/{documentId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(Pdf, await read.Content.ReadAsByteArrayAsync());
        }

        var page = await owner.GetPageAsync("/my-registry/documents");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(page.Forms.Single(f => f.Action.EndsWith("/visibility", StringComparison.Ordinal)))).StatusCode);

        using (var hidden = await director.GetAsync(new Uri($"/documents/{documentId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using var own = await owner.GetAsync(new Uri($"/documents/{documentId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_director_of_another_site_an_expired_grant_and_a_past_employer_read_nothing()
    {
        var site = await EmployerIdAsync("380500086");
        var otherSite = await OtherEmployerIdAsync(site);
        var (_, documentId) = await StaffMemberWithDocumentAsync(site);

        var elsewhere = await DirectorAsync(otherSite, TimeSpan.FromDays(365));
        var lapsed = await DirectorAsync(site, TimeSpan.FromDays(-1));
        foreach (var client in new[] { elsewhere, lapsed })
        {
            using var response = await client.GetAsync(new Uri($"/documents/{documentId}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var (_, formerDocumentId) = await StaffMemberWithDocumentAsync(site, endedOn: DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-2));
        var current = await DirectorAsync(site, TimeSpan.FromDays(365));
        using var former = await current.GetAsync(new Uri($"/documents/{formerDocumentId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, former.StatusCode);
    }

    private async Task<(HttpClient Client, int DocumentId)> StaffMemberWithDocumentAsync(int employerId, DateOnly? endedOn = null)
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
            var job = Employment.AtListedEmployer(employerId, EmploymentRole.Teacher, new DateOnly(2020, 8, 17), new EmploymentSchedule(5, 8));
            if (endedOn is { } end)
            {
                job.Revise(EmploymentRole.Teacher, null, job.StartDate, end, job.Schedule, false, AgeGroups.Preschool, null);
            }

            professional.AddEmployment(job);
            await db.SaveChangesAsync();
        }

        var page = await client.GetPageAsync("/my-registry/documents");
        var token = page.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("Transcript"), "Kind" } };
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "File", "transcript.pdf");
        using var uploaded = await client.PostAsync(new Uri("/my-registry/documents", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);

        await using var read = _app.Services.CreateAsyncScope();
        var documentId = await read.ServiceProvider.GetRequiredService<RegistryDbContext>().Documents.Where(d => d.ProfessionalId == professionalId).Select(d => d.Id).SingleAsync();
        return (client, documentId);
    }

    /// <summary>A signed-in account holding director access to the site, granted a year ago and lasting <paramref name="lastsFromNow"/>.</summary>
    private async Task<HttpClient> DirectorAsync(int employerId, TimeSpan lastsFromNow)
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var userId = await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.UserId).SingleAsync();
        db.AccessGrants.Add(AccessGrant.ForSite(userId, AccessRole.SiteDirector, employerId, DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.Add(lastsFromNow)));
        await db.SaveChangesAsync();
        await _app.ProveInCurrentSessionsAsync(userId);
        return client;
    }

    private async Task<int> EmployerIdAsync(string licenseNumber)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Employers.Where(e => e.LicenseNumber == licenseNumber).Select(e => e.Id).SingleAsync();
    }

    private async Task<int> OtherEmployerIdAsync(int notThis)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Employers.Where(e => e.Id != notThis).Select(e => e.Id).FirstAsync();
    }
}
