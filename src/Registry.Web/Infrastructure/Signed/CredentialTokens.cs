using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Web.Infrastructure.Signed;

/// <summary>
/// Signs a credential as a VC-JWT the way Open Badges 3.0 (section 8.2) asks: the credential itself is
/// the JWT payload, with the registered claims iss, nbf, jti, sub and exp taken from it; the header
/// names the key by its did:web URL. Made with Microsoft.IdentityModel's JsonWebTokenHandler, ES256.
/// </summary>
public sealed class CredentialTokens(SigningKeys keys, RegistryIssuer issuer)
{
    public const int MaxLength = 64 * 1024;

    /// <summary>A date and time as VC 2.0 writes it: UTC, to the second, "Z".</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public async Task<string> SignAsync(JsonObject credential, CancellationToken ct)
    {
        var payload = (JsonObject)credential.DeepClone();
        payload["iss"] = issuer.Did;
        if ((string?)credential["id"] is { } id && credential["jti"] is null)
        {
            payload["jti"] = id;
        }

        if (Time(credential["validFrom"]) is { } validFrom)
        {
            payload["nbf"] = validFrom.ToUnixTimeSeconds();
        }

        if (Time(credential["validUntil"]) is { } validUntil)
        {
            payload["exp"] = validUntil.ToUnixTimeSeconds();
        }

        if (credential["credentialSubject"] is JsonObject subject && (string?)subject["id"] is { } subjectId)
        {
            payload["sub"] = subjectId;
        }

        var key = await keys.CurrentAsync(ct);
        using var ecdsa = keys.PrivateKey(key);
        var signingKey = new ECDsaSecurityKey(ecdsa)
        {
            KeyId = issuer.KeyUrl(key.KeyId),

            // The ECDsa is disposed after this signature: nothing may keep it for the next.
            CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }
            .CreateToken(payload.ToJsonString(), new SigningCredentials(signingKey, SecurityAlgorithms.EcdsaSha256));
    }

    /// <summary>Whether the token's signature holds under one of these keys (by its kid), the issuer is <paramref name="issuerDid"/> and the algorithm ES256.</summary>
    public static async Task<bool> SignatureHoldsAsync(string token, string issuerDid, IReadOnlyDictionary<string, string> publicJwksByKid, string kid)
    {
        if (!publicJwksByKid.TryGetValue(kid, out var jwk) || SigningKeys.PublicKey(jwk) is not { } ecdsa)
        {
            return false;
        }

        using (ecdsa)
        {
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKey = new ECDsaSecurityKey(ecdsa) { KeyId = kid, CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } },
                ValidIssuer = issuerDid,
                ValidateIssuer = true,
                ValidateAudience = false,

                // Expiry is reported, not refused: an expired permit's credential still says who signed what.
                ValidateLifetime = false,
                RequireExpirationTime = false,
                RequireSignedTokens = true,
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            });
            return result.IsValid;
        }
    }

    /// <summary>The token's header and payload, unchecked; null when it is not a compact JWT with a JSON object payload.</summary>
    public static (JsonWebToken Token, JsonObject Payload)? Read(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return null;
        }

        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(text))
        {
            return null;
        }

        try
        {
            var token = handler.ReadJsonWebToken(text);
            return JsonNode.Parse(Base64UrlEncoder.Decode(token.EncodedPayload)) is JsonObject payload ? (token, payload) : null;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return null;
        }
    }

    public static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
}
