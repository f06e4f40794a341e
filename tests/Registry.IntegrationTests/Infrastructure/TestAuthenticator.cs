using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// A passkey authenticator in software, for tests without a browser: it answers the registry's
/// WebAuthn options as a browser and a platform authenticator would (one ES256 key, "none"
/// attestation, the user present and verified) and returns the JSON a browser's
/// <c>credential.toJSON()</c> gives. The origin it writes in the client data is the caller's, so a
/// test can play a look-alike site.
/// </summary>
public sealed class TestAuthenticator : IDisposable
{
    private const byte UserPresent = 0x01;
    private const byte UserVerified = 0x04;
    private const byte AttestedCredentialData = 0x40;

    private static readonly string[] Transports = ["internal"];

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private string? _userHandle;
    private uint _signCount;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>The credential id as the pages name it (Base64Url).</summary>
    public string Id => WebEncoders.Base64UrlEncode(CredentialId);

    /// <summary>Answers <c>navigator.credentials.create</c> options (JSON) with a new passkey; <paramref name="rpId"/> overrides the options' relying party.</summary>
    public string Create(string creationOptionsJson, string origin, string? rpId = null)
    {
        using var options = JsonDocument.Parse(creationOptionsJson);
        var root = options.RootElement;
        rpId ??= root.GetProperty("rp").GetProperty("id").GetString()!;
        _userHandle = root.GetProperty("user").GetProperty("id").GetString();
        var clientData = ClientData("webauthn.create", root.GetProperty("challenge").GetString()!, origin);
        var authenticatorData = AuthenticatorData(rpId, UserPresent | UserVerified | AttestedCredentialData, AttestedData());

        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(3);
        writer.WriteTextString("fmt");
        writer.WriteTextString("none");
        writer.WriteTextString("attStmt");
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteTextString("authData");
        writer.WriteByteString(authenticatorData);
        writer.WriteEndMap();

        return JsonSerializer.Serialize(new
        {
            id = Id,
            rawId = Id,
            type = "public-key",
            authenticatorAttachment = "platform",
            clientExtensionResults = new { },
            response = new
            {
                clientDataJSON = WebEncoders.Base64UrlEncode(clientData),
                attestationObject = WebEncoders.Base64UrlEncode(writer.Encode()),
                transports = Transports,
            },
        });
    }

    /// <summary>Answers <c>navigator.credentials.get</c> options (JSON) with this passkey, signed.</summary>
    public string Get(string requestOptionsJson, string origin)
    {
        using var options = JsonDocument.Parse(requestOptionsJson);
        var root = options.RootElement;
        var clientData = ClientData("webauthn.get", root.GetProperty("challenge").GetString()!, origin);
        var authenticatorData = AuthenticatorData(root.GetProperty("rpId").GetString()!, UserPresent | UserVerified, []);
        var signature = _key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        return JsonSerializer.Serialize(new
        {
            id = Id,
            rawId = Id,
            type = "public-key",
            authenticatorAttachment = "platform",
            clientExtensionResults = new { },
            response = new
            {
                clientDataJSON = WebEncoders.Base64UrlEncode(clientData),
                authenticatorData = WebEncoders.Base64UrlEncode(authenticatorData),
                signature = WebEncoders.Base64UrlEncode(signature),
                userHandle = _userHandle,
            },
        });
    }

    public void Dispose() => _key.Dispose();

    private static byte[] ClientData(string type, string challenge, string origin) =>
        JsonSerializer.SerializeToUtf8Bytes(new { type, challenge, origin, crossOrigin = false });

    private byte[] AuthenticatorData(string rpId, int flags, byte[] attested)
    {
        var count = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, ++_signCount);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), (byte)flags, .. count, .. attested];
    }

    /// <summary>AAGUID (zeros), the credential id with its length, and the public key as a COSE key.</summary>
    private byte[] AttestedData()
    {
        var point = _key.ExportParameters(includePrivateParameters: false).Q;
        var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cose.WriteStartMap(5);
        cose.WriteInt32(1); // kty: EC2
        cose.WriteInt32(2);
        cose.WriteInt32(3); // alg: ES256
        cose.WriteInt32(-7);
        cose.WriteInt32(-1); // crv: P-256
        cose.WriteInt32(1);
        cose.WriteInt32(-2); // x
        cose.WriteByteString(point.X!);
        cose.WriteInt32(-3); // y
        cose.WriteByteString(point.Y!);
        cose.WriteEndMap();

        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)CredentialId.Length);
        return [.. new byte[16], .. length, .. CredentialId, .. cose.Encode()];
    }
}
