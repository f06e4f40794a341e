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
    public async Task Staff_add_a_site_missing_from_the_list_and_a_bad_license_number_is_answered_beside_the_field()
    {
        var (_, professionalId) = await _app.SignedInProfessionalAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
            professional.AddEmployment(Employment.AtUnlistedEmployer(new UnlistedEmployer("Little Stars New Center", "1 Main St", "Oakland"), EmploymentRole.Teacher, new DateOnly(2026, 1, 5), new EmploymentSchedule(5, 8)));
            await db.SaveChangesAsync();
        }

        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var job = (await staff.GetPageAsync("/staff/unlisted-employers")).QuerySelectorAll(".unlisted-job").Single(j => j.TextContent.Contains("Little Stars New Center", StringComparison.Ordinal));
        var create = (IHtmlFormElement)job.QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.EndsWith("/create", StringComparison.Ordinal));

        var bad = await staff.PostFormAsync(create, values: new Dictionary<string, string> { ["licenseNumber"] = "12-34", ["county"] = "Alameda" });
        Assert.Contains("Enter the 9-digit license number.", (await bad.ReadPageAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(create, values: new Dictionary<string, string> { ["licenseNumber"] = "019876543", ["county"] = "Alameda", ["facilityType"] = "DayCareCenter" })).StatusCode);

        await using var check = _app.Services.CreateAsyncScope();
        var db2 = check.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var site = await db2.Employers.SingleAsync(e => e.LicenseNumber == "019876543");
        Assert.Equal(("LITTLE STARS NEW CENTER", "Alameda"), (site.Name, site.County));
        Assert.Equal(site.Id, await db2.Employments.Where(e => e.ProfessionalId == professionalId).Select(e => e.EmployerId).SingleAsync());
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

    [Fact]
    public async Task A_merge_keeps_every_entry_and_document_of_both_records()
    {
        var (older, olderId) = await _app.SignedInProfessionalAsync();
        var (newer, newerId) = await _app.SignedInProfessionalAsync();
        foreach (var client in new[] { older, newer })
        {
            await new SignUpDriver(client).SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
            {
                ["Institution"] = "City College", ["Title"] = client == older ? "Older course" : "Newer course", ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = "A", ["Category"] = "OtherEce",
            });
        }

        string newerUserId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var flagged = await db.Professionals.SingleAsync(p => p.Id == newerId);
            flagged.FlagPossibleDuplicateOf(olderId);
            newerUserId = flagged.UserId;
            db.Documents.Add(new Registry.Web.Domain.Documents.Document(newerId, Registry.Web.Domain.Documents.DocumentKind.Transcript, "newer.pdf", Registry.Web.Domain.Documents.DocumentFileType.Pdf, 10, Guid.NewGuid().ToString("N"), new string('0', 64), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var page = await staff.GetPageAsync("/staff/duplicates");
        var pair = page.QuerySelectorAll(".duplicate-pair").Single(p => p.QuerySelectorAll("form").Any(f => f.GetAttribute("action")!.Contains($"/duplicates/{newerId}/", StringComparison.Ordinal)));
        Assert.Contains("0 jobs, 1 courses, 0 degrees, 0 permits, 0 training, 1 documents", pair.TextContent, StringComparison.Ordinal);
        var compare = await staff.GetPageAsync($"/staff/duplicates/{newerId}");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync((IHtmlFormElement)compare.GetElementById("merge-form")!)).StatusCode);

        await using var check = _app.Services.CreateAsyncScope();
        var db2 = check.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.False(await db2.Professionals.AnyAsync(p => p.Id == newerId));
        Assert.Equal(olderId, await db2.Professionals.IgnoreQueryFilters().Where(p => p.Id == newerId).Select(p => p.MergedIntoId).SingleAsync());
        Assert.Equal(["Newer course", "Older course"], await db2.Courses.Where(c => c.ProfessionalId == olderId).Select(c => c.Title).OrderBy(t => t).ToListAsync());
        Assert.True(await db2.Documents.AnyAsync(d => d.ProfessionalId == olderId && d.FileName == "newer.pdf"));
        Assert.True(await db2.RecordChanges.AnyAsync(c => c.ProfessionalId == olderId && c.Field == "Professional.MergedRegistryId"));
        Assert.NotNull(await db2.Users.Where(u => u.Id == newerUserId).Select(u => u.LockoutEnd).SingleAsync());

        // Both people were signed out by the merge; the one kept signs in again and sees both records' entries.
        foreach (var client in new[] { older, newer })
        {
            using var signedOut = await client.GetAsync(new Uri("/my-registry/education", UriKind.Relative));
            Assert.StartsWith("/account/sign-in", signedOut.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        }

        // The merged-away account signs in no more, and says nothing of why.
        var goneEmail = await db2.Users.Where(u => u.Id == newerUserId).Select(u => u.Email!).SingleAsync();
        using (var gone = await new SignUpDriver(_app.CreateBrowserLikeClient()).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = goneEmail, ["Password"] = TestAccounts.Password }))
        {
            Assert.Contains("do not match an account", (await gone.ReadPageAsync()).GetElementById("sign-in-message")?.TextContent, StringComparison.Ordinal);
        }

        var kept = _app.CreateBrowserLikeClient();
        var olderEmail = await db2.Professionals.Where(p => p.Id == olderId).Select(p => p.Email).SingleAsync();
        Assert.Equal("/my-registry", (await _app.SignInAsync(kept, olderEmail)).Headers.Location?.OriginalString);
        Assert.Contains("Newer course", (await kept.GetPageAsync("/my-registry/education")).Body!.TextContent, StringComparison.Ordinal);
    }
}
