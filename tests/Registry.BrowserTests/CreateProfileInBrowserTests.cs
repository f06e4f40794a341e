using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Registry.BrowserTests;

/// <summary>A new user creates a profile in real Chromium, with and without JavaScript, confirms from the email and lands on My Registry.</summary>
public sealed partial class CreateProfileInBrowserTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp _app;

    public CreateProfileInBrowserTests(BrowserApp app) => _app = app;

    [BrowserFact]
    public async Task With_JavaScript_the_employer_pop_up_opens_as_they_type()
    {
        await using var context = await _app.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        var email = $"browser.js.{Guid.NewGuid():N}@example.org";

        await FillPersonalAsync(page, email, "js");

        await page.FillAsync("#Q", string.Empty);
        await page.Locator("#Q").PressSequentiallyAsync("380500086", new() { Delay = 40 });
        var dialog = page.Locator("#employer-dialog");
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Equal("true", await page.GetAttributeAsync("#Q", "aria-expanded"));
        await ScreenshotAsync(page, "js", "2-employer-pop-up");
        await page.Locator("#Q").PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/sign-up/employment$"));

        await FillEmploymentAndEducationAsync(page, "js");
        await ConfirmAndSeeMyRegistryAsync(page, email, "js");
    }

    [BrowserFact]
    public async Task Without_JavaScript_the_results_page_does_the_same_work()
    {
        await using var context = await _app.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        var email = $"browser.nojs.{Guid.NewGuid():N}@example.org";

        await FillPersonalAsync(page, email, "no-js");

        await page.FillAsync("#Q", "ho, nancy");
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.WaitForSelectorAsync("#results-heading");
        await ScreenshotAsync(page, "no-js", "2-employer-results");
        await BrowserApp.SubmitAsync(page, "button[aria-label='Select Ho, Nancy']", new Regex("/sign-up/employment$"));

        await FillEmploymentAndEducationAsync(page, "no-js");
        await ConfirmAndSeeMyRegistryAsync(page, email, "no-js");
    }

    [BrowserFact]
    public async Task Errors_are_summarised_at_the_top_and_the_pages_pass_an_accessibility_check()
    {
        await using var context = await _app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{_app.BaseUrl}/sign-up/personal");

        await page.ClickAsync("form.wizard-form button[type=submit]");

        await page.WaitForSelectorAsync("#error-summary");
        Assert.Equal("error-summary", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.ClickAsync("#error-summary a[href='#FirstName']");
        Assert.Equal("FirstName", await page.EvaluateAsync<string>("document.activeElement.id"));
        await ScreenshotAsync(page, "errors", "1-personal-errors");

        foreach (var path in new[] { "/", "/sign-up/personal", "/employers?q=montessori", "/account/sign-in" })
        {
            await page.GotoAsync(_app.BaseUrl + path);
            var results = await page.RunAxe();
            var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{path}: {v.Id} {v.Help}").ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious));
        }
    }

    private async Task FillPersonalAsync(IPage page, string email, string run)
    {
        await page.GotoAsync($"{_app.BaseUrl}/sign-up/personal");
        await page.FillAsync("#FirstName", "María José");
        await page.FillAsync("#LastName", "Peña-Ruiz");
        await page.FillAsync("#BirthDay", "12");
        await page.FillAsync("#BirthMonth", "4");
        await page.FillAsync("#BirthYear", "1990");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", "tiny tots teach me daily");
        await page.FillAsync("#ConfirmPassword", "tiny tots teach me daily");
        await ScreenshotAsync(page, run, "1-personal");
        await BrowserApp.SubmitAsync(page, "form.wizard-form button[type=submit]", new Regex("/sign-up/employer$"));
    }

    private static async Task FillEmploymentAndEducationAsync(IPage page, string run)
    {
        await page.SelectOptionAsync("#Role", "LeadTeacher");
        await page.FillAsync("#StartDay", "17");
        await page.FillAsync("#StartMonth", "8");
        await page.FillAsync("#StartYear", "2020");
        await page.FillAsync("#DaysPerWeek", "5");
        await page.FillAsync("#HoursPerWeek", "37.5");
        await page.CheckAsync("#AgeGroups-Preschool");
        await ScreenshotAsync(page, run, "3-employment");
        await BrowserApp.SubmitAsync(page, "main form button[type=submit]", new Regex("/sign-up/education$"));

        await page.SelectOptionAsync("#HighestLevel", "SomeCollege");
        await page.FillAsync("#EceUnits", "12");
        await ScreenshotAsync(page, run, "4-education");
        await BrowserApp.SubmitAsync(page, "main form button[type=submit]", new Regex("/sign-up/done$"));
        Assert.Equal("The requested account has been created successfully!", (await page.TextContentAsync("h1"))?.Trim());
        await ScreenshotAsync(page, run, "5-done");
    }

    private async Task ConfirmAndSeeMyRegistryAsync(IPage page, string email, string run)
    {
        var message = (await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email))).Single();
        var link = ConfirmLink().Match(message.TextBody ?? string.Empty).Value;
        Assert.StartsWith(_app.BaseUrl, link, StringComparison.Ordinal);

        await page.GotoAsync(link);
        await page.WaitForURLAsync(new Regex("/my-registry$"));
        Assert.Matches(@"^\d{4} \d{4}$", (await page.TextContentAsync("#registry-id"))?.Trim());
        await ScreenshotAsync(page, run, "6-my-registry");
    }

    private static async Task ScreenshotAsync(IPage page, string run, string step)
    {
        Directory.CreateDirectory(BrowserApp.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, $"{run}-{step}.png"), FullPage = true });
    }

    [GeneratedRegex(@"http://\S+/account/confirm-email\?\S+")]
    private static partial Regex ConfirmLink();
}
