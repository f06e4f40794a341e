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

    /// <summary>
    /// Every property name and type the credential uses is a term the VC 2.0 or Open Badges 3.0 JSON-LD
    /// context defines (shipped with the tests: Contexts/README.md), so a JSON-LD processor loses nothing
    /// of it. <paramref name="alsoDefined"/>: terms of a context not shipped (CLR 2.0's own two).
    /// </summary>
    public static void AssertTermsDefined(JsonObject credential, params string[] alsoDefined)
    {
        var defined = new HashSet<string>(alsoDefined, StringComparer.Ordinal);
        foreach (var file in new[] { "credentials-v2.json", "ob-context-3.0.3.json" })
        {
            Collect(JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root(), "tests", "Registry.IntegrationTests", "SignedCredentials", "Contexts", file)))!["@context"], defined);
        }

        var used = new List<string>();
        Terms(credential, used, top: true);
        var missing = used.Distinct().Where(t => !defined.Contains(t)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Terms no shipped context defines: " + string.Join(", ", missing));

        static void Collect(JsonNode? context, HashSet<string> defined)
        {
            if (context is JsonObject o)
            {
                foreach (var (key, value) in o)
                {
                    if (!key.StartsWith('@'))
                    {
                        defined.Add(key);
                    }

                    Collect(value, defined);
                }
            }
        }

        static void Terms(JsonNode? node, List<string> used, bool top)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        // The JWT's registered claims sit beside the credential in a VC-JWT payload; they are not JSON-LD.
                        if (key.StartsWith('@') || (top && key is "iss" or "nbf" or "jti" or "exp" or "sub"))
                        {
                            continue;
                        }

                        used.Add(key);
                        if (key == "type")
                        {
                            used.AddRange((value is JsonArray a ? a.Select(x => (string?)x) : [(string?)value]).OfType<string>());
                        }
                        else
                        {
                            Terms(value, used, top: false);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Terms(item, used, top: false);
                    }

                    break;
            }
        }
    }

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
