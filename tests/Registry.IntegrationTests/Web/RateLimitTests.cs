using System.Net;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Web;

public sealed class LowLimitsAppFactory : RegistryAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:SignInPerMinute"] = "3",
        ["RateLimits:EmployerLookupsPerMinute"] = "3",
        ["RateLimits:VerifyPerMinute"] = "3",
        ["RateLimits:SignUpPerMinute"] = "3",
        ["RateLimits:AccountEmailsPerMinute"] = "3",
    };
}

/// <summary>Too many tries answer with the friendly page, not a bare 429.</summary>
public sealed class RateLimitTests : IClassFixture<LowLimitsAppFactory>
{
    private readonly LowLimitsAppFactory _app;

    public RateLimitTests(LowLimitsAppFactory app) => _app = app;

    [Fact]
    public async Task Repeated_sign_in_attempts_get_a_friendly_page()
    {
        var client = _app.CreateBrowserLikeClient();
        var driver = new SignUpDriver(client);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await driver.SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = "someone@example.org", ["Password"] = "not the password" });
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var page = await last!.ReadPageAsync();
        Assert.Equal("Too many tries", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Signing_up_is_limited_per_client_and_another_client_still_signs_up()
    {
        var client = ClientAddresses.From(_app, "198.51.100.21");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(new Uri("/sign-up/personal", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        using var other = await ClientAddresses.From(_app, "198.51.100.22").GetAsync(new Uri("/sign-up/personal", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Account_emails_share_one_limit_per_client_with_the_friendly_page()
    {
        var client = ClientAddresses.From(_app, "198.51.100.31");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        // A reset, a reset, a sign-in link, a reset: one count for every kind of account email.
        foreach (var action in new[] { "/account/forgot-password", "/account/forgot-password", "/account/sign-in-link", "/account/forgot-password" })
        {
            var form = (await client.GetPageAsync("/account/forgot-password")).Forms.Single(f => f.Action.EndsWith("/account/forgot-password", StringComparison.Ordinal));
            form.Action = action;
            last = await client.PostFormAsync(form, values: new Dictionary<string, string> { ["Email"] = "someone@example.org", ["email"] = "someone@example.org" });
            statuses.Add(last.StatusCode);
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal("Too many tries", (await last!.ReadPageAsync()).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task The_employer_look_up_is_limited_too()
    {
        var client = _app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(new Uri("/employers/lookup?q=montessori", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Trying_registry_ids_and_certificate_codes_on_the_verify_page_is_limited_with_the_friendly_page()
    {
        var client = _app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            // Guessing ids, then certificate codes: one limit for both.
            last = await client.GetAsync(new Uri(i < 2 ? $"/verify/1000000{i}" : $"/verify/10000000?certificate=guess{i}", UriKind.Relative));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, statuses[0]);
        Assert.Equal(HttpStatusCode.NotFound, statuses[2]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var page = await last!.ReadPageAsync();
        Assert.Equal("Too many tries", page.QuerySelector("h1")?.TextContent);
    }
}
