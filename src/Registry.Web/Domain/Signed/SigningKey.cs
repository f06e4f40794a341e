namespace Registry.Web.Domain.Signed;

/// <summary>
/// One of the registry's signing keys (ES256, P-256). The newest key not retired signs; every key,
/// retired or not, stays published (JWKS and did:web document) so what it signed can still be
/// checked. The private key is stored only encrypted by the app's Data Protection keys (which are
/// themselves encrypted with the configured certificate where there is one).
/// </summary>
public sealed class SigningKey
{
    public const string Es256 = "ES256";

    private SigningKey()
    {
        KeyId = string.Empty;
        Algorithm = Es256;
        PublicJwk = string.Empty;
        ProtectedPrivateKey = string.Empty;
    }

    public SigningKey(string keyId, string publicJwk, string protectedPrivateKey, DateTimeOffset createdAt)
        : this()
    {
        KeyId = keyId;
        PublicJwk = publicJwk;
        ProtectedPrivateKey = protectedPrivateKey;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }

    /// <summary>The key's RFC 7638 thumbprint (base64url): the fragment of its id in the did:web document and its "kid".</summary>
    public string KeyId { get; private set; }

    public string Algorithm { get; private set; }

    /// <summary>The public key as a JWK (kty, crv, x, y).</summary>
    public string PublicJwk { get; private set; }

    /// <summary>The private key (PKCS#8), encrypted with Data Protection.</summary>
    public string ProtectedPrivateKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When a newer key took over signing; the key stays published for checking.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public void Retire(DateTimeOffset at) => RetiredAt ??= at;
}
