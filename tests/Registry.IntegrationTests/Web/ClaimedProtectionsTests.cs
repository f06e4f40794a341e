using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Web;

/// <summary>
/// Protections docs/security.md claims, each shown as a client would meet it: the cookies' flags,
/// a sign-in that never sends the person off the site, and /metrics answered only to the internal
/// network (never to a public client, directly or through the proxy).
/// </summary>
public sealed class ClaimedProtectionsTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    [Fact]
    public async Task The_session_and_antiforgery_cookies_are_secure_http_only_and_same_site()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://registry.test") });

        using var get = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        var antiforgery = Cookie(get, "Registry.Antiforgery");
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);

        var form = (IHtmlFormElement)(await get.ReadPageAsync()).Forms.Single(f => f.Action.EndsWith("/account/sign-in", StringComparison.Ordinal));
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([
                new("__RequestVerificationToken", form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value),
                new("Email", email), new("Password", TestAccounts.Password)]),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var signedIn = await client.SendAsync(post);
        Assert.Equal("/my-registry", signedIn.Headers.Location?.OriginalString);

        // The __Host- prefix: the browser keeps it only if it is Secure, for the whole site, from this host alone.
        var session = Cookie(signedIn, "__Host-Registry.Session");
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example/account/sign-in")]
    [InlineData("//evil.example/my-registry")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://registry.test.evil.example/")]
    public async Task Signing_in_never_sends_the_person_off_the_site(string returnUrl)
    {
        var (email, _, _) = await app.ProfessionalAsync();
        var client = app.CreateBrowserLikeClient();
        using var signedIn = await new SignUpDriver(client).SubmitAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestAccounts.Password, ["ReturnUrl"] = returnUrl });
        Assert.Equal("/my-registry", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_local_return_address_is_kept()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        var client = app.CreateBrowserLikeClient();
        using var signedIn = await new SignUpDriver(client).SubmitAsync("/account/sign-in?returnUrl=%2Fmy-registry%2Feducation", "/account/sign-in",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestAccounts.Password, ["ReturnUrl"] = "/my-registry/education" });
        Assert.Equal("/my-registry/education", signedIn.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("203.0.113.9", null, HttpStatusCode.NotFound)]
    [InlineData("127.0.0.1", "203.0.113.9", HttpStatusCode.NotFound)]
    [InlineData("10.1.2.3", null, HttpStatusCode.OK)]
    [InlineData("127.0.0.1", null, HttpStatusCode.OK)]
    public async Task Metrics_answer_only_the_internal_network_never_a_public_client_directly_or_through_the_proxy(string address, string? forwardedFor, HttpStatusCode expected)
    {
        var client = ClientAddresses.From(app, address);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (expected == HttpStatusCode.NotFound)
        {
            Assert.DoesNotContain("registry_outbox_waiting", body, StringComparison.Ordinal);
        }
    }

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new InvalidOperationException($"No {name} cookie set; got: {string.Join(" | ", response.Headers.TryGetValues("Set-Cookie", out var all) ? all : [])}");
}
