using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.BrowserTests;

/// <summary>
/// In Chromium on a phone without JavaScript: registry staff write an announcement in English
/// and Spanish for one county, see how many it reaches, send it; a Spanish speaker there reads it
/// in Spanish in her email and as a notice in My Registry.
/// </summary>
public sealed class AnnouncementsInBrowserTests : IClassFixture<BrowserApp>
{
    private const string Password = BrowserApp.Password;
    private readonly BrowserApp _app;

    public AnnouncementsInBrowserTests(BrowserApp app) => _app = app;

    [BrowserFact]
    public async Task Staff_send_an_announcement_to_a_county_and_a_Spanish_speaker_reads_it_in_Spanish_on_her_phone()
    {
        var staff = await AccountAsync("staff", role: Roles.RegistryStaff);
        var reader = await AccountAsync("lucia", county: "Fresno", language: "es");
        await AccountAsync("elsewhere", county: "Alameda", language: "es");

        await using var phone = await _app.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await _app.SignedInAsync(phone, staff);
        await page.GotoAsync($"{_app.BaseUrl}/announcements");
        await page.ClickAsync("#new-announcement");
        await page.CheckAsync("#Kind-Deadlines");
        await page.FillAsync("#SubjectEnglish", "Smoke from the fires: sites may close");
        await page.FillAsync("#BodyEnglish", "Check with your director before you travel.");
        await page.FillAsync("#SubjectSpanish", "Humo de los incendios: los centros pueden cerrar");
        await page.FillAsync("#BodySpanish", "Consulte con su director antes de viajar.");
        await page.SelectOptionAsync("#County", "Fresno");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForLoadStateAsync();

        Assert.Contains("It will reach 1 people now: 0 in English and 1 in Spanish.", await page.InnerTextAsync("#reach"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "The announcement page does not scroll sideways on a phone.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "announcement-phone.png"), FullPage = true });
        await page.ClickAsync("#send-now");
        await page.WaitForLoadStateAsync();

        var email = Assert.Single(await _app.Smtp.WaitForAsync(m => m.Subject?.StartsWith("Humo", StringComparison.Ordinal) == true, 1, TimeSpan.FromSeconds(60)));
        Assert.Equal(reader, email.To.Mailboxes.Single().Address);
        Assert.Contains("Consulte con su director antes de viajar.", email.TextBody, StringComparison.Ordinal);

        await using var hers = await _app.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 844 } });
        var mine = await _app.SignedInAsync(hers, reader);
        await mine.ClickAsync("#my-notices a");
        await mine.WaitForLoadStateAsync();
        Assert.Equal("Humo de los incendios: los centros pueden cerrar", (await mine.InnerTextAsync("#notice-subject")).Trim());
        Assert.Contains("Consulte con su director", await mine.InnerTextAsync("#notice-body"), StringComparison.Ordinal);
    }

    private async Task<string> AccountAsync(string name, string? role = null, string? county = null, string language = "en")
    {
        var email = $"browser.{name}.{Guid.NewGuid():N}@example.org";
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        if (role is not null)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return email;
        }

        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var person = new Professional(await TestRegistryIds.NextAsync(db), user.Id, new PersonName(name, null, "Reader"), new DateOnly(1990, 1, 1), email, DateTimeOffset.UtcNow)
        {
            County = county,
            PreferredLanguage = language,
        };
        db.Professionals.Add(person);
        await db.SaveChangesAsync();
        return email;
    }
}
