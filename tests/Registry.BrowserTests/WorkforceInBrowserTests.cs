using Microsoft.Extensions.DependencyInjection;
using Registry.Synthetic;
using Registry.Web.Domain.Workforce;
using Registry.Web.Features.Workforce;

namespace Registry.BrowserTests;

/// <summary>In Chromium on a phone, without JavaScript: anyone reads the published workforce figures, picks a county and a dimension, and reads the map.</summary>
public sealed class WorkforceInBrowserTests : IClassFixture<BrowserApp>
{
    private readonly BrowserApp _app;

    public WorkforceInBrowserTests(BrowserApp app) => _app = app;

    [BrowserFact]
    public async Task Anyone_reads_the_published_figures_by_county_and_the_map_on_a_phone_without_javascript()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<SyntheticState>(scope.ServiceProvider).GenerateAsync(new SyntheticStateSize(People: 4000, Employers: 500, TrainingRecords: 8000, Courses: 4000, Seed: 11), CancellationToken.None);
            var taking = scope.ServiceProvider.GetRequiredService<CensusTaking>();
            var snapshots = scope.ServiceProvider.GetRequiredService<Snapshots.Handler>();
            var id = await taking.RequestAsync(SnapshotKind.OnDemand, null, CancellationToken.None);
            await taking.FillAsync(id, CancellationToken.None);
            await snapshots.PublishAsync(id, "test", publish: true, CancellationToken.None);
        }

        await using var phone = await _app.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await phone.NewPageAsync();
        await page.GotoAsync($"{_app.BaseUrl}/");
        await page.ClickAsync("a.nav-link:has-text('Workforce data')");
        await page.SelectOptionAsync("#Rows", "Age");
        await page.SelectOptionAsync("#County", "Los Angeles");
        await page.ClickAsync("#report-form button[type=submit]");
        await page.WaitForLoadStateAsync();

        Assert.Contains("Rows=Age", page.Url, StringComparison.Ordinal);
        Assert.StartsWith("Los Angeles:", (await page.InnerTextAsync("#report-summary")).Trim(), StringComparison.Ordinal);
        Assert.Equal(6, await page.Locator("#report-table tbody tr").CountAsync());
        Assert.Equal("Los Angeles by age", await page.Locator("figure.workforce-chart svg[role=img] > title").TextContentAsync());
        Assert.True(await page.Locator("figure.workforce-chart svg > desc").CountAsync() == 1, "The chart describes itself.");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "The page does not scroll sideways on a phone (the table scrolls in its own box).");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "workforce-report-phone.png"), FullPage = true });

        await page.ClickAsync("text=County map");
        await page.SelectOptionAsync("#measure", "HoldsPermit");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForLoadStateAsync();
        Assert.Equal(58, await page.Locator("#county-map path").CountAsync());
        Assert.Contains("Share holding a Child Development Permit", await page.InnerTextAsync("#map-table thead"), StringComparison.Ordinal);
        Assert.Matches(@"\d+(\.\d)?%", await page.InnerTextAsync("#map-table tr[data-county='Los Angeles'] td"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "workforce-map-phone.png"), FullPage = true });
    }
}
