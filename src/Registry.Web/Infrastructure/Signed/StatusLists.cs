using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Registry.Web.Data;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Signed;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Infrastructure.Signed;

/// <summary>
/// The registry's revocation lists (W3C Bitstring Status List): one bit per credential issued, set
/// when it no longer holds. Worked out from the record each time it is asked for, so a fact
/// un-verified, edited, removed or merged away shows as revoked at once, everywhere. A bit once set
/// stays set: the credential keeps the fact's stamp of the day it was issued.
/// </summary>
public sealed class StatusLists(RegistryDbContext db, RegistryIssuer issuer, CredentialTokens tokens, TimeProvider time)
{
    private const int MaxDecodedBytes = 16 * 1024 * 1024;

    /// <summary>Which of these issued credentials still hold (the rest of the range, issued or since deleted, is revoked).</summary>
    public IQueryable<int> Holding(int first, int last) => Holding(db.IssuedCredentials.Where(c => c.Id >= first && c.Id <= last));

    /// <summary>Which of these issued credentials still hold: not withdrawn, their holder not merged away, their fact unchanged and verified.</summary>
    public IQueryable<int> Holding(IQueryable<IssuedCredential> issued) =>
        issued.AsNoTracking()
            .Where(c => c.WithdrawnAt == null)

            // A merge since it was issued revokes what the merged-away profile was given (and a whole-record
            // credential of the kept one), for good: undoing the merge does not bring them back.
            .Where(c => !db.ProfileMerges.Any(m => m.MergedAt > c.IssuedAt && (m.MergedProfessionalId == c.ProfessionalId
                || (m.KeptProfessionalId == c.ProfessionalId && (c.Kind == IssuedCredentialKind.Qualifications || c.Kind == IssuedCredentialKind.Transcript)))))
            .Where(c => c.Kind != IssuedCredentialKind.Permit || db.Credentials.Any(f =>
                f.Id == c.FactId && f.ProfessionalId == c.ProfessionalId && f.ConcurrencyStamp == c.FactStamp
                && f.Verification.Status == VerificationStatus.Verified && f.Verification.At == c.FactVerifiedAt))
            .Where(c => (c.Kind != IssuedCredentialKind.Qualifications && c.Kind != IssuedCredentialKind.Transcript)
                || db.Courses.Count(f => f.ProfessionalId == c.ProfessionalId && f.Verification.Status == VerificationStatus.Verified && f.Verification.At <= c.IssuedAt)
                + db.Degrees.Count(f => f.ProfessionalId == c.ProfessionalId && f.Verification.Status == VerificationStatus.Verified && f.Verification.At <= c.IssuedAt)
                + db.Credentials.Count(f => f.ProfessionalId == c.ProfessionalId && f.Verification.Status == VerificationStatus.Verified && f.Verification.At <= c.IssuedAt)
                + db.TrainingRecords.Count(f => f.ProfessionalId == c.ProfessionalId && f.Verification.Status == VerificationStatus.Verified && f.Verification.At <= c.IssuedAt)
                + db.Employments.Count(f => f.ProfessionalId == c.ProfessionalId && ((f.Verification.Status == VerificationStatus.Verified && f.Verification.At <= c.IssuedAt) || f.ConfirmedAt <= c.IssuedAt))
                == c.FactCount)
            .Where(c => (c.Kind != IssuedCredentialKind.TrainingCertificate && c.Kind != IssuedCredentialKind.CertificateCode)
                || (db.Attendance.Count(a => a.ProfessionalId == c.ProfessionalId && a.Status == AttendanceStatus.Posted && a.CreditedHours > 0 && a.PostedAt <= c.IssuedAt
                        && db.TrainingSessions.Any(s => s.Id == a.SessionId && s.EventId == c.FactId)) == c.FactCount
                    && !db.Attendance.Any(a => a.ProfessionalId == c.ProfessionalId && a.PostedAt > c.IssuedAt
                        && db.TrainingSessions.Any(s => s.Id == a.SessionId && s.EventId == c.FactId))))
            .Select(c => c.Id);

    /// <summary>How many of the person's facts are verified, verified at or before <paramref name="at"/> (see <see cref="IssuedCredential.FactCount"/>).</summary>
    public async Task<int> VerifiedFactsAsync(int professionalId, DateTimeOffset at, CancellationToken ct) =>
        await db.Courses.CountAsync(f => f.ProfessionalId == professionalId && f.Verification.Status == VerificationStatus.Verified && f.Verification.At <= at, ct)
        + await db.Degrees.CountAsync(f => f.ProfessionalId == professionalId && f.Verification.Status == VerificationStatus.Verified && f.Verification.At <= at, ct)
        + await db.Credentials.CountAsync(f => f.ProfessionalId == professionalId && f.Verification.Status == VerificationStatus.Verified && f.Verification.At <= at, ct)
        + await db.TrainingRecords.CountAsync(f => f.ProfessionalId == professionalId && f.Verification.Status == VerificationStatus.Verified && f.Verification.At <= at, ct)
        + await db.Employments.CountAsync(f => f.ProfessionalId == professionalId && ((f.Verification.Status == VerificationStatus.Verified && f.Verification.At <= at) || f.ConfirmedAt <= at), ct);

    /// <summary>Whether the credential with this id still holds.</summary>
    public async Task<bool> HoldsAsync(int id, CancellationToken ct) => await Holding(id, id).AnyAsync(ct);

    /// <summary>The signed status list credential of list <paramref name="list"/>, or null when no credential is in it yet.</summary>
    public async Task<string?> SignedListAsync(int list, CancellationToken ct)
    {
        var (first, last) = IssuedCredential.IdsOfList(list);
        var issued = await db.IssuedCredentials.MaxAsync(c => (int?)c.Id, ct) ?? 0;
        if (list < 1 || (first > issued && list != 1))
        {
            return null;
        }

        var bits = new byte[IssuedCredential.StatusListSize / 8];
        for (var id = first; id <= Math.Min(last, issued); id++)
        {
            Set(bits, id - first, true);
        }

        foreach (var id in await Holding(first, last).ToListAsync(ct))
        {
            Set(bits, id - first, false);
        }

        var url = issuer.StatusList(list);
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["id"] = url,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = new JsonObject { ["id"] = issuer.Did, ["name"] = issuer.Name },
            ["validFrom"] = CredentialTokens.Timestamp(time.GetUtcNow()),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = url + "#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = "revocation",
                ["encodedList"] = Encode(bits),
            },
        };
        return await tokens.SignAsync(credential, ct);
    }

    /// <summary>Bit <paramref name="index"/> of a decoded list; the first index is the left-most bit.</summary>
    public static bool IsSet(byte[] bits, int index) => (bits[index / 8] & (0x80 >> (index % 8))) != 0;

    /// <summary>GZIP-compressed, then multibase base64url without padding ("u…"), as the recommendation asks.</summary>
    public static string Encode(byte[] bits)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bits);
        }

        return "u" + Base64UrlEncoder.Encode(compressed.ToArray());
    }

    /// <summary>The bits of an encoded list; null when it is not one.</summary>
    public static byte[]? Decode(string? encoded)
    {
        if (encoded is not { Length: > 1 } || encoded[0] != 'u')
        {
            return null;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(Base64UrlEncoder.DecodeBytes(encoded[1..])), CompressionMode.Decompress);
            using var bits = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                // A list of many millions of credentials is a few megabytes; more is not a list.
                if (bits.Length + read > MaxDecodedBytes)
                {
                    return null;
                }

                bits.Write(buffer, 0, read);
            }

            return bits.Length >= IssuedCredential.StatusListSize / 8 ? bits.ToArray() : null;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or ArgumentException)
        {
            return null;
        }
    }

    private static void Set(byte[] bits, int index, bool value)
    {
        var mask = (byte)(0x80 >> (index % 8));
        bits[index / 8] = value ? (byte)(bits[index / 8] | mask) : (byte)(bits[index / 8] & ~mask);
    }
}
