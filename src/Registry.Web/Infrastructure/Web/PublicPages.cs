using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.OutputCaching;

namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// A public page (the same for everyone who is not signed in): kept in the output cache for
/// people who are not signed in, one copy per address, query and language, under the tags given,
/// and evicted by those tags when the data it shows changes (see <see cref="CacheTags"/> and
/// docs/decisions/0044-output-caching.md). A request with any cookie beyond the language and
/// antiforgery ones (a session, a half-finished sign-in, a message kept for the next page) is
/// neither served from nor stored in the cache; nor is a response that sets a cookie or is not a
/// 200. The response then says <c>Cache-Control: public</c> so a proxy may keep it too
/// (<see cref="SecurityHeaders"/>); a signed-in person's copy of the same page stays <c>no-store</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class PublicPageAttribute(params string[] tags) : Attribute, IOutputCachePolicy
{
    /// <summary>How long a copy is kept when nothing evicts it sooner; a proxy or browser keeps it for <see cref="ProxySeconds"/>.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>A proxy cannot hear evictions: it keeps a copy for a minute at most.</summary>
    public const int ProxySeconds = 60;

    public IReadOnlyList<string> Tags { get; } = tags;

    /// <summary>Whether the request may be answered from, and stored in, the cache: a GET or HEAD by someone not signed in, carrying no cookie but the language and antiforgery ones.</summary>
    public static bool IsAnonymousRequest(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || context.User.Identity?.IsAuthenticated == true || request.Headers.Authorization.Count > 0)
        {
            return false;
        }

        foreach (var cookie in request.Cookies)
        {
            if (cookie.Key != CookieRequestCultureProvider.DefaultCookieName && !cookie.Key.EndsWith("Registry.Antiforgery", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var cacheable = IsAnonymousRequest(context.HttpContext);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        context.Tags.Add(CacheTags.Public);
        foreach (var tag in Tags)
        {
            context.Tags.Add(tag);
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The tags public pages are cached under, evicted when what they show changes.</summary>
public static class CacheTags
{
    /// <summary>Every public page.</summary>
    public const string Public = "public";

    /// <summary>The licensing list: the employer look-up.</summary>
    public const string Employers = "employers";

    /// <summary>The training calendar and each event's page.</summary>
    public const string Calendar = "calendar";

    /// <summary>The published workforce reports and map.</summary>
    public const string Workforce = "workforce";

    /// <summary>One person's public verification page.</summary>
    public static string Person(int professionalId) => "person:" + professionalId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds a tag known only once the action ran (whose verification page this is).</summary>
    public static void Add(HttpContext context, string tag) =>
        context.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(tag);
}

/// <summary>
/// Compresses what holds no secret beside text an attacker could reflect into it (BREACH): every
/// response to someone not signed in (no antiforgery token on public pages), and CSV downloads;
/// a signed-in person's pages, which carry antiforgery tokens and echo searches, go uncompressed.
/// </summary>
public sealed class SafeCompression(IServiceProvider services, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.ResponseCompression.ResponseCompressionOptions> options)
    : Microsoft.AspNetCore.ResponseCompression.ResponseCompressionProvider(services, options)
{
    public override bool ShouldCompressResponse(HttpContext context) =>
        base.ShouldCompressResponse(context)
        && (context.User.Identity?.IsAuthenticated != true || context.Response.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true);
}
