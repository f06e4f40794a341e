using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Operations;

/// <summary>
/// Starting a new version on a database that has not been migrated (a server database, where the
/// app does not migrate by itself) stops at once with a message naming what is missing and how to
/// apply it, not a stack trace from the first query; so does starting in Production without the
/// registry's public address.
/// </summary>
[Trait("Servers", "Own")]
public sealed class StartupTests : IDisposable
{
    private readonly ScratchFolder _folder = new("startup");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_database_without_the_migrations_stops_the_app_with_a_message_saying_how_to_apply_them()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Registry"] = $"Data Source={_folder["registry.db"]}",
            ["Database:MigrateOnStartup"] = "false",
            ["Storage:DocumentsPath"] = _folder["documents"],
            ["Email:PickupFolder"] = _folder["mail"],
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };

        var (exit, output) = await RegistryProcess.RunAsync(settings);

        Assert.Equal(1, exit);
        Assert.Contains("The database lacks", output, StringComparison.Ordinal);
        Assert.Contains("_Initial", output, StringComparison.Ordinal);
        Assert.Contains("Database__MigrateOnStartup=true", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Site:PublicUrl is not set")]
    [InlineData("registry.example.gov", "is not an absolute http or https address")]
    public async Task Production_without_its_public_address_stops_with_a_message_naming_the_setting(string? publicUrl, string message)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Registry"] = $"Data Source={_folder["registry.db"]}",
            ["Storage:DocumentsPath"] = _folder["documents"],
            ["Email:PickupFolder"] = _folder["mail"],
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        if (publicUrl is not null)
        {
            settings["Site:PublicUrl"] = publicUrl;
        }

        var (exit, output) = await RegistryProcess.RunAsync(settings);

        Assert.Equal(1, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Contains("Site__PublicUrl", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Production reached over plain HTTP (a proxy that does not say the request came over HTTPS, or
    /// people on the app's own HTTP port): the form pages used to answer 500 (the antiforgery cookie is
    /// HTTPS-only). The page now says what is wrong, and the log says what to change.
    /// </summary>
    [Fact]
    public async Task Production_over_plain_HTTP_says_what_is_wrong_on_the_page_and_in_the_log_instead_of_a_500()
    {
        await using var app = await RegistryProcess.ServeAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Registry"] = $"Data Source={_folder["plain.db"]}",
            ["Storage:DocumentsPath"] = _folder["documents"],
            ["Email:PickupFolder"] = _folder["mail"],
        });
        using var client = app.CreateBrowserLikeClient();

        using var signIn = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
        Assert.Contains("unencrypted (HTTP) connection", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!app.Output.Contains("X-Forwarded-Proto", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Contains("A page was asked for over plain HTTP", app.Output, StringComparison.Ordinal);
        Assert.Contains("proxy_set_header X-Forwarded-Proto", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AntiforgeryValidationException", app.Output, StringComparison.Ordinal);

        // Probes on the internal network still reach the health check over plain HTTP.
        using (var health = await client.GetAsync(new Uri("/health/live", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        }

        // A proxy that says the request came over HTTPS, from a trusted address (loopback): the page and its form work.
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        using var page = await client.SendAsync(proxied);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("__RequestVerificationToken", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", app.Output, StringComparison.Ordinal);
    }
}
