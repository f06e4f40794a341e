using System.Security.Cryptography;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Documents;

namespace Registry.Web.Infrastructure.Storage;

/// <summary>The upload check and store, shared by every form that takes a file.</summary>
public static class Uploads
{
    /// <summary>
    /// Checks an uploaded file (present, at most 10 MB, a real PDF, JPEG or PNG whose name
    /// matches its content) and keeps it in the document storage under a random key. Every
    /// upload in the registry (documents, proofs of position) comes through here.
    /// </summary>
    public static async Task<((string Key, byte[] Bytes, DocumentFileType Type, IFormFile File)? Stored, string? Problem)> StoreAsync(
        IFormFile? upload, string missing, IDocumentStorage storage, IStringLocalizer t, ILogger logger, CancellationToken ct)
    {
        if (upload is not { Length: > 0 } file)
        {
            return (null, missing);
        }

        if (file.Length > Document.MaxBytes)
        {
            return (null, t["The file is larger than 10 MB. Scan at a lower resolution, or upload pages separately."]);
        }

        await using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (Document.Recognise(bytes) is not { } type)
        {
            return (null, t["This file is not a PDF, JPEG or PNG. Upload a scan or photo in one of those formats."]);
        }

        if (!Document.NameMatches(Path.GetFileName(file.FileName.Replace('\\', '/')), type))
        {
            return (null, t["The file's content does not match its name. Upload the original PDF, JPEG or PNG."]);
        }

        var key = RandomNumberGenerator.GetHexString(32, lowercase: true);
        try
        {
            await using var content = new MemoryStream(bytes);
            await storage.SaveAsync(key, content, ct);
        }
        catch (DocumentStorageException e)
        {
            // The operator needs to know (a full disk, a read-only folder); the person needs to know nothing was kept.
            logger.LogError(e, "An upload of {Bytes} bytes could not be stored", bytes.Length);
            return (null, t["The registry could not store your file just now, so nothing was saved. Please try again later."]);
        }

        return ((key, bytes, type, file), null);
    }

    /// <summary>
    /// Saves the record naming a stored file; if that fails (the database is down), the file is
    /// removed again, so a failed upload leaves no file behind. (A process killed between the
    /// two can still leave an unnamed file: harmless, never served, and left out of backups.)
    /// </summary>
    public static async Task SaveOrForgetAsync(RegistryDbContext db, IDocumentStorage storage, string key, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            try
            {
                await storage.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The first failure is the one to report.
            }

            throw;
        }
    }
}
