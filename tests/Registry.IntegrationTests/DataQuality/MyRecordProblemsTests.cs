using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Training;

namespace Registry.IntegrationTests.DataQuality;

/// <summary>A professional sees their own record's data quality problems on My Registry, each linking to where to fix it.</summary>
public sealed class MyRecordProblemsTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public MyRecordProblemsTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task My_Registry_lists_the_record_s_problems_with_where_to_fix_them_and_none_for_a_clean_record()
    {
        var (client, id) = await _app.SignedInProfessionalAsync();
        Assert.Null((await client.GetPageAsync("/my-registry")).GetElementById("data-problems"));

        var today = TestClock.Today;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var person = await db.Professionals.SingleAsync(p => p.Id == id);
            person.AddEmployment(Employment.AtUnlistedEmployer(new UnlistedEmployer("Casa de los Niños", "1 Mission St", "San Francisco"), EmploymentRole.Teacher, today.AddYears(-1), new EmploymentSchedule(5, 8)));
            person.AddCredential(new Credential(CredentialType.ChildDevelopmentAssistantPermit, null, "CTC", today.AddYears(-6), today.AddYears(-1)));
            person.AddTrainingRecord(new TrainingRecord("Summer Institute", "R&R", today.AddDays(-20), 120, null, "English", null, TrainingTrustLevel.SelfReported));
            await db.SaveChangesAsync();
        }

        var page = await client.GetPageAsync("/my-registry");
        var problems = page.QuerySelectorAll("#data-problems .data-problem").ToDictionary(p => p.GetAttribute("data-rule")!, p => p.QuerySelector("a")!);
        Assert.Equal(["EmployerResolved", "NoExpiredPermitAsCurrent", "UnitsAndHoursInRange"], problems.Keys.Order());
        Assert.Equal("Registry staff are still matching Casa de los Niños to a licensed site.", problems["EmployerResolved"].TextContent);
        Assert.Equal("/my-registry/permits", problems["NoExpiredPermitAsCurrent"].GetAttribute("href"));
        Assert.StartsWith("Your Child Development Permit: Assistant expired on", problems["NoExpiredPermitAsCurrent"].TextContent, StringComparison.Ordinal);
        Assert.Equal("The training Summer Institute has more than 100 hours: check the hours.", problems["UnitsAndHoursInRange"].TextContent);
    }
}
