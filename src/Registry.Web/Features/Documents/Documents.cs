using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Registry.Web.Data;
using Registry.Web.Domain.Documents;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Storage;

namespace Registry.Web.Features.Documents;

/// <summary>
/// My Registry's documents: upload (PDF, JPEG, PNG, at most 10 MB, checked by content, within the
/// person's quota), list, download, hide from employers, delete.
/// </summary>
public static class MyDocuments
{
    public sealed class UploadForm
    {
        public IFormFile? File { get; set; }

        public string? Kind { get; set; }

        public DocumentKind? ParsedKind => Enum.TryParse<DocumentKind>(Kind, out var kind) && Enum.IsDefined(kind) ? kind : null;
    }

    public sealed record DocumentView(int Id, DocumentKind Kind, string FileName, DocumentFileType FileType, long SizeBytes, DateTimeOffset UploadedAt, bool HiddenFromEmployers);

    public sealed class Handler(RegistryDbContext db, IDocumentStorage storage, TimeProvider time, IStringLocalizer<SharedResource> t, IAuthorizationService authorization, AccessLogService log, IOptions<StorageOptions> options, ILogger<MyDocuments.Handler> logger)
    {
        public async Task<IReadOnlyList<DocumentView>> ListAsync(int professionalId, CancellationToken ct) =>
            await db.Documents.AsNoTracking().Where(d => d.ProfessionalId == professionalId).OrderByDescending(d => d.Id)
                .Select(d => new DocumentView(d.Id, d.Kind, d.FileName, d.FileType, d.SizeBytes, d.UploadedAt, d.HiddenFromEmployers))
                .ToListAsync(ct);

        /// <summary>Stores the upload, or says beside which field what is wrong with it.</summary>
        public async Task<(string Field, string Message)?> UploadAsync(int professionalId, UploadForm form, CancellationToken ct)
        {
            if (form.ParsedKind is not { } kind)
            {
                return ("Kind", t["Choose what the document is."]);
            }

            // Checked before anything is written: a refused upload leaves no file and no row.
            if (form.File is { Length: > 0 and <= Document.MaxBytes } incoming)
            {
                var quota = options.Value.QuotaPerPersonBytes;
                var used = await db.Documents.Where(d => d.ProfessionalId == professionalId).SumAsync(d => (long?)d.SizeBytes, ct) ?? 0;
                if (used + incoming.Length > quota)
                {
                    return ("File", t["This file would go over the space for your documents: you have used {0} of the {1} each person has. Delete a document you no longer need, or upload a smaller file.", Size(used), Size(quota)]);
                }
            }

            var (upload, problem) = await Uploads.StoreAsync(form.File, t["Choose a file to upload."], storage, t, logger, ct);
            if (upload is not { } stored)
            {
                return ("File", problem!);
            }

            var (key, bytes, type, file) = stored;
            db.Documents.Add(new Document(professionalId, kind, Document.SafeFileName(file.FileName, type), type, bytes.Length, key, Convert.ToHexStringLower(SHA256.HashData(bytes)), time.GetUtcNow()));
            await Uploads.SaveOrForgetAsync(db, storage, key, ct);
            return null;
        }

        /// <summary>A size as people read it, in the current culture: "1.5 MB", "300 KB".</summary>
        public static string Size(long bytes) => bytes >= 1024 * 1024
            ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.CurrentCulture) + " MB"
            : (bytes / 1024.0).ToString("0.#", CultureInfo.CurrentCulture) + " KB";

        /// <summary>The document and its content, if <paramref name="user"/> may read it (<see cref="DocumentAuthorizationHandler"/>).</summary>
        public async Task<(Document Document, Stream Content)?> OpenAsync(ClaimsPrincipal user, int id, CancellationToken ct)
        {
            var document = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
            if (document is null || !(await authorization.AuthorizeAsync(user, document, DocumentOperations.Read)).Succeeded
                || await storage.OpenAsync(document.StorageKey, ct) is not { } content)
            {
                return null;
            }

            // Anyone but the owner reading it is logged (the log skips the owner's own reads).
            if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { } viewer)
            {
                var role = user.IsRegistryStaff() ? "RegistryStaff" : "SiteDirector";
                await log.RecordAsync([document.ProfessionalId], viewer, role, null, "document: " + document.FileName, ct);
            }

            return (document, content);
        }

        public async Task<bool> SetHiddenAsync(int professionalId, int id, bool hidden, CancellationToken ct)
        {
            if (await db.Documents.SingleOrDefaultAsync(d => d.Id == id && d.ProfessionalId == professionalId, ct) is not { } document)
            {
                return false;
            }

            document.HiddenFromEmployers = hidden;
            await db.SaveChangesAsync(ct);
            return true;
        }

        public async Task<bool> DeleteAsync(int professionalId, int id, CancellationToken ct)
        {
            var document = await db.Documents.SingleOrDefaultAsync(d => d.Id == id && d.ProfessionalId == professionalId, ct);
            if (document is null)
            {
                return false;
            }

            db.Documents.Remove(document);
            await db.SaveChangesAsync(ct);
            await storage.DeleteAsync(document.StorageKey, ct);
            return true;
        }
    }
}
