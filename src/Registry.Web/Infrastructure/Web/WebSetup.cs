using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Storage;

namespace Registry.Web.Infrastructure.Web;

/// <summary>MVC and its views, the proxy's headers, metrics and health checks; and the request pipeline.</summary>
public static class WebSetup
{
    public static WebApplicationBuilder AddRegistryWeb(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.Filters.Add(new SecondFactorGate());
                options.Filters.Add(new Registry.Web.Infrastructure.Web.RefuseCraftedValues());
                options.ModelBinderProviders.Insert(0, new Registry.Web.Infrastructure.Web.StrictBooleanBinderProvider());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<MvcOptions>, Registry.Web.Infrastructure.Web.LocalizedBindingMessages>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Mvc.Routing.IUrlHelperFactory, RememberedLinks>();
        builder.Services.Configure<RazorViewEngineOptions>(options =>
        {
            // Feature folders: a feature's views live beside its controller, in the folder its namespace names.
            options.ViewLocationFormats.Clear();
            options.ViewLocationFormats.Add("/Features/{1}/{0}" + RazorViewEngine.ViewExtension);
            options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            options.ViewLocationExpanders.Add(new FeatureViewLocations());
        });

        // Behind a TLS-terminating proxy (nginx): the client's address and scheme come from X-Forwarded-*
        // headers, trusted only from loopback and the networks listed in Proxy:KnownNetworks (CIDR).
        builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var network in builder.Configuration.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

        // Public pages for people not signed in are kept in memory (PublicPageAttribute), evicted by tag when their data is saved.
        builder.Services.AddOutputCache(options => options.SizeLimit = builder.Configuration.GetValue("OutputCache:SizeLimitMegabytes", 256L) * 1024 * 1024);
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, CacheEvictionInterceptor>();
        builder.Services.AddSingleton<IPublicPageCache, PublicPageCache>();

        // HTML, CSV and JSON go compressed (over HTTPS too) where they carry no secret a reflected search could probe (see docs/decisions/0044-output-caching.md).
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            options.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            options.MimeTypes = [.. Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes, "text/csv", "text/calendar", "image/svg+xml"];
        });
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.AddSingleton<Microsoft.AspNetCore.ResponseCompression.IResponseCompressionProvider, SafeCompression>();

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "System.Runtime", RegistryMetrics.MeterName)
            .AddPrometheusExporter());

        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<SmtpHealthCheck>("smtp", failureStatus: HealthStatus.Degraded, tags: ["ready"])
            .AddCheck<DocumentStorageHealthCheck>("documents", failureStatus: HealthStatus.Degraded, tags: ["ready"]);
        return builder;
    }

    /// <summary>The request path: proxy headers, security headers, errors, localization, routing, limits, sign-in, authorization, endpoints.</summary>
    public static WebApplication UseRegistryPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        // The metrics are for the operator's scraper on the internal network, never the public.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/metrics"), metrics => metrics.Use(async (context, next) =>
        {
            if (!RegistryMetrics.IsInternal(context.Connection.RemoteIpAddress))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        }));
        app.UseRequestLocalization();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UsePlainHttpGuard();
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseFormNulCharactersRemoved();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseResponseCompression();
        app.UseOutputCache();

        // Static files keep their own caching (fingerprinted ones for a year); everything else is no-store.
        app.MapStaticAssets().AllowAnonymous().WithMetadata(new CacheableAttribute());
        // Liveness: the process answers (no checks). Readiness: the database answers (SMTP reported, not fatal).
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false, ResponseWriter = DatabaseHealthCheck.WriteResponseAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = DatabaseHealthCheck.WriteResponseAsync }).AllowAnonymous();
        app.MapHealthChecks("/health", new() { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = DatabaseHealthCheck.WriteResponseAsync }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapControllers().WithStaticAssets();
        return app;
    }
}
