namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// Headers every response carries: a Content-Security-Policy that allows no inline script and no
/// framing, no MIME sniffing, no referrer sent off the site (email links carry tokens), and
/// <c>Cache-Control: no-store</c> unless the endpoint is marked <see cref="CacheableAttribute"/>.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";

                // Pages and files hold personal data (a record, an export, a document, a card): no
                // browser, shared computer's cache or proxy keeps a copy. Runs after anything inside
                // (an action's own header, antiforgery's), so only an explicit opt-in escapes it.
                var metadata = context.GetEndpoint()?.Metadata;
                if (metadata?.GetMetadata<PublicPageAttribute>() is not null && PublicPageAttribute.IsAnonymousRequest(context)
                    && context.Response.StatusCode == StatusCodes.Status200OK && context.Response.Headers.SetCookie.Count == 0)
                {
                    // The same for everyone not signed in: a proxy may keep it a minute, one copy per cookie
                    // (a signed-in person's differs) and per language asked.
                    headers.CacheControl = $"public, max-age={PublicPageAttribute.ProxySeconds}";
                    headers.Vary = "Cookie, Accept-Language";
                }
                else if (metadata?.GetMetadata<CacheableAttribute>() is null)
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
}

/// <summary>
/// Lets an endpoint's response be cached (it then says how, with <c>[ResponseCache]</c> or its own
/// Cache-Control); without it every response is <c>no-store</c>. Only for what holds no personal
/// data whoever asks: static files (Program.cs marks them) and, in time, public anonymous pages.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class CacheableAttribute : Attribute;
