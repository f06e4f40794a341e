using Microsoft.AspNetCore.Identity;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Infrastructure.Security;

/// <summary>
/// Passkeys (WebAuthn) with Identity's own handler, which <c>AddIdentity</c> registers (decision 0028).
/// The relying party is the registry's configured public address (<see cref="PublicAddress"/>), never
/// the request's Host header: its host is the relying party id every passkey is bound to, and only
/// its origin is accepted in a ceremony's client data, so a passkey made on a look-alike host, or a
/// request that names another Host, is refused.
/// </summary>
public static class PasskeySetup
{
    public static IServiceCollection AddRegistryPasskeys(this IServiceCollection services)
    {
        services.AddOptions<IdentityPasskeyOptions>().Configure<PublicAddress>((options, site) => Configure(options, site.Base));
        return services;
    }

    public static void Configure(IdentityPasskeyOptions options, Uri publicAddress)
    {
        var origin = Origin(publicAddress);
        options.ServerDomain = publicAddress.IdnHost;

        // Signing in names no account first, so a passkey must be one the authenticator can find by itself;
        // and it must check who holds it (screen lock, fingerprint, face): it then counts as a second factor.
        options.ResidentKeyRequirement = "required";
        options.UserVerificationRequirement = "required";
        options.ValidateOrigin = context => ValueTask.FromResult(IsPublicOrigin(context.Origin, context.CrossOrigin, origin));
    }

    /// <summary>The public address's origin as a browser writes it in a ceremony's client data: "https://registry.example.gov", a port only when not the default.</summary>
    public static string Origin(Uri address) =>
        address.IsDefaultPort ? $"{address.Scheme}://{address.IdnHost}" : $"{address.Scheme}://{address.IdnHost}:{address.Port}";

    private static bool IsPublicOrigin(string? origin, bool crossOrigin, string publicOrigin) =>
        !crossOrigin && string.Equals(origin, publicOrigin, StringComparison.Ordinal);
}
