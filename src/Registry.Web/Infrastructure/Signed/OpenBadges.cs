using System.Globalization;
using System.Text.Json.Nodes;
using Registry.Web.Domain.Signed;

namespace Registry.Web.Infrastructure.Signed;

/// <summary>
/// The Open Badges 3.0 credentials the registry issues (docs/credentials.md shows each one). The
/// registry is the issuer: it attests that it verified a fact; the body that granted a permit is the
/// achievement's creator. Credentials are written in English, the language of the permits' own names.
/// </summary>
public static class OpenBadges
{
    public const string VcContext = "https://www.w3.org/ns/credentials/v2";
    public const string ObContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    public const string ObSchema = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

    /// <summary>The holder as the credential names them: the name and registry id they chose to show.</summary>
    public sealed record Holder(string Name, string RegistryId);

    /// <summary>A verified permit or credential, as the record holds it.</summary>
    public sealed record Permit(string TypeCode, string TypeName, string? Number, string IssuingBody, DateOnly IssuedOn, DateOnly? ExpiresOn, DateTimeOffset VerifiedAt);

    public static JsonObject ForPermit(RegistryIssuer issuer, IssuedCredential issued, Holder holder, Permit permit, DateTimeOffset? validUntil, bool withNumber)
    {
        var subject = Subject(holder);
        subject["achievement"] = new JsonObject
        {
            ["id"] = Tag(issuer, "permit/" + permit.TypeCode),
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = "License",
            ["name"] = permit.TypeName,
            ["description"] = $"{permit.TypeName}, issued by {permit.IssuingBody}.",
            ["criteria"] = new JsonObject { ["narrative"] = $"Granted by {permit.IssuingBody}. {issuer.Name} does not grant it: its staff verified the holder's document." },
            ["creator"] = new JsonObject
            {
                ["id"] = Tag(issuer, "issuing-body/" + Slug(permit.IssuingBody)),
                ["type"] = new JsonArray("Profile"),
                ["name"] = permit.IssuingBody,
            },
            ["inLanguage"] = "en",
        };
        subject["activityStartDate"] = Day(permit.IssuedOn);
        if (permit.ExpiresOn is { } expires)
        {
            subject["activityEndDate"] = Day(expires);
        }

        if (withNumber && permit.Number is { } number)
        {
            subject["licenseNumber"] = number;
        }

        var credential = Credential(issuer, issued, $"{permit.TypeName} (verified)", subject, validUntil);
        credential["evidence"] = new JsonArray(new JsonObject
        {
            ["type"] = new JsonArray("Evidence"),
            ["name"] = "Verified by registry staff",
            ["description"] = $"{issuer.Name} staff checked the permit document the holder submitted and marked it verified on {Day(DateOnly.FromDateTime(permit.VerifiedAt.UtcDateTime))}.",
            ["genre"] = "Verification",
        });
        return credential;
    }

    public static JsonObject ForMembership(RegistryIssuer issuer, IssuedCredential issued, Holder holder)
    {
        var subject = Subject(holder);
        subject["achievement"] = new JsonObject
        {
            ["id"] = Tag(issuer, "membership"),
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = "Membership",
            ["name"] = $"{issuer.Name} member",
            ["description"] = $"Has a record in {issuer.Name}, the early care and education workforce registry of {issuer.State}.",
            ["criteria"] = new JsonObject { ["narrative"] = "A professional with a record in the registry, under the registry id shown." },
            ["creator"] = IssuerProfile(issuer),
            ["inLanguage"] = "en",
        };
        return Credential(issuer, issued, $"{issuer.Name} membership", subject, null);
    }

    /// <summary>
    /// The membership card's payload: small enough for a QR code (no JSON-LD context or achievement),
    /// still a VC-JWT the check page and <c>verify-credential</c> read, with its status list entry.
    /// </summary>
    public static JsonObject ForCard(RegistryIssuer issuer, IssuedCredential issued, Holder holder) => new()
    {
        ["jti"] = "urn:uuid:" + issued.CredentialId.ToString("D"),
        ["type"] = new JsonArray("VerifiableCredential", "RegistryCard"),
        ["issuer"] = issuer.Did,
        ["validFrom"] = CredentialTokens.Timestamp(issued.IssuedAt),
        ["credentialSubject"] = new JsonObject { ["name"] = holder.Name, ["registryId"] = holder.RegistryId },
        ["credentialStatus"] = new JsonObject
        {
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = "revocation",
            ["statusListIndex"] = issued.StatusIndex.ToString(CultureInfo.InvariantCulture),
            ["statusListCredential"] = issuer.StatusList(issued.StatusList),
        },
    };

    /// <summary>A printed certificate's payload: as small as the card's, with the training, its sponsor, the days and the hours.</summary>
    public static JsonObject ForCertificateCode(RegistryIssuer issuer, IssuedCredential issued, Holder holder, string title, string sponsor, IReadOnlyList<DateOnly> days, decimal hours) => new()
    {
        ["jti"] = "urn:uuid:" + issued.CredentialId.ToString("D"),
        ["type"] = new JsonArray("VerifiableCredential", "RegistryTrainingCertificate"),
        ["issuer"] = issuer.Did,
        ["validFrom"] = CredentialTokens.Timestamp(issued.IssuedAt),
        ["credentialSubject"] = new JsonObject
        {
            ["name"] = holder.Name,
            ["registryId"] = holder.RegistryId,
            ["training"] = title,
            ["sponsor"] = sponsor,
            ["hours"] = hours.ToString("0.##", CultureInfo.InvariantCulture),
            ["days"] = string.Join(",", days.Select(Day)),
        },
        ["credentialStatus"] = new JsonObject
        {
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = "revocation",
            ["statusListIndex"] = issued.StatusIndex.ToString(CultureInfo.InvariantCulture),
            ["statusListCredential"] = issuer.StatusList(issued.StatusList),
        },
    };

    /// <summary>A training certificate: the event, its sponsor (the achievement's creator), the days attended and the hours credited.</summary>
    public static JsonObject ForTraining(RegistryIssuer issuer, IssuedCredential issued, Holder holder, string title, string sponsor, IReadOnlyList<DateOnly> days, decimal hours)
    {
        var subject = Subject(holder);
        var hoursText = hours.ToString("0.##", CultureInfo.InvariantCulture);
        subject["achievement"] = new JsonObject
        {
            ["id"] = Tag(issuer, $"training/{Slug(sponsor)}/{Slug(title)}"),
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = "CertificateOfCompletion",
            ["name"] = title,
            ["description"] = $"{title}, a training offered by {sponsor}.",
            ["criteria"] = new JsonObject { ["narrative"] = $"Attendance posted by {sponsor} to {issuer.Name}, with the clock hours credited." },
            ["creator"] = new JsonObject
            {
                ["id"] = Tag(issuer, "sponsor/" + Slug(sponsor)),
                ["type"] = new JsonArray("Profile"),
                ["name"] = sponsor,
            },
            ["inLanguage"] = "en",
        };
        subject["activityStartDate"] = Day(days[0]);
        subject["activityEndDate"] = Day(days[^1]);
        subject["result"] = new JsonArray(new JsonObject { ["type"] = new JsonArray("Result"), ["value"] = hoursText + " clock hours" });
        return Credential(issuer, issued, $"{title}: {hoursText} clock hours", subject, null);
    }

    /// <summary>A rule met on verified facts: its set, the set's version, and what it grants.</summary>
    public sealed record Met(string RuleId, string Name, string SetId, string SetVersion, string? Track, int Level);

    /// <summary>What the person qualifies for on verified facts on <paramref name="asOf"/>, each rule with its rule set and version.</summary>
    public static JsonObject ForQualifications(RegistryIssuer issuer, IssuedCredential issued, Holder holder, DateOnly asOf, IReadOnlyList<(string Id, string Version, string Title)> sets, IReadOnlyList<Met> met)
    {
        var subject = Subject(holder);
        var descriptions = new JsonArray();
        var results = new JsonArray();
        foreach (var rule in met)
        {
            var id = Tag(issuer, $"rules/{rule.SetId}/{rule.SetVersion}/{rule.RuleId}");
            descriptions.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = new JsonArray("ResultDescription"),
                ["name"] = rule.Name,
                ["resultType"] = "Status",
            });
            var result = new JsonObject
            {
                ["type"] = new JsonArray("Result"),
                ["resultDescription"] = id,
                ["status"] = "Completed",
            };
            if (rule.Track is not null)
            {
                result["value"] = $"{rule.Track} level {rule.Level.ToString(CultureInfo.InvariantCulture)}";
            }

            results.Add(result);
        }

        var setsText = string.Join("; ", sets.Select(s => $"{s.Title} ({s.Id}, version {s.Version})"));
        subject["achievement"] = new JsonObject
        {
            ["id"] = Tag(issuer, "qualifications"),
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = "QualityAssuranceCredential",
            ["name"] = $"Qualifications on {Day(asOf)}",
            ["description"] = $"What the holder qualified for on {Day(asOf)} under the rules in force, counting only facts {issuer.Name} staff had verified.",
            ["criteria"] = new JsonObject { ["narrative"] = $"Worked out by {issuer.Name} from the holder's verified record under: {setsText}." },
            ["creator"] = IssuerProfile(issuer),
            ["resultDescription"] = descriptions,
            ["version"] = string.Join(";", sets.Select(s => $"{s.Id}@{s.Version}")),
            ["inLanguage"] = "en",
        };
        subject["result"] = results;
        subject["activityEndDate"] = Day(asOf);
        return Credential(issuer, issued, $"Qualifications on {Day(asOf)}", subject, null);
    }

    internal static JsonObject Credential(RegistryIssuer issuer, IssuedCredential issued, string name, JsonObject subject, DateTimeOffset? validUntil)
    {
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(VcContext, ObContext),
            ["id"] = "urn:uuid:" + issued.CredentialId.ToString("D"),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = name,
            ["issuer"] = IssuerProfile(issuer),
            ["validFrom"] = CredentialTokens.Timestamp(issued.IssuedAt),
        };
        if (validUntil is { } until)
        {
            credential["validUntil"] = CredentialTokens.Timestamp(until);
        }

        credential["credentialSubject"] = subject;
        credential["credentialStatus"] = new JsonObject
        {
            ["id"] = issuer.StatusList(issued.StatusList) + "#" + issued.StatusIndex.ToString(CultureInfo.InvariantCulture),
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = "revocation",
            ["statusListIndex"] = issued.StatusIndex.ToString(CultureInfo.InvariantCulture),
            ["statusListCredential"] = issuer.StatusList(issued.StatusList),
        };
        credential["credentialSchema"] = new JsonArray(new JsonObject { ["id"] = ObSchema, ["type"] = "JsonSchema" });
        return credential;
    }

    internal static JsonObject IssuerProfile(RegistryIssuer issuer) => new()
    {
        ["id"] = issuer.Did,
        ["type"] = new JsonArray("Profile"),
        ["name"] = issuer.Name,
        ["url"] = issuer.Url,
        ["address"] = new JsonObject { ["type"] = new JsonArray("Address"), ["addressRegion"] = issuer.State, ["addressCountry"] = "US" },
    };

    internal static JsonObject Subject(Holder holder) => new()
    {
        ["type"] = new JsonArray("AchievementSubject"),
        ["identifier"] = new JsonArray(
            new JsonObject { ["type"] = "IdentityObject", ["identityHash"] = holder.Name, ["identityType"] = "name", ["hashed"] = false },
            new JsonObject { ["type"] = "IdentityObject", ["identityHash"] = holder.RegistryId, ["identityType"] = "identifier", ["hashed"] = false }),
    };

    /// <summary>A "tag:" URI (RFC 4151) on the registry's host: an identifier for what has no page of its own.</summary>
    internal static string Tag(RegistryIssuer issuer, string what) => $"tag:{issuer.Site.Host},2026:{what}";

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Slug(string text)
    {
        var slug = new string(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Trim('-') is { Length: > 0 } s ? s : "unnamed";
    }
}
