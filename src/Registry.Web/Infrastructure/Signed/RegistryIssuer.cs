using System.Globalization;
using Microsoft.Extensions.Options;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Infrastructure.Signed;

/// <summary>
/// Who signs the registry's credentials: a did:web identifier made from the configured public
/// address (never from a request), with the registry's name and state. "https://registry.example.gov"
/// is did:web:registry.example.gov, its document at /.well-known/did.json; a port or a path after the
/// host is written as did:web asks ("localhost%3A5080", ":ece:registry"), the document then at /did.json.
/// </summary>
public sealed class RegistryIssuer
{
    public RegistryIssuer(PublicAddress site, IOptions<SiteOptions> options)
    {
        var url = site.Base;
        var host = url.IsDefaultPort ? url.IdnHost : string.Create(CultureInfo.InvariantCulture, $"{url.IdnHost}%3A{url.Port}");
        var path = url.AbsolutePath.Trim('/');
        Did = "did:web:" + host + (path.Length == 0 ? string.Empty : ":" + string.Join(':', path.Split('/').Select(Uri.EscapeDataString)));
        Url = site.Link("/");
        Name = string.IsNullOrWhiteSpace(options.Value.Name) ? "Registry" : options.Value.Name.Trim();
        State = string.IsNullOrWhiteSpace(options.Value.State) ? "CA" : options.Value.State.Trim().ToUpperInvariant();
        StatusListBase = site.Link("/credentials/status/");
        Site = site;
    }

    public string Did { get; }

    public string Url { get; }

    public string Name { get; }

    public string State { get; }

    /// <summary>Where the status lists are published ("…/credentials/status/1").</summary>
    public string StatusListBase { get; }

    public PublicAddress Site { get; }

    /// <summary>A key's id as credentials name it (the JWT header's kid) and the did:web document lists it: "did:web:host#thumbprint".</summary>
    public string KeyUrl(string keyId) => Did + "#" + keyId;

    public string StatusList(int list) => StatusListBase + list.ToString(CultureInfo.InvariantCulture);
}
