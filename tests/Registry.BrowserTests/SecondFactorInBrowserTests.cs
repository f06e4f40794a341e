using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.BrowserTests;

/// <summary>
/// The second factor in Chromium: a director sets the authenticator app up on her phone, with and
/// without JavaScript, and is asked for a code the next time; someone adds a passkey (Chromium's
/// virtual authenticator) and signs in with it alone.
/// </summary>
public sealed class SecondFactorInBrowserTests : IClassFixture<BrowserApp>
{
    private const string Password = BrowserApp.Password;
    private readonly BrowserApp _app;

    public SecondFactorInBrowserTests(BrowserApp app) => _app = app;

    [BrowserFact]
    public Task A_director_sets_up_the_authenticator_app_on_her_phone_and_is_asked_for_a_code_next_time() =>
        SetUpOnAPhoneAsync(javaScript: true);

    [BrowserFact]
    public Task Without_JavaScript_the_authenticator_app_is_set_up_the_same_way() =>
        SetUpOnAPhoneAsync(javaScript: false);

    [BrowserFact]
    public async Task A_passkey_added_on_the_second_factor_page_signs_in_without_a_password()
    {
        var (email, userId) = await AccountAsync("passkey", director: false);
        await using var laptop = await _app.NewContextAsync();
        var page = await _app.SignedInAsync(laptop, email);
        await page.WaitForURLAsync(new Regex("/my-registry$"));
        await page.GotoAsync($"{_app.BaseUrl}/account/two-factor");

        // Chromium's virtual authenticator stands in for the laptop's fingerprint reader (added once
        // the page has loaded, so no navigation is under way while it is attached).
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
            },
        });

        Assert.False(await page.IsVisibleAsync("#passkey-needs-javascript"));
        await page.FillAsync("#Name", "Work laptop");
        await Screenshot(page, "passkey-1-add");
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        await page.ClickAsync("#add-passkey-button");
        await page.Locator("#passkey-list .passkey-name").Or(page.Locator("#add-passkey [data-passkey-status]:not(:empty)")).WaitForAsync();
        Assert.True(await page.Locator("#passkey-list .passkey-name").IsVisibleAsync(), (await page.InnerTextAsync("main")) + " | " + string.Join(" | ", console));
        Assert.Equal("Work laptop", (await page.InnerTextAsync("#passkey-list .passkey-name")).Trim());
        await Screenshot(page, "passkey-2-added");

        await BrowserApp.SubmitAsync(page, "nav form[action='/account/sign-out'] button", new Regex("/$"));
        await page.GotoAsync($"{_app.BaseUrl}/account/sign-in");
        Assert.True(await page.IsVisibleAsync("#passkey-sign-in-button"));
        await Screenshot(page, "passkey-3-sign-in");
        await page.ClickAsync("#passkey-sign-in-button");
        await page.WaitForURLAsync(new Regex("/my-registry$"));
        await Screenshot(page, "passkey-4-my-registry");

        await using var scope = _app.Services.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().AccountSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null).SingleAsync();
        Assert.Equal("Passkey", session.Method);
        Assert.True(session.SecondFactor);
    }

    [BrowserFact]
    public async Task Without_JavaScript_the_passkey_parts_say_so_and_stay_out_of_the_way()
    {
        var (email, _) = await AccountAsync("nojs", director: false);
        await using var context = await _app.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await _app.SignedInAsync(context, email);
        await page.GotoAsync($"{_app.BaseUrl}/account/two-factor");
        Assert.True(await page.IsVisibleAsync("#passkey-needs-javascript"));
        Assert.False(await page.IsVisibleAsync("#add-passkey"));
        await page.GotoAsync($"{_app.BaseUrl}/account/sign-in");
        Assert.False(await page.IsVisibleAsync("#passkey-sign-in"));
    }

    private async Task SetUpOnAPhoneAsync(bool javaScript)
    {
        var run = javaScript ? "js" : "no-js";
        var (email, _) = await AccountAsync("director-" + run, director: true);
        await using var phone = await _app.NewContextAsync(new() { JavaScriptEnabled = javaScript, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await phone.NewPageAsync();

        // She opens her site's page, signs in with her password, and is sent to set the second factor up.
        await page.GotoAsync($"{_app.BaseUrl}/access");
        await page.WaitForURLAsync(new Regex("/account/sign-in"));
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", Password);
        await BrowserApp.SubmitAsync(page, "main form[action='/account/sign-in'] button[type=submit]", new Regex("/account/two-factor\\?returnUrl=%2Faccess$"));
        Assert.True(await page.IsVisibleAsync("#second-factor-required"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "The set-up page does not scroll sideways on a phone.");
        await Screenshot(page, $"second-factor-{run}-1-set-up");
        if (javaScript)
        {
            var results = await page.RunAxe();
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} {v.Help}").ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious));
        }

        // The key typed into an app, whose code she types back.
        var key = (await page.InnerTextAsync("#authenticator-key")).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        await page.FillAsync("#Code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow));
        await page.ClickAsync("main form[action='/account/two-factor/set-up'] button[type=submit]");
        await page.WaitForSelectorAsync("#recovery-codes");
        var codes = (await page.Locator("#recovery-codes li").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "The recovery codes do not scroll sideways on a phone.");
        await Screenshot(page, $"second-factor-{run}-2-recovery-codes");

        // On to the page she wanted.
        await page.ClickAsync("main a.btn-primary");
        await page.WaitForURLAsync(new Regex("/access$"));
        await Screenshot(page, $"second-factor-{run}-3-access");

        // Next time, the password is not enough: a code is asked for (a recovery code does too).
        await BrowserApp.SubmitAsync(page, "nav form[action='/account/sign-out'] button", new Regex("/$"));
        await page.GotoAsync($"{_app.BaseUrl}/account/sign-in");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", Password);
        await BrowserApp.SubmitAsync(page, "main form[action='/account/sign-in'] button[type=submit]", new Regex("/account/sign-in/two-factor"));
        Assert.True(await page.IsVisibleAsync("#Code"));
        await Screenshot(page, $"second-factor-{run}-4-code-asked");
        await page.FillAsync("#Code", codes[0]);
        await BrowserApp.SubmitAsync(page, "main form button[type=submit]", new Regex("/my-registry$"));
    }

    /// <summary>A confirmed account with a professional record; a director holds a grant to a site (and so needs a second factor).</summary>
    private async Task<(string Email, string UserId)> AccountAsync(string name, bool director)
    {
        var email = $"browser.{name}.{Guid.NewGuid():N}@example.org";
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        db.Professionals.Add(new Professional(await TestRegistryIds.NextAsync(db), user.Id, new PersonName("Dana", null, "Director"), new DateOnly(1980, 3, 3), email, DateTimeOffset.UtcNow));
        if (director)
        {
            var site = await db.Employers.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            db.AccessGrants.Add(AccessGrant.ForSite(user.Id, AccessRole.SiteDirector, site, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365)));
        }

        await db.SaveChangesAsync();
        return (email, user.Id);
    }

    private static async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(BrowserApp.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, name + ".png"), FullPage = true });
    }
}
