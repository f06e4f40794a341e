using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Localization;

namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// Outside Development the sign-in and form cookies are sent over HTTPS only, so a page with a form
/// reached over plain HTTP cannot work: its antiforgery cookie cannot be set. That happens when a
/// TLS-terminating proxy does not say the request came over HTTPS (no <c>X-Forwarded-Proto</c>), or says
/// it from an address the registry does not trust (not loopback, not in <c>Proxy:KnownNetworks</c>), or
/// when people reach the app's own HTTP port. Rather than a 500 on every form, such a request gets a
/// page that says what is wrong (503, in the reader's language), and the log says what to change, at
/// once and then every five minutes while it lasts. Health checks and metrics, called over plain HTTP by
/// probes on the internal network, are not affected; nor is a request the app can redirect to its own
/// HTTPS port (which it then does), unless a proxy's header shows a redirect would come back over HTTP.
/// </summary>
public sealed partial class PlainHttpGuard(IConfiguration configuration, IServer server, TimeProvider time, ILogger<PlainHttpGuard> log)
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(5);
    private long _lastLoggedTicks;

    /// <summary>Whether a request over plain HTTP is refused with the explaining page.</summary>
    public bool Refuses(HttpContext context)
    {
        var request = context.Request;
        if (request.IsHttps || request.Path.StartsWithSegments("/health") || request.Path.StartsWithSegments("/metrics"))
        {
            return false;
        }

        // A proxy's header still on the request was not trusted (a trusted one is taken off by the forwarded-headers step).
        return request.Headers.ContainsKey("X-Forwarded-Proto") || !RedirectsToHttps();
    }

    public async Task RefuseAsync(HttpContext context, IStringLocalizer<SharedResource> t)
    {
        var request = context.Request;
        var proxy = request.Headers["X-Forwarded-Proto"].ToString();
        var from = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastLoggedTicks);
        if (now - last >= LogEvery.Ticks && Interlocked.CompareExchange(ref _lastLoggedTicks, now, last) == last)
        {
            if (proxy.Length > 0)
            {
                LogUntrustedProxy(log, from, proxy);
            }
            else
            {
                LogPlainHttp(log, from);
            }
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var language = Localization.Languages.Current;
        var page = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\"><title>")
            .Append(WebUtility.HtmlEncode(t["This site is not reachable securely"])).Append("</title></head><body style=\"font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem\"><main><h1>")
            .Append(WebUtility.HtmlEncode(t["This site is not reachable securely"])).Append("</h1><p id=\"plain-http\">")
            .Append(WebUtility.HtmlEncode(t["This page came over an unencrypted (HTTP) connection, and Registry signs people in and takes forms only over HTTPS. Nothing was sent or saved. Try the address starting with https://; if this page comes again, the registry's set-up needs fixing: please tell its operator."]))
            .Append("</p><p>").Append(WebUtility.HtmlEncode(t["For the operator: the registry's log says what to change."])).Append("</p></main></body></html>");
        await context.Response.WriteAsync(page.ToString(), context.RequestAborted);
    }

    private bool RedirectsToHttps() =>
        !string.IsNullOrEmpty(configuration["https_port"]) || !string.IsNullOrEmpty(configuration["HTTPS_PORT"])
        || (server.Features.Get<IServerAddressesFeature>()?.Addresses.Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? false);

    [LoggerMessage(Level = LogLevel.Error, Message = "A page was asked for over plain HTTP (from {RemoteAddress}, with X-Forwarded-Proto: {ForwardedProto}), but that header came from an address Registry does not trust as its proxy, so it was ignored. Outside Development, sign-in and form cookies are HTTPS-only, so such pages are refused with a 503 page saying so. Add the proxy's network to Proxy:KnownNetworks (as Proxy__KnownNetworks__0=10.0.0.0/8; loopback is always trusted) and restart.")]
    private static partial void LogUntrustedProxy(ILogger logger, string remoteAddress, string forwardedProto);

    [LoggerMessage(Level = LogLevel.Error, Message = "A page was asked for over plain HTTP (from {RemoteAddress}, no X-Forwarded-Proto header). Outside Development, sign-in and form cookies are HTTPS-only, so such pages are refused with a 503 page saying so. Behind a TLS-terminating proxy, have it send X-Forwarded-Proto (nginx: proxy_set_header X-Forwarded-Proto $scheme;) from a trusted address (loopback or Proxy:KnownNetworks); without a proxy, serve HTTPS (a Kestrel certificate, https in ASPNETCORE_URLS) so plain HTTP is redirected to it.")]
    private static partial void LogPlainHttp(ILogger logger, string remoteAddress);
}

public static class PlainHttpGuardExtensions
{
    /// <summary>Outside Development: pages over plain HTTP get a page saying why they cannot work (see <see cref="PlainHttpGuard"/>).</summary>
    public static IApplicationBuilder UsePlainHttpGuard(this IApplicationBuilder app)
    {
        var guard = ActivatorUtilities.CreateInstance<PlainHttpGuard>(app.ApplicationServices);
        return app.Use(async (context, next) =>
        {
            if (guard.Refuses(context))
            {
                await guard.RefuseAsync(context, context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>());
                return;
            }

            await next(context);
        });
    }
}
