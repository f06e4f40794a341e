using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.BulkLoads;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.PeopleImports;

/// <summary>What the staff pages of imports show and do: the list, one run with its progress, starting one from uploaded files.</summary>
public sealed class ImportPages(RegistryDbContext db, ImportRuns runs, SecurityAudit audit, TimeProvider time)
{
    public const int PageSize = 25;

    /// <summary>The largest upload the page takes (all files together); larger loads go through the command line.</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    /// <summary>A run as the list shows it (its rejects report, which can be long, is not read for the list).</summary>
    public sealed record Line(int Id, DateTimeOffset CreatedAt, string ByName, string Files, bool DryRun, PeopleImportStatus Status, int Loaded, int RowsRejected)
    {
        public int InvitationsSent { get; init; }

        public int Claimed { get; init; }
    }

    public sealed record ListModel(IReadOnlyList<Line> Imports, int Page, int Total);

    public async Task<ListModel> ListAsync(int page, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var total = await db.PeopleImports.CountAsync(ct);
        var imports = await db.PeopleImports.AsNoTracking().OrderByDescending(i => i.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(i => new Line(i.Id, i.CreatedAt, i.ByName, i.Files, i.DryRun, i.Status, i.PeopleCreated + i.PeopleMatched, i.RowsRejected)).ToListAsync(ct);
        var ids = imports.Select(i => i.Id).ToList();
        var counts = await db.AccountInvitations.AsNoTracking().Where(i => ids.Contains(i.ImportId))
            .GroupBy(i => i.ImportId)
            .Select(g => new { g.Key, Sent = g.Count(i => i.SentAt != null), Claimed = g.Count(i => i.ClaimedAt != null) })
            .ToDictionaryAsync(g => g.Key, ct);
        return new ListModel(imports.Select(i => counts.TryGetValue(i.Id, out var c) ? i with { InvitationsSent = c.Sent, Claimed = c.Claimed } : i).ToList(), page, total);
    }

    public sealed record ShowModel(PeopleImport Import, int Invitations, int InvitationsSent, int Reminded, int Claimed, IReadOnlyList<ImportReject> FirstRejects, int TotalRejects);

    public async Task<ShowModel?> ShowAsync(int id, CancellationToken ct)
    {
        if (await db.PeopleImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is not { } import)
        {
            return null;
        }

        var invitations = db.AccountInvitations.AsNoTracking().Where(i => i.ImportId == id);
        var rejects = ReadRejects(import.Rejects);
        return new ShowModel(import,
            await invitations.CountAsync(ct),
            await invitations.CountAsync(i => i.SentAt != null, ct),
            await invitations.CountAsync(i => i.RemindedAt != null, ct),
            await invitations.CountAsync(i => i.ClaimedAt != null, ct),
            rejects.Take(200).ToList(),
            rejects.Count);
    }

    public async Task<string?> RejectsAsync(int id, CancellationToken ct) =>
        await db.PeopleImports.AsNoTracking().Where(i => i.Id == id).Select(i => i.Rejects).SingleOrDefaultAsync(ct);

    /// <summary>Keeps the uploaded files, records the run (and in the audit, who started it), and queues it.</summary>
    public async Task<int> StartAsync(string byUserId, string byName, IReadOnlyList<IFormFile> files, bool dryRun, CancellationToken ct)
    {
        var import = new PeopleImport(byUserId, byName, string.Join(", ", files.Select(f => Path.GetFileName(f.FileName))), dryRun, time.GetUtcNow());
        db.PeopleImports.Add(import);
        audit.Add(Domain.Accounts.SecurityEventKind.PeopleImported, byUserId, byName, $"{(dryRun ? "dry run" : "load")} of {import.Files}");
        await db.SaveChangesAsync(ct);
        var folder = ImportRuns.Folder(import.Id);
        Directory.CreateDirectory(folder);
        var saved = new List<ImportFile>();
        for (var i = 0; i < files.Count; i++)
        {
            var path = Path.Combine(folder, i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".csv");
            await using (var target = File.Create(path))
            {
                await files[i].CopyToAsync(target, ct);
            }

            saved.Add(new ImportFile(Path.GetFileName(files[i].FileName), path));
        }

        runs.Enqueue(import.Id, saved);
        return import.Id;
    }

    /// <summary>The rejects report read back for the page (it is the CSV the download gives).</summary>
    public static IReadOnlyList<ImportReject> ReadRejects(string? csv)
    {
        if (csv is null)
        {
            return [];
        }

        using var reader = new CsvHelper.CsvReader(new StringReader(csv), System.Globalization.CultureInfo.InvariantCulture);
        var list = new List<ImportReject>();
        reader.Read();
        while (reader.Read())
        {
            var record = reader.Parser.Record ?? [];
            if (record.Length == 4)
            {
                list.Add(new ImportReject(record[0], int.TryParse(record[1], System.Globalization.CultureInfo.InvariantCulture, out var line) ? line : 0, record[2], record[3].TrimStart('\'')));
            }
        }

        return list;
    }
}
