using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Training;

namespace Registry.IntegrationTests.Sites;

/// <summary>A stipend program's rules as data: who meets them, who misses one and which, for the administrator and for the person.</summary>
public sealed class StipendsTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public StipendsTests(RegistryAppFactory app) => _app = app;

    private async Task<(HttpClient Client, int Id)> WorkerAsync(int site, decimal wage)
    {
        var (client, id) = await _app.SignedInProfessionalAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var professional = await db.Professionals.SingleAsync(p => p.Id == id);
        var today = DateOnly.FromDateTime(DateTime.Today);
        var job = Employment.AtListedEmployer(site, EmploymentRole.Teacher, today.AddMonths(-14), new EmploymentSchedule(5, 8));
        job.Describe(false, AgeGroups.Preschool, wage, null);
        professional.AddEmployment(job);
        professional.AddCredential(new Credential(CredentialType.ChildDevelopmentTeacherPermit, null, "CTC", today.AddYears(-1), today.AddYears(4)));
        professional.AddTrainingRecord(new TrainingRecord("Workshop", "R&R", today.AddMonths(-2), 16, null, "English", null, TrainingTrustLevel.SponsorVerified));
        await db.SaveChangesAsync();
        return (client, id);
    }

    [Fact]
    public async Task The_administrator_sees_who_is_eligible_and_who_misses_one_rule_and_the_person_sees_it_before_applying()
    {
        var site = await _app.EmployerIdAsync("380500086");
        await WorkerAsync(site, 25m);
        var (overCap, _) = await WorkerAsync(site, 35m);
        var (admin, _) = await _app.SignedInWithGrantAsync(AccessRole.StipendAdministrator, null, "San Francisco");

        var page = await admin.GetPageAsync("/stipends?program=ab212-example-county&county=San%20Francisco");

        Assert.Contains(page.QuerySelectorAll("#eligible .applicant"), a => a.TextContent.Contains("Rosa Ortiz", StringComparison.Ordinal));
        var nearly = Assert.Single(page.QuerySelectorAll("#nearly .applicant"));
        Assert.Equal("Would miss: a wage at or under $30.00 an hour", nearly.QuerySelector(".missing")?.TextContent);
        using var csv = await admin.GetAsync(new Uri("/stipends/export.csv?program=ab212-example-county&county=San%20Francisco", UriKind.Relative));
        Assert.Contains(",no,a wage at or under $30.00 an hour", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var own = await overCap.GetPageAsync("/my-registry/qualifications");
        Assert.Contains("a wage at or under $30.00 an hour", own.QuerySelector("#rule-ab212-example-county .missing")?.TextContent, StringComparison.Ordinal);
        var (otherCounty, _) = await _app.SignedInWithGrantAsync(AccessRole.StipendAdministrator, null, "Alameda");
        await otherCounty.GetPageAsync("/stipends?program=ab212-example-county&county=San%20Francisco", System.Net.HttpStatusCode.NotFound);
    }
}
