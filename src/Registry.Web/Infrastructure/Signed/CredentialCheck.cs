using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Signed;

namespace Registry.Web.Infrastructure.Signed;

/// <summary>
/// Checks a signed credential: who signed it, whether the signature holds, whether it is revoked,
/// and what it says. Online it uses this registry's keys and status lists; offline (a director with
/// a saved JWKS and status list) the files given.
/// </summary>
public sealed class CredentialCheck(RegistryDbContext db, SigningKeys keys, RegistryIssuer issuer, StatusLists lists, TimeProvider time)
{
    public enum Outcome
    {
        /// <summary>Not a signed credential (not a compact JWT with a JSON payload).</summary>
        NotACredential,

        /// <summary>Signed with a key this check does not know: nothing it says can be relied on.</summary>
        UnknownSigner,

        /// <summary>The signature does not hold: it was changed after signing, or made up.</summary>
        SignatureFails,

        /// <summary>The signature holds.</summary>
        SignatureHolds,
    }

    /// <summary>What a credential says, as read from it.</summary>
    public sealed record Statement(
        IReadOnlyList<string> Types, string? Issuer, string? IssuerName, string? Name, string? SubjectName, string? RegistryId,
        string? Achievement, string? Creator, string? LicenseNumber, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, string? StatusList, int? StatusIndex, string? Id);

    public sealed record Result(Outcome Outcome, Statement? Says, bool? Revoked, bool Expired, int? ProfessionalId, string? Json)
    {
        /// <summary>Signed by a known key, not revoked, not expired.</summary>
        public bool Good => Outcome == Outcome.SignatureHolds && Revoked == false && !Expired;
    }

    /// <summary>Checks against this registry's own keys and status lists.</summary>
    public async Task<Result> CheckAsync(string? text, CancellationToken ct)
    {
        if (CredentialTokens.Read(text) is not { } read)
        {
            return new Result(Outcome.NotACredential, null, null, false, null, null);
        }

        var says = Read(read.Payload);
        var json = read.Payload.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var expired = says.ValidUntil is { } until && until <= time.GetUtcNow();
        var published = (await keys.PublishedAsync(ct)).ToDictionary(k => issuer.KeyUrl(k.KeyId), k => k.PublicJwk, StringComparer.Ordinal);
        if (read.Token.Kid is not { } kid || !published.ContainsKey(kid))
        {
            return new Result(Outcome.UnknownSigner, says, null, expired, null, json);
        }

        if (!await CredentialTokens.SignatureHoldsAsync(text!.Trim(), issuer.Did, published, kid))
        {
            return new Result(Outcome.SignatureFails, says, null, expired, null, json);
        }

        // Ours: its status entry names one of our lists and the id it was issued with.
        if (says.StatusList is { } list && says.StatusIndex is { } index && list.StartsWith(issuer.StatusListBase, StringComparison.Ordinal)
            && int.TryParse(list[issuer.StatusListBase.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var listNumber) && listNumber >= 1)
        {
            var id = IssuedCredential.IdsOfList(listNumber).First + index;
            var issued = await db.IssuedCredentials.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.CredentialId, c.ProfessionalId }).SingleOrDefaultAsync(ct);
            var matches = issued is not null && says.Id == "urn:uuid:" + issued.CredentialId.ToString("D");
            var holds = matches && await lists.HoldsAsync(id, ct);
            return new Result(Outcome.SignatureHolds, says, !holds, expired, matches ? issued!.ProfessionalId : null, json);
        }

        // Signed by us with no status entry: a status list itself.
        return new Result(Outcome.SignatureHolds, says, says.Types.Contains("BitstringStatusListCredential") ? false : null, expired, null, json);
    }

    /// <summary>
    /// Checks with saved files and no connection: the registry's JWKS (as /.well-known/jwks.json gave it)
    /// and, when given, its status list (as /credentials/status/N gave it; checked with the same keys).
    /// </summary>
    public static async Task<Result> CheckOfflineAsync(string? text, string jwks, string? statusList, DateTimeOffset now)
    {
        if (CredentialTokens.Read(text) is not { } read)
        {
            return new Result(Outcome.NotACredential, null, null, false, null, null);
        }

        var says = Read(read.Payload);
        var json = read.Payload.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var expired = says.ValidUntil is { } until && until <= now;
        var published = KeysOf(jwks);
        if (read.Token.Kid is not { } kid || !published.ContainsKey(kid) || says.Issuer is null)
        {
            return new Result(Outcome.UnknownSigner, says, null, expired, null, json);
        }

        if (!await CredentialTokens.SignatureHoldsAsync(text!.Trim(), says.Issuer, published, kid))
        {
            return new Result(Outcome.SignatureFails, says, null, expired, null, json);
        }

        bool? revoked = null;
        if (statusList is not null && says.StatusIndex is { } index && CredentialTokens.Read(statusList) is { } list
            && list.Token.Kid is { } listKid && await CredentialTokens.SignatureHoldsAsync(statusList.Trim(), says.Issuer, published, listKid)
            && Read(list.Payload) is { } listSays && listSays.Id == says.StatusList
            && StatusLists.Decode(list.Payload["credentialSubject"] is JsonObject listSubject && listSubject["encodedList"] is JsonValue encoded && encoded.TryGetValue<string>(out var encodedList) ? encodedList : null) is { } bits && index < bits.Length * 8)
        {
            revoked = StatusLists.IsSet(bits, index);
        }

        return new Result(Outcome.SignatureHolds, says, revoked, expired, null, json);
    }

    /// <summary>The keys of a JWKS by kid (their public JWK); empty when it is not one.</summary>
    public static Dictionary<string, string> KeysOf(string jwks)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (JsonNode.Parse(jwks)?["keys"] is JsonArray array)
            {
                foreach (var key in array.OfType<JsonObject>())
                {
                    if ((string?)key["kid"] is { } kid)
                    {
                        keys[kid] = key.ToJsonString();
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
        }

        return keys;
    }

    /// <summary>What an Open Badges 3.0 / VC 2.0 credential says, leniently (missing parts are null).</summary>
    public static Statement Read(JsonObject credential)
    {
        static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        static JsonNode? Get(JsonNode? node, string name) => node is JsonObject o ? o[name] : null;
        static IEnumerable<JsonNode> Many(JsonNode? node) => node switch
        {
            JsonArray array => array.OfType<JsonNode>(),
            null => [],
            _ => [node],
        };

        var types = Many(credential["type"]).Select(Text).OfType<string>().ToList();
        var issuerNode = credential["issuer"];
        var subject = Many(credential["credentialSubject"]).OfType<JsonObject>().FirstOrDefault();
        var identifiers = Many(Get(subject, "identifier")).OfType<JsonObject>().ToList();
        string? Identity(string type) => identifiers.Where(i => Text(i["identityType"]) == type && i["hashed"] is JsonValue h && h.TryGetValue<bool>(out var hashed) && !hashed)
            .Select(i => Text(i["identityHash"])).FirstOrDefault();
        var achievement = Get(subject, "achievement") as JsonObject;
        var status = Many(credential["credentialStatus"]).OfType<JsonObject>()
            .FirstOrDefault(s => Text(s["type"]) == "BitstringStatusListEntry" && Text(s["statusPurpose"]) == "revocation");
        int? index = int.TryParse(Text(Get(status, "statusListIndex")), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
        return new Statement(
            types,
            Text(issuerNode) ?? Text(Get(issuerNode, "id")),
            Text(Get(issuerNode, "name")),
            Text(credential["name"]),
            Identity("name") ?? Text(Get(subject, "name")),
            Identity("identifier") ?? Text(Get(subject, "registryId")),
            Text(Get(achievement, "name")) ?? Text(Get(subject, "training")),
            Text(Get(Get(achievement, "creator"), "name")) ?? Text(Get(subject, "sponsor")),
            Text(Get(subject, "licenseNumber")),
            CredentialTokens.Time(credential["validFrom"]),
            CredentialTokens.Time(credential["validUntil"]),
            Text(Get(status, "statusListCredential")),
            index,
            Text(credential["id"]) ?? Text(credential["jti"]));
    }
}
