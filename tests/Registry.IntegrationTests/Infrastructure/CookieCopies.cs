using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// A browser whose cookies the test can see and copy: what someone who stole a sign-in cookie
/// (from a shared computer, a proxy log, malware) would send.
/// </summary>
public sealed class CookieCopies
{
    private readonly RegistryAppFactory _app;
    private readonly CookieContainer _cookies = new();
    private static readonly Uri Site = new("https://registry.test");

    public CookieCopies(RegistryAppFactory app)
    {
        _app = app;
        Client = app.CreateDefaultClient(Site, new CookieContainerHandler(_cookies));
    }

    public HttpClient Client { get; }

    /// <summary>A second client sending a copy of these cookies as they are now (it keeps no cookies of its own).</summary>
    public HttpClient Copy()
    {
        var thief = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = Site });
        thief.DefaultRequestHeaders.Add("Cookie", _cookies.GetCookieHeader(Site));
        return thief;
    }
}
