using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Registry.Web.Data;
using Registry.Web.Domain.Signed;

namespace Registry.Web.Infrastructure.Signed;

/// <summary>
/// The registry's signing keys (decision 0053): ES256 (P-256) key pairs kept in the database, the
/// private half encrypted with Data Protection. The first signature makes the first key; the
/// <c>rotate-signing-key</c> command makes a new one and retires the others, which stay published.
/// </summary>
public sealed class SigningKeys(RegistryDbContext db, IDataProtectionProvider protection, TimeProvider time)
{
    public const string RotateCommand = "rotate-signing-key";

    private readonly IDataProtector _protector = protection.CreateProtector("Registry.SigningKeys.v1");

    /// <summary>Every key, newest first: what the JWKS and the did:web document publish.</summary>
    public async Task<IReadOnlyList<SigningKey>> PublishedAsync(CancellationToken ct) =>
        await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);

    /// <summary>The key that signs now: the newest not retired, made when there is none.</summary>
    public async Task<SigningKey> CurrentAsync(CancellationToken ct) =>
        await db.SigningKeys.AsNoTracking().Where(k => k.RetiredAt == null).OrderByDescending(k => k.Id).FirstOrDefaultAsync(ct)
        ?? await RotateAsync(ct);

    /// <summary>Makes a new signing key and retires the others (they stay published, so what they signed can still be checked).</summary>
    public async Task<SigningKey> RotateAsync(CancellationToken ct)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = PublicJwk(ecdsa.ExportParameters(includePrivateParameters: false));
        var key = new SigningKey(Thumbprint(jwk), jwk.ToJsonString(), _protector.Protect(Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey())), time.GetUtcNow());
        var now = time.GetUtcNow();
        foreach (var older in await db.SigningKeys.Where(k => k.RetiredAt == null).ToListAsync(ct))
        {
            older.Retire(now);
        }

        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return key;
    }

    /// <summary>The key's private half, for signing (the caller disposes it).</summary>
    public ECDsa PrivateKey(SigningKey key)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(key.ProtectedPrivateKey)), out _);
        return ecdsa;
    }

    /// <summary>A public key from its JWK (kty EC, crv P-256, x, y); null when it is not one.</summary>
    public static ECDsa? PublicKey(string jwk)
    {
        try
        {
            var node = JsonNode.Parse(jwk);
            if ((string?)node?["kty"] != "EC" || (string?)node?["crv"] != "P-256" || node?["x"] is not { } x || node?["y"] is not { } y)
            {
                return null;
            }

            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes((string?)x), Y = Base64UrlEncoder.DecodeBytes((string?)y) },
            });
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The public JWK with the members a JWKS publishes for it.</summary>
    public static JsonObject Published(SigningKey key, RegistryIssuer issuer)
    {
        var jwk = (JsonObject)JsonNode.Parse(key.PublicJwk)!;
        jwk["kid"] = issuer.KeyUrl(key.KeyId);
        jwk["use"] = "sig";
        jwk["alg"] = key.Algorithm;
        return jwk;
    }

    private static JsonObject PublicJwk(ECParameters p) => new()
    {
        ["kty"] = "EC",
        ["crv"] = "P-256",
        ["x"] = Base64UrlEncoder.Encode(p.Q.X),
        ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
    };

    /// <summary>The key's RFC 7638 thumbprint, base64url.</summary>
    private static string Thumbprint(JsonObject jwk) => Base64UrlEncoder.Encode(new JsonWebKey(jwk.ToJsonString()).ComputeJwkThumbprint());
}
