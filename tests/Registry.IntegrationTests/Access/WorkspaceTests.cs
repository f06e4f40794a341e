using System.Net;
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

/// <summary>Registry staff match jobs at employers "not found"; administrators give roles and county scopes.</summary>
public sealed class WorkspaceTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public WorkspaceTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task Staff_match_a_job_at_an_employer_not_found_to_a_licensed_site()
    {
        var (_, professionalId) = await _app.SignedInProfessionalAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
            professional.AddEmployment(Employment.AtUnlistedEmployer(new UnlistedEmployer("Brotherhood Way Preschool", null, "San Francisco"), EmploymentRole.Teacher, new DateOnly(2023, 1, 9), new EmploymentSchedule(5, 8)));
            await db.SaveChangesAsync();
        }

        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var list = await staff.GetPageAsync("/staff/unlisted-employers");
        var job = list.QuerySelectorAll(".unlisted-job").Single(j => j.TextContent.Contains("Brotherhood Way Preschool", StringComparison.Ordinal));
        var employmentId = job.QuerySelector<IHtmlInputElement>("input[name=employmentId]")!.Value;

        var search = await staff.GetPageAsync($"/staff/unlisted-employers?employmentId={employmentId}&q=380500086");
        var match = search.Forms.Single(f => f.Action.EndsWith($"/unlisted-employers/{employmentId}/link", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(match)).StatusCode);

        await using var check = _app.Services.CreateAsyncScope();
        var job2 = await check.ServiceProvider.GetRequiredService<RegistryDbContext>().Employments.SingleAsync(e => e.ProfessionalId == professionalId);
        Assert.Equal(await _app.EmployerIdAsync("380500086"), job2.EmployerId);
        Assert.Null(job2.UnlistedEmployer);
        Assert.DoesNotContain("Brotherhood Way Preschool", (await staff.GetPageAsync("/staff/unlisted-employers")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_gives_the_staff_role_and_a_rater_county_and_a_bad_county_is_refused()
    {
        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);
        var (_, professionalId) = await _app.SignedInProfessionalAsync();
        string email;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            email = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.Where(p => p.Id == professionalId).Select(p => p.Email).SingleAsync();
        }

        var page = await admin.GetPageAsync($"/staff/users?email={Uri.EscapeDataString(email)}");
        var account = page.QuerySelector(".account")!;
        await admin.PostFormAsync((IHtmlFormElement)account.QuerySelectorAll("form")[0]);
        var grant = (IHtmlFormElement)(await admin.GetPageAsync($"/staff/users?email={Uri.EscapeDataString(email)}")).QuerySelector(".account")!.QuerySelectorAll("form")[^1];
        var bad = await admin.PostFormAsync(grant, values: new Dictionary<string, string> { ["role"] = "Rater", ["county"] = "Atlantis" });
        Assert.Contains("Choose the role and a county from the list.", (await bad.ReadPageAsync()).Body!.TextContent, StringComparison.Ordinal);
        await admin.PostFormAsync(grant, values: new Dictionary<string, string> { ["role"] = "Rater", ["county"] = "San Francisco" });

        await using var check = _app.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var userId = await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.UserId).SingleAsync();
        Assert.True(await db.UserRoles.AnyAsync(r => r.UserId == userId));
        Assert.True(await db.AccessGrants.AnyAsync(g => g.UserId == userId && g.Role == AccessRole.Rater && g.County == "San Francisco"));
    }
}
