using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.BrowserTests;

/// <summary>
/// Two roles doing their jobs in Chromium: a director asks for access to her site with proof,
/// registry staff approve it, and she confirms her staff in one form and reads the roster.
/// </summary>
public sealed class SiteAccessInBrowserTests : IClassFixture<BrowserApp>
{
    private const string Password = BrowserApp.Password;
    private const string License = "380500099";
    private readonly BrowserApp _app;

    public SiteAccessInBrowserTests(BrowserApp app) => _app = app;

    private async Task<string> AccountAsync(string name, string? role = null)
    {
        var email = $"browser.{name}.{Guid.NewGuid():N}@example.org";
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        if (role is not null)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        return email;
    }

    /// <summary>Three teachers who named the site as their employer, not yet confirmed.</summary>
    private async Task<int> StaffAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var site = await db.Employers.Where(e => e.LicenseNumber == License).Select(e => e.Id).SingleAsync();
        foreach (var name in new[] { "Ana", "Bao", "Carmen" })
        {
            var user = new RegistryUser { UserName = $"{name}.{Guid.NewGuid():N}@example.org", Email = $"{name}@example.org" };
            db.Users.Add(user);
            var person = new Professional(await TestRegistryIds.NextAsync(db), user.Id, new PersonName(name, null, "Teacher"), new DateOnly(1990, 1, 1), user.Email, DateTimeOffset.UtcNow);
            person.AddEmployment(Employment.AtListedEmployer(site, EmploymentRole.Teacher, TestClock.Today.AddYears(-1), new EmploymentSchedule(5, 8)));
            db.Professionals.Add(person);
        }

        await db.SaveChangesAsync();
        return site;
    }

    [BrowserFact]
    public async Task A_director_gets_access_with_proof_confirms_her_staff_in_one_form_and_reads_the_roster()
    {
        var site = await StaffAsync();
        var director = await AccountAsync("director");
        var staff = await AccountAsync("staff", Roles.RegistryStaff);

        // The director asks, on a phone-sized screen.
        await using var phone = await _app.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await _app.SignedInAsync(phone, director);
        await page.GotoAsync($"{_app.BaseUrl}/access/request");
        await page.FillAsync("#q", License);
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.CheckAsync($"#Site-{site}");
        await page.FillAsync("#Position", "Site director");
        await page.SetInputFilesAsync("#Proof", new FilePayload { Name = "letter.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await BrowserApp.SubmitAsync(page, "form[enctype='multipart/form-data'] button[type=submit]", new Regex("/access$"));
        Assert.Contains("CALVARY PRESBYTERIAN", await page.TextContentAsync(".access-request"), StringComparison.Ordinal);
        await Screenshot(page, "access-1-requested");

        // Registry staff approve it.
        await using var desk = await _app.NewContextAsync();
        var staffPage = await _app.SignedInAsync(desk, staff);
        await staffPage.GotoAsync($"{_app.BaseUrl}/staff/access-requests");
        await staffPage.ClickAsync("form[action$='/approve'] button[type=submit]");
        await staffPage.WaitForLoadStateAsync();
        await Screenshot(staffPage, "access-2-approved");

        // Now a director, she is asked to set up a second factor first, on her phone.
        await page.GotoAsync($"{_app.BaseUrl}/access");
        Assert.Contains("/account/two-factor", page.Url, StringComparison.Ordinal);
        await Screenshot(page, "access-3-second-factor");
        await _app.SecondFactorAsync(page, director);
        Assert.EndsWith("/access", page.Url, StringComparison.Ordinal);

        // The director confirms everyone at once and sees them on the roster.
        await page.ClickAsync($"a[href='/sites/{site}/staff']");
        Assert.Equal(3, await page.Locator(".staff-row").CountAsync());
        await BrowserApp.SubmitAsync(page, "#confirm-all", new Regex($"/sites/{site}/staff$"));
        Assert.Contains("3", await page.TextContentAsync("[role=status]"), StringComparison.Ordinal);
        await page.GotoAsync($"{_app.BaseUrl}/sites/{site}/roster");
        var rows = await page.Locator(".roster-row th").AllTextContentsAsync();
        Assert.Equal(["Ana Teacher", "Bao Teacher", "Carmen Teacher"], rows.Select(r => r[..(r.IndexOf("Teacher", StringComparison.Ordinal) + "Teacher".Length)]));
        await Screenshot(page, "access-4-roster");

        // Another site's roster is not hers to see.
        var other = await page.GotoAsync($"{_app.BaseUrl}/sites/{site + 1}/roster");
        Assert.Equal(404, other!.Status);
    }

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserApp.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, name + ".png"), FullPage = true });
    }
}
