using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Registry.Web.Infrastructure.Signed;

/// <summary>
/// Another registry whose signed records this one accepts as verified (section
/// <c>Credentials:TrustedIssuers</c>, a list): its did, its name as people see it, and where its keys
/// are (a JWKS address, fetched and kept ten minutes, or the JWKS itself). Only an operator lists one.
/// </summary>
public sealed class TrustedIssuerOptions
{
    public string Did { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Its JWKS, as https://registry.other.gov/.well-known/jwks.json: its status lists are then read from the same host too.</summary>
    public string? JwksUrl { get; set; }

    /// <summary>Its JWKS itself, for a registry that publishes none on the network this one reaches.</summary>
    public string? Jwks { get; set; }
}

public sealed class CredentialsOptions
{
    public const string Section = "Credentials";

    public List<TrustedIssuerOptions> TrustedIssuers { get; set; } = [];
}

/// <summary>The trusted registries' keys and revocation lists, fetched from the addresses the operator configured (never from an address a credential names on another host).</summary>
public sealed class TrustedIssuers(IOptions<CredentialsOptions> options, IHttpClientFactory http, IMemoryCache cache, ILogger<TrustedIssuers> log)
{
    public const string HttpClientName = "trusted-issuers";

    public TrustedIssuerOptions? Find(string? did) =>
        did is null ? null : options.Value.TrustedIssuers.FirstOrDefault(i => string.Equals(i.Did, did, StringComparison.Ordinal));

    /// <summary>The issuer's public keys by kid; empty when they cannot be had.</summary>
    public async Task<IReadOnlyDictionary<string, string>> KeysAsync(TrustedIssuerOptions issuer, CancellationToken ct)
    {
        if (issuer.Jwks is { Length: > 0 } inline)
        {
            return CredentialCheck.KeysOf(inline);
        }

        return issuer.JwksUrl is { } url && await GetAsync(url, ct) is { } jwks ? CredentialCheck.KeysOf(jwks) : new Dictionary<string, string>();
    }

    /// <summary>Whether the credential is revoked by its issuer's status list, when the list is on the issuer's own host; null when that cannot be told.</summary>
    public async Task<bool?> RevokedAsync(TrustedIssuerOptions issuer, CredentialCheck.Statement says, CancellationToken ct)
    {
        if (issuer.JwksUrl is null || says.StatusList is not { } list || says.StatusIndex is not { } index
            || !Uri.TryCreate(list, UriKind.Absolute, out var listUrl) || !Uri.TryCreate(issuer.JwksUrl, UriKind.Absolute, out var keysUrl)
            || listUrl.Scheme != keysUrl.Scheme
            || !string.Equals(listUrl.Authority, keysUrl.Authority, StringComparison.OrdinalIgnoreCase)
            || await GetAsync(list, ct) is not { } signed
            || CredentialTokens.Read(signed) is not { } read || read.Token.Kid is not { } kid)
        {
            return null;
        }

        var keys = await KeysAsync(issuer, ct);
        if (!await CredentialTokens.SignatureHoldsAsync(signed.Trim(), issuer.Did, keys, kid)
            || read.Payload["credentialSubject"] is not JsonObject subject || subject["encodedList"] is not JsonValue encoded
            || !encoded.TryGetValue<string>(out var text) || StatusLists.Decode(text) is not { } bits || index >= bits.Length * 8)
        {
            return null;
        }

        return StatusLists.IsSet(bits, index);
    }

    private async Task<string?> GetAsync(string url, CancellationToken ct) =>
        await cache.GetOrCreateAsync("trusted-issuer:" + url, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(url.Contains("/status/", StringComparison.Ordinal) ? 1 : 10);
            try
            {
                using var client = http.CreateClient(HttpClientName);
                client.Timeout = TimeSpan.FromSeconds(10);
                using var response = await client.GetAsync(new Uri(url), ct);
                if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > 4 * 1024 * 1024)
                {
                    return null;
                }

                return await response.Content.ReadAsStringAsync(ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                log.LogWarning(e, "Could not read {Url} of a trusted registry.", url);
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(5);
                return null;
            }
        });
}
