using AngleSharp.Dom;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Web;

public sealed class SiteTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public SiteTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task The_home_page_says_what_Registry_is()
    {
        var page = await _app.CreateClient().GetPageAsync("/");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("early care and education workforce registry", page.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("meta[name=viewport]"));
    }

    [Fact]
    public async Task The_home_page_speaks_Spanish_to_a_Spanish_browser()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-MX,es;q=0.9");

        var page = await client.GetPageAsync("/");

        Assert.Equal("es", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("registro del personal de cuidado y educación temprana", page.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_the_database_healthy()
    {
        using var response = await _app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Liveness_answers_without_the_database_and_readiness_reports_email_too()
    {
        var client = _app.CreateClient();
        using (var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            using var json = JsonDocument.Parse(await live.Content.ReadAsStringAsync());
            Assert.Empty(json.RootElement.GetProperty("checks").EnumerateObject());
        }

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("smtp").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Metrics_count_requests_and_the_outbox_in_Prometheus_form()
    {
        var client = _app.CreateClient();
        using (await client.GetAsync(new Uri("/employers?q=montessori", UriKind.Relative)))
        {
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string metrics;
        do
        {
            await Task.Delay(200);
            using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            metrics = await response.Content.ReadAsStringAsync();
        }
        while (!metrics.Contains("http_server_request_duration_seconds_count", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Contains("http_server_request_duration_seconds_count{", metrics, StringComparison.Ordinal);
        Assert.Contains("http_route=\"employers\"", metrics, StringComparison.Ordinal);
        Assert.Contains("registry_outbox_waiting", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_remembers_Spanish_and_returns_to_the_page()
    {
        var client = _app.CreateBrowserLikeClient();
        var page = await client.GetPageAsync("/employers?q=montessori");
        var spanish = page.QuerySelector<IHtmlAnchorElement>("#language-switch a[lang=es]")!;

        using var response = await client.GetAsync(new Uri(spanish.GetAttribute("href")!, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/employers?q=montessori", response.Headers.Location?.OriginalString);
        var after = await client.GetPageAsync("/employers?q=montessori");
        Assert.Equal("es", after.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Buscar un empleador", after.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task A_signed_in_persons_language_switch_is_a_form_that_needs_its_token()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var form = (await client.GetPageAsync("/")).Forms.Single(f => f.Action.EndsWith("/language", StringComparison.Ordinal));
        using var content = new FormUrlEncodedContent([new("culture", "es"), new("returnUrl", "/")]);

        using (var forged = await client.PostAsync(new Uri("/language", UriKind.Relative), content))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using var response = await client.PostFormAsync(form, values: new Dictionary<string, string> { ["culture"] = "es", ["returnUrl"] = "/my-registry" });
        Assert.Equal("/my-registry", response.Headers.Location?.OriginalString);
        Assert.Equal("es", (await client.GetPageAsync("/my-registry")).DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task The_language_switch_never_redirects_off_the_site(string returnUrl)
    {
        var client = _app.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/language?culture=es&returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_language_changes_nothing()
    {
        var client = _app.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/language?culture=xx&returnUrl=/training", UriKind.Relative));

        Assert.Equal("/training", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("en", (await client.GetPageAsync("/training")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404()
    {
        var page = await _app.CreateClient().GetPageAsync("/no-such-page", HttpStatusCode.NotFound);

        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent);
    }
}

public sealed class SecurityHeadersTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public SecurityHeadersTests(RegistryAppFactory app) => _app = app;

    [Theory]
    [InlineData("/")]
    [InlineData("/employers?q=montessori")]
    [InlineData("/no-such-page")]
    public async Task Every_page_carries_the_security_headers(string url)
    {
        using var response = await _app.CreateClient().GetAsync(new Uri(url, UriKind.Relative));

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.NotNull(response.Headers.StrictTransportSecurity());
    }

    [Fact]
    public async Task Plain_HTTP_is_redirected_to_HTTPS()
    {
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://registry.test") });

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.True(response.StatusCode is HttpStatusCode.RedirectKeepVerb or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect, $"{response.StatusCode}");
        Assert.Equal("https", response.Headers.Location?.Scheme);
    }

    [Fact]
    public async Task No_page_has_inline_script()
    {
        var page = await _app.CreateClient().GetPageAsync("/employers?q=montessori");

        Assert.All(page.Scripts, script => Assert.False(string.IsNullOrEmpty(script.Source), "inline <script> found"));
        Assert.Empty(page.QuerySelectorAll("[onclick],[onload],[onsubmit],[style]"));
    }
}

internal static class HeaderExtensions
{
    public static string? StrictTransportSecurity(this System.Net.Http.Headers.HttpResponseHeaders headers) =>
        headers.TryGetValues("Strict-Transport-Security", out var values) ? values.Single() : null;
}
