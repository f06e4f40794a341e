using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Json.Schema;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.SignedCredentials;

/// <summary>
/// A second, independent reading of the registry's credentials, written from the specifications
/// (RFC 7515 compact JWS, RFC 7518 ES256, RFC 7517 JWK, W3C Bitstring Status List) with nothing but
/// the platform's crypto and JSON: what signs (Microsoft.IdentityModel) is not what checks here.
/// </summary>
public static class IndependentJws
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    public sealed record Parsed(JsonObject Header, JsonObject Payload, byte[] SigningInput, byte[] Signature);

    public static Parsed Parse(string compact)
    {
        var parts = compact.Trim().Split('.');
        Assert.Equal(3, parts.Length);
        return new Parsed(
            (JsonObject)JsonNode.Parse(Base64Url(parts[0]))!,
            (JsonObject)JsonNode.Parse(Base64Url(parts[1]))!,
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
            Base64Url(parts[2]));
    }

    /// <summary>Whether the ES256 signature holds under the JWK (RFC 7518 3.4: R and S, 32 bytes each, over SHA-256).</summary>
    public static bool Holds(Parsed jws, JsonObject jwk)
    {
        Assert.Equal("ES256", (string?)jws.Header["alg"]);
        Assert.Equal("EC", (string?)jwk["kty"]);
        Assert.Equal("P-256", (string?)jwk["crv"]);
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url((string)jwk["x"]!), Y = Base64Url((string)jwk["y"]!) },
        });
        return jws.Signature.Length == 64 && key.VerifyData(jws.SigningInput, jws.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The key a JWKS lists under this kid.</summary>
    public static JsonObject KeyIn(string jwks, string kid) =>
        ((JsonArray)JsonNode.Parse(jwks)!["keys"]!).OfType<JsonObject>().Single(k => (string?)k["kid"] == kid);

    /// <summary>Bit <paramref name="index"/> of a status list's encodedList: multibase "u" base64url, GZIP, left-most bit first.</summary>
    public static bool BitSet(string encodedList, int index)
    {
        Assert.StartsWith("u", encodedList, StringComparison.Ordinal);
        using var gzip = new GZipStream(new MemoryStream(Base64Url(encodedList[1..])), CompressionMode.Decompress);
        using var bits = new MemoryStream();
        gzip.CopyTo(bits);
        var bytes = bits.ToArray();
        Assert.True(bytes.Length >= 16 * 1024, "A status list is at least 16 KB (131,072 entries).");
        return (bytes[index / 8] & (1 << (7 - (index % 8)))) != 0;
    }

    public static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    public static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The credential checked against a schema shipped with the tests (see Schemas/README.md).</summary>
    public static void AssertSchema(string schemaFile, JsonObject credential)
    {
        var schema = Schemas.GetOrAdd(schemaFile, file => JsonSchema.FromFile(Path.Combine(Repository.Root(), "tests", "Registry.IntegrationTests", "SignedCredentials", "Schemas", file)));
        using var document = System.Text.Json.JsonDocument.Parse(credential.ToJsonString());
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}")).Take(20).ToList();
        Assert.True(result.IsValid, $"Not valid against {schemaFile}: " + string.Join(" | ", errors));
    }
}
