using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// The registry's own public address (section "Site"). Every absolute link the registry writes
/// (emails, QR codes, calendar files, certificates) starts with it, never with the request's Host
/// header, which whoever sends the request chooses: a reset link asked for with
/// "Host: attacker.example" would otherwise send the owner's token to that host.
/// </summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>The older name of <see cref="PublicUrl"/>, still read when that is empty.</summary>
    public const string LegacyKey = "Access:SiteAddress";

    /// <summary>What <c>dotnet run</c> serves in Development (launchSettings.json), used there when nothing is set.</summary>
    public const string DevelopmentUrl = "http://localhost:5080";

    /// <summary>The environment the integration tests run in: like Development, it may do without a public address.</summary>
    public const string TestingEnvironment = "Testing";

    /// <summary>The address people reach the registry at, as "https://registry.example.gov" (a path after the host is kept).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// Other host names the app answers to outside Development, separated by ";" (as in
    /// "registry-app;10.0.0.12"): an internal health probe or scraper that calls an instance by its
    /// own name. Links never use them.
    /// </summary>
    public string? AdditionalHosts { get; set; }

    /// <summary>The registry's name as signed credentials and its did:web document give it ("Registry", "Alameda County ECE Registry").</summary>
    public string Name { get; set; } = "Registry";

    /// <summary>
    /// Where people report an accessibility problem (an email address), named on the accessibility
    /// statement; when empty, the address the registry's emails come from (Email:FromAddress).
    /// </summary>
    public string? AccessibilityContact { get; set; }

    /// <summary>The state (or territory) the registry serves, as its two-letter postal code: credentials and the did:web document name it.</summary>
    public string State { get; set; } = "CA";

    /// <summary>
    /// Outside Development and the tests (Production, Staging…) the public address must be set:
    /// start-up refuses without it, and only its host (and <see cref="AdditionalHosts"/>) is served.
    /// </summary>
    public static bool MustBeConfigured(IHostEnvironment environment) =>
        !environment.IsDevelopment() && !environment.IsEnvironment(TestingEnvironment);

    /// <summary>Site:PublicUrl, else Access:SiteAddress; null when neither is set.</summary>
    public static string? Configured(IConfiguration configuration) =>
        NonEmpty(configuration[$"{Section}:{nameof(PublicUrl)}"]) ?? NonEmpty(configuration[LegacyKey]);

    /// <summary>
    /// Why the registry cannot start with this configuration, or null: a public address that is
    /// not an absolute http or https address, or none at all where one is required.
    /// </summary>
    public static string? Problem(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = Configured(configuration);
        if (configured is null)
        {
            return MustBeConfigured(environment)
                ? $"Site:PublicUrl is not set. Outside Development the registry needs its public address (as https://registry.example.gov) to write the links in its emails, QR codes and certificates, and answers only requests for that host. Set Site__PublicUrl (or the older Access__SiteAddress) in the environment ({environment.EnvironmentName}) and start again."
                : null;
        }

        return TryParse(configured) is null
            ? $"Site:PublicUrl (\"{configured}\") is not an absolute http or https address, as https://registry.example.gov. Correct Site__PublicUrl (or the older Access__SiteAddress) and start again."
            : null;
    }

    /// <summary>An absolute http or https address with a host, no query and no fragment; else null.</summary>
    public static Uri? TryParse(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri
            : null;

    public IReadOnlyList<string> AdditionalHostNames() =>
        (AdditionalHosts ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// Absolute links on the registry's configured public address (<see cref="SiteOptions.PublicUrl"/>).
/// Use it for anything that leaves the site: an email, a QR code, a calendar file, a printed certificate.
/// </summary>
public sealed class PublicAddress
{
    private readonly LinkGenerator _links;
    private readonly string _base;

    public PublicAddress(IOptions<SiteOptions> options, IHostEnvironment environment, LinkGenerator links)
    {
        _links = links;
        var url = SiteOptions.TryParse(options.Value.PublicUrl);
        if (url is null)
        {
            // Start-up refuses a missing or malformed address where it matters (Program.cs), so only
            // Development and the tests get here without one.
            url = SiteOptions.MustBeConfigured(environment)
                ? throw new InvalidOperationException("Site:PublicUrl is not an absolute http or https address.")
                : new Uri(SiteOptions.DevelopmentUrl);
        }

        Base = url;
        _base = url.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>The public address itself.</summary>
    public Uri Base { get; }

    /// <summary>The public host name (for identifiers such as a calendar entry's UID).</summary>
    public string Host => Base.IdnHost;

    /// <summary>The public address joined with a path on the site ("/my-registry/permits", "/verify/1234?certificate=…").</summary>
    public string Link(string path) => _base + "/" + path.TrimStart('/');

    /// <summary>The public address of an action, as "https://registry.example.gov/account/reset-password?userId=…&amp;code=…".</summary>
    public string LinkToAction(string action, string controller, object? values = null) =>
        Link(_links.GetPathByAction(action, controller, values) ?? throw new InvalidOperationException($"No route to {controller}/{action}."));
}

public static class SiteSetup
{
    /// <summary>
    /// The site's public address (with Access:SiteAddress as its older name and, in Development and
    /// the tests, <see cref="SiteOptions.DevelopmentUrl"/> as the default) and <see cref="PublicAddress"/>.
    /// Outside Development and the tests, host filtering allows only the public host and
    /// Site:AdditionalHosts, whatever AllowedHosts says.
    /// </summary>
    public static IServiceCollection AddRegistrySite(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<SiteOptions>()
            .Bind(configuration.GetSection(SiteOptions.Section))
            .PostConfigure(options => options.PublicUrl = SiteOptions.Configured(configuration)
                ?? (SiteOptions.MustBeConfigured(environment) ? null : SiteOptions.DevelopmentUrl));
        services.AddSingleton<PublicAddress>();
        if (SiteOptions.MustBeConfigured(environment))
        {
            // Runs after the host's own post-configuration (which reads AllowedHosts), so it wins.
            services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<SiteOptions>>((filtering, site) =>
            {
                var hosts = new List<string>();
                if (SiteOptions.TryParse(site.Value.PublicUrl) is { } url)
                {
                    hosts.Add(url.IdnHost);
                }

                hosts.AddRange(site.Value.AdditionalHostNames());
                filtering.AllowedHosts = hosts;
            });
        }

        return services;
    }
}
