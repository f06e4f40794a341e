using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.BrowserTests;

/// <summary>
/// In Chromium: a sponsor posts an event, a professional finds it on the calendar and registers
/// on a phone, the sponsor marks attendance, and the professional sees the verified hours at once.
/// </summary>
public sealed class CalendarInBrowserTests : IClassFixture<BrowserApp>
{
    private const string Password = BrowserApp.Password;
    private readonly BrowserApp _app;

    public CalendarInBrowserTests(BrowserApp app) => _app = app;

    private async Task<(string Email, int ProfessionalId)> PersonAsync(string first, string last)
    {
        var email = $"browser.{first.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var person = new Professional(await TestRegistryIds.NextAsync(db), user.Id, new PersonName(first, null, last), new DateOnly(1990, 1, 1), email, DateTimeOffset.UtcNow);
        db.Professionals.Add(person);
        await db.SaveChangesAsync();
        return (email, person.Id);
    }

    [BrowserFact]
    public async Task A_sponsor_posts_an_event_a_professional_registers_and_sees_the_verified_hours_once_attendance_is_posted()
    {
        var (managerEmail, managerId) = await PersonAsync("Marta", "Sponsor");
        var (teacherEmail, _) = await PersonAsync("Lupe", "Teacher");
        int sponsorId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var userId = db.Professionals.Where(p => p.Id == managerId).Select(p => p.UserId).Single();
            var sponsor = new Sponsor("Mission Training Collaborative", "events@example.org", null, "San Francisco", null, userId, DateTimeOffset.UtcNow);
            sponsor.Approve("seed", DateTimeOffset.UtcNow);
            db.Sponsors.Add(sponsor);
            await db.SaveChangesAsync();
            var member = new SponsorMember(sponsor.Id, userId, SponsorRole.Manager, DateTimeOffset.UtcNow);
            member.Approve(DateTimeOffset.UtcNow, true);
            db.SponsorMembers.Add(member);
            await db.SaveChangesAsync();
            sponsorId = sponsor.Id;
        }

        // The sponsor posts an event for today.
        await using var desk = await _app.NewContextAsync();
        var sponsorPage = await _app.SignedInAsync(desk, managerEmail);
        await sponsorPage.GotoAsync($"{_app.BaseUrl}/sponsors/{sponsorId}");
        await sponsorPage.ClickAsync("#new-event");
        var today = TestClock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await sponsorPage.FillAsync("#Title", "Songs and Stories for Toddlers");
        await sponsorPage.SelectOptionAsync("#Topic", "CurriculumAndLearning");
        await sponsorPage.SelectOptionAsync("#Language", "en");
        await sponsorPage.SelectOptionAsync("#Audience", "Everyone");
        await sponsorPage.FillAsync("#Address", "2 Valencia St");
        await sponsorPage.FillAsync("#City", "San Francisco");
        await sponsorPage.SelectOptionAsync("#County", "San Francisco");
        await sponsorPage.FillAsync("[id='Sessions[0].Day']", today);
        await sponsorPage.FillAsync("[id='Sessions[0].Starts']", "09:00");
        await sponsorPage.FillAsync("[id='Sessions[0].Ends']", "11:30");
        await sponsorPage.FillAsync("#Capacity", "12");
        await sponsorPage.FillAsync("#RegistrationDeadline", today);
        await sponsorPage.FillAsync("#WithdrawalDays", "0");
        await BrowserApp.SubmitAsync(sponsorPage, "main form button[type=submit]", new Regex(@"/training/events/\d+$"));
        var eventUrl = sponsorPage.Url;
        await Screenshot(sponsorPage, "calendar-1-posted");

        // A professional finds it on a phone and registers.
        await using var phone = await _app.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var teacher = await _app.SignedInAsync(phone, teacherEmail);
        await teacher.GotoAsync($"{_app.BaseUrl}/training");
        await teacher.FillAsync("#Q", "toddlers songs");
        await teacher.SelectOptionAsync("#County", "San Francisco");
        await teacher.ClickAsync("#calendar-search button[type=submit]");
        await teacher.ClickAsync("text=Songs and Stories for Toddlers");
        await teacher.ClickAsync("#register");
        Assert.Equal("You are registered.", (await teacher.TextContentAsync("#my-status"))?.Trim());
        await Screenshot(teacher, "calendar-2-registered");

        // The sponsor marks her present; her profile shows the verified hours at once.
        await sponsorPage.GotoAsync(eventUrl.Replace("/training/events/", "/sponsors/events/", StringComparison.Ordinal) + "/attendance");
        await sponsorPage.CheckAsync(".roster-form input[type=checkbox]");
        await sponsorPage.ClickAsync(".roster-form button[type=submit]");
        Assert.Contains("Posted: 1.", await sponsorPage.TextContentAsync("#posted"), StringComparison.Ordinal);
        await Screenshot(sponsorPage, "calendar-3-attendance");

        await teacher.GotoAsync($"{_app.BaseUrl}/my-registry/training");
        var training = await teacher.TextContentAsync("main");
        Assert.Contains("Songs and Stories for Toddlers", training, StringComparison.Ordinal);
        Assert.Contains("2.5", training, StringComparison.Ordinal);
        await teacher.GotoAsync(eventUrl);
        await teacher.ClickAsync("#certificate-link");
        Assert.Contains("2.5 clock hours", await teacher.TextContentAsync("#certificate-hours"), StringComparison.Ordinal);
        await Screenshot(teacher, "calendar-4-certificate");
    }

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserApp.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, name + ".png"), FullPage = true });
    }
}
