using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Web.Domain.Credentials;
using Registry.Web.Infrastructure.Signed;

namespace Registry.Web.Features.BringMyRecord;

/// <summary>One fact read from a record brought from another registry.</summary>
public sealed record ImportedFact(
    string Kind, bool Verified, string Title, string? Number, string? Institution, decimal? Units, string? Grade, string? Term,
    DateOnly? On, DateOnly? Until, string? Category, string? Level, string? Type, decimal? Hours)
{
    public const string Course = "course";
    public const string Degree = "degree";
    public const string Permit = "permit";
    public const string Training = "training";

    /// <summary>What makes two facts the same one, whoever typed them: a course by its school, number (or title) and term; a degree by level, school and major; a permit by type and number (or issue date); training by title, sponsor and day.</summary>
    public string Key => Kind switch
    {
        Course => Join(Kind, Institution, Number ?? Title, Term, On?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Degree => Join(Kind, Level, Institution, Title),
        Permit => Join(Kind, Type, Number ?? On?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => Join(Kind, Title, Institution, On?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
    };

    /// <summary>What the person compares: the details beyond the key.</summary>
    public string Details => Kind switch
    {
        Course => Join(Title, Units?.ToString("0.##", CultureInfo.InvariantCulture), Grade, Category),
        Degree => Join(On?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Permit => Join(Institution, On?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => Join(Hours?.ToString("0.##", CultureInfo.InvariantCulture)),
    };

    private static string Join(params string?[] parts) =>
        string.Join("|", parts.Select(p => (p ?? string.Empty).Trim().ToUpperInvariant()));
}

/// <summary>
/// Reads what another registry's person brings: a Registry record export (a ZIP with record.json and
/// the signed transcript.jwt) or a signed CLR 2.0 transcript on its own. Facts in a transcript whose
/// signature holds under a trusted registry's key (and that its status list does not revoke) arrive
/// verified by it; everything else arrives self-reported. Only what is read is returned: nothing is saved.
/// </summary>
public sealed class RecordFile(TrustedIssuers trusted)
{
    public const long MaxEntryBytes = 5 * 1024 * 1024;

    public sealed record Read(IReadOnlyList<ImportedFact> Facts, string? IssuerDid, string? IssuerName, IReadOnlyList<string> Notes);

    /// <summary>
    /// The facts in the file; null when it is neither an export nor a transcript. A signed transcript's
    /// facts arrive verified only when it names the person bringing it (<paramref name="names"/>: the
    /// search forms of their name, former last names included), so nobody takes on another's record.
    /// </summary>
    public async Task<Read?> ReadAsync(Stream file, IReadOnlySet<string> names, CancellationToken ct)
    {
        // An upload is kept on disk by ASP.NET Core when large: read it where it is, never whole into memory.
        Stream source = file;
        if (!file.CanSeek)
        {
            source = new MemoryStream();
            await file.CopyToAsync(source, ct);
        }

        await using var owned = source == file ? null : source;
        source.Position = 0;
        var head = new byte[2];
        var headLength = await source.ReadAtLeastAsync(head, 2, throwOnEndOfStream: false, ct);
        source.Position = 0;
        string? transcript = null, recordJson = null;
        if (headLength == 2 && head[0] == (byte)'P' && head[1] == (byte)'K')
        {
            try
            {
                using var zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
                transcript = await EntryAsync(zip, "transcript.jwt", ct);
                recordJson = await EntryAsync(zip, "record.json", ct);
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }
        else if (source.Length <= CredentialTokens.MaxLength)
        {
            using var reader = new StreamReader(source, leaveOpen: true);
            transcript = (await reader.ReadToEndAsync(ct)).Trim();
        }
        else
        {
            return null;
        }

        var notes = new List<string>();
        var facts = new List<ImportedFact>();
        string? issuerDid = null, issuerName = null;
        if (transcript is not null && CredentialTokens.Read(transcript) is { } clr)
        {
            var says = CredentialCheck.Read(clr.Payload);
            var verified = false;
            if (trusted.Find(says.Issuer) is { } issuer && clr.Token.Kid is { } kid)
            {
                var keys = await trusted.KeysAsync(issuer, ct);
                if (!await CredentialTokens.SignatureHoldsAsync(transcript.Trim(), issuer.Did, keys, kid))
                {
                    notes.Add("signature");
                }
                else if (await trusted.RevokedAsync(issuer, says, ct) == true)
                {
                    notes.Add("revoked");
                }
                else if (!names.Contains(Domain.SearchText.Normalize(says.SubjectName)))
                {
                    notes.Add("someone-else");
                }
                else
                {
                    verified = true;
                    (issuerDid, issuerName) = (issuer.Did, issuer.Name);
                }
            }
            else
            {
                notes.Add("untrusted");
            }

            facts.AddRange(FromClr(clr.Payload, verified));
        }
        else if (transcript is not null && recordJson is null)
        {
            return null;
        }

        if (recordJson is not null)
        {
            try
            {
                if (JsonNode.Parse(recordJson) is JsonObject record)
                {
                    var verifiedKeys = facts.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
                    facts.AddRange(FromRecord(record).Where(f => !verifiedKeys.Contains(f.Key)));
                }
            }
            catch (JsonException)
            {
                notes.Add("record");
            }
        }

        return facts.Count == 0 && transcript is null && recordJson is null ? null : new Read(facts.DistinctBy(f => f.Key).ToList(), issuerDid, issuerName, notes);
    }

    private static async Task<string?> EntryAsync(ZipArchive zip, string name, CancellationToken ct)
    {
        if (zip.GetEntry(name) is not { } entry || entry.Length > MaxEntryBytes)
        {
            return null;
        }

        await using var stream = await entry.OpenAsync(ct);
        using var reader = new StreamReader(stream);
        var buffer = new char[MaxEntryBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        return read > MaxEntryBytes ? null : new string(buffer, 0, read);
    }

    private static IEnumerable<ImportedFact> FromClr(JsonObject clr, bool verified)
    {
        if (Get(clr, "credentialSubject") is not JsonObject subject || Get(subject, "verifiableCredential") is not JsonArray contained)
        {
            yield break;
        }

        foreach (var credential in contained.OfType<JsonObject>())
        {
            if (Get(credential, "credentialSubject") is not JsonObject s || Get(s, "achievement") is not JsonObject a)
            {
                continue;
            }

            var type = Text(a, "achievementType");
            var name = Text(a, "name") ?? string.Empty;
            var creator = Text(Get(a, "creator"), "name");
            var start = Day(Text(s, "activityStartDate"));
            var end = Day(Text(s, "activityEndDate"));
            var result = Get(s, "result") is JsonArray results ? Text(results.OfType<JsonObject>().FirstOrDefault(), "value") : null;
            switch (type)
            {
                case "Course":
                    var category = Get(a, "tag") is JsonArray tags ? tags.Select(t => t is JsonValue v && v.TryGetValue<string>(out var x) ? x : null)
                        .FirstOrDefault(t => t?.StartsWith("category:", StringComparison.Ordinal) == true)?["category:".Length..] : null;
                    yield return new ImportedFact(ImportedFact.Course, verified, name, Text(a, "humanCode"), creator, Number(Get(s, "creditsEarned")), result, Text(s, "term"), end, null, category, null, null, null);
                    break;
                case "AssociateDegree" or "BachelorDegree" or "MasterDegree" or "DoctoralDegree" or "SecondarySchoolDiploma":
                    var level = type switch { "AssociateDegree" => "Associate", "BachelorDegree" => "Bachelor", "MasterDegree" => "Master", "DoctoralDegree" => "Doctorate", _ => "HighSchoolDiploma" };
                    yield return new ImportedFact(ImportedFact.Degree, verified, Text(a, "fieldOfStudy") ?? name, null, creator, null, null, null, end, null, null, level, null, null);
                    break;
                case "License":
                    var code = Text(a, "id") is { } id && id.LastIndexOf("permit/", StringComparison.Ordinal) is var at and >= 0 ? id[(at + "permit/".Length)..] : null;
                    var permitType = Enum.TryParse<CredentialType>(code, out var parsed) && Enum.IsDefined(parsed) ? parsed.ToString() : CredentialType.Other.ToString();
                    yield return new ImportedFact(ImportedFact.Permit, verified, name, Text(s, "licenseNumber"), creator, null, null, null, start, end, null, null, permitType, null);
                    break;
                case "CertificateOfCompletion":
                    var hours = result is not null && decimal.TryParse(result.Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var h) ? h : (decimal?)null;
                    yield return new ImportedFact(ImportedFact.Training, verified, name, null, creator, null, null, null, end, null, null, null, null, hours);
                    break;
            }
        }
    }

    private static IEnumerable<ImportedFact> FromRecord(JsonObject record)
    {
        foreach (var c in Items(record, "courses"))
        {
            var units = Number(Get(c, "semesterUnits"));
            yield return new ImportedFact(ImportedFact.Course, false, Text(c, "title") ?? string.Empty, Text(c, "courseNumber"), Text(c, "institution"), units, Text(c, "grade"), Text(c, "term"), Day(Text(c, "completedOn")), null, Pascal(Text(c, "category")), null, null, null);
        }

        foreach (var d in Items(record, "degrees"))
        {
            yield return new ImportedFact(ImportedFact.Degree, false, Text(d, "major") ?? string.Empty, null, Text(d, "institution"), null, null, null, Day(Text(d, "conferredOn")), null, null, Pascal(Text(d, "level")), null, null);
        }

        foreach (var p in Items(record, "credentials"))
        {
            yield return new ImportedFact(ImportedFact.Permit, false, Text(p, "description") ?? Text(p, "type") ?? string.Empty, Text(p, "number"), Text(p, "issuingBody"), null, null, null, Day(Text(p, "issuedOn")), Day(Text(p, "expiresOn")), null, null, Text(p, "type"), null);
        }

        foreach (var t in Items(record, "training"))
        {
            yield return new ImportedFact(ImportedFact.Training, false, Text(t, "title") ?? string.Empty, null, Text(t, "sponsor"), null, null, null, Day(Text(t, "attendedOn")), null, null, null, null, Number(Get(t, "clockHours")));
        }
    }

    private static IEnumerable<JsonObject> Items(JsonObject record, string name) => Get(record, name) is JsonArray array ? array.OfType<JsonObject>() : [];

    private static JsonNode? Get(JsonNode? node, string name) => node is JsonObject o ? o[name] : null;

    private static string? Text(JsonNode? node, string name) => Get(node, name) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static decimal? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;

    private static DateOnly? Day(string? text) =>
        text is not null && DateOnly.TryParseExact(text.Length >= 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>The export writes enumerations camelCase ("childGrowthAndDevelopment"); the model names them PascalCase.</summary>
    private static string? Pascal(string? text) => string.IsNullOrEmpty(text) ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
