using Microsoft.EntityFrameworkCore;
using Registry.Web.Domain.Employers;

namespace Registry.Web.Data.Licensing;

/// <summary>
/// Imports the licensing agency's facility list: upserts sites by license number, never
/// duplicates one, marks sites a full list no longer names (without deleting them: people's
/// employment history points at them) and reports every rejected row with its line number.
/// </summary>
public static class ImportEmployers
{
    /// <summary>The source name for Community Care Licensing's list.</summary>
    public const string CcldSource = "CCLD";

    public enum Mode
    {
        /// <summary>The whole list: sites it does not name are marked no longer listed.</summary>
        Full,

        /// <summary>Some sites only (a county, a correction): nothing is marked.</summary>
        Partial,
    }

    public sealed record RejectedRow(int LineNumber, string LicenseNumber, string Reason);

    public sealed record Result(
        string? FileError,
        int Added,
        int Updated,
        int Unchanged,
        int NoLongerListed,
        IReadOnlyList<RejectedRow> Rejected)
    {
        public bool Succeeded => FileError is null;

        public static Result Refused(string error) => new(error, 0, 0, 0, 0, []);
    }

    public sealed class Handler(RegistryDbContext db, TimeProvider time, ILogger<Handler> logger, Infrastructure.Web.IPublicPageCache? pages = null)
    {
        private const int InsertBatchSize = 1_000;

        public async Task<Result> HandleAsync(ReadOnlyMemory<byte> file, Mode mode, CancellationToken cancellationToken)
        {
            var read = CcldFacilityFile.Read(file.Span);
            if (read.FileError is not null)
            {
                logger.LogWarning("Employer import refused: {Reason}", read.FileError);
                return Result.Refused(read.FileError);
            }

            var (accepted, rejected, listedNumbers) = Sort(read.Rows);
            if (accepted.Count == 0)
            {
                // A file with a header and no usable row is not a list to mark every site missing by.
                return new Result(
                    "The file has no row the registry could import.", 0, 0, 0, 0, rejected);
            }

            var strategy = db.Database.CreateExecutionStrategy();
            var result = await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var counts = await UpsertAsync(accepted, time.GetUtcNow(), ct);
                var noLongerListed = mode == Mode.Full ? await MarkNoLongerListedAsync(listedNumbers, ct) : 0;
                await transaction.CommitAsync(ct);
                return new Result(null, counts.Added, counts.Updated, counts.Unchanged, noLongerListed, rejected);
            }, cancellationToken);

            // The bulk "no longer listed" update passes no change tracker: the look-up's cached pages go here.
            if (pages is not null)
            {
                await pages.EvictAsync(Infrastructure.Web.CacheTags.Employers, cancellationToken);
            }

            logger.LogInformation(
                "Employer import ({Mode}): {Added} added, {Updated} updated, {Unchanged} unchanged, {NoLongerListed} no longer listed, {Rejected} rejected",
                mode, result.Added, result.Updated, result.Unchanged, result.NoLongerListed, result.Rejected.Count);
            return result;
        }

        /// <summary>
        /// Splits rows into sites to import and rejections. A license number seen twice keeps its
        /// first row. Every recognisable license number counts as listed, even on a rejected
        /// row, so a typo in one column never marks a real site as gone.
        /// </summary>
        private static (List<CcldFacilityFile.RowResult> Accepted, List<RejectedRow> Rejected, HashSet<string> Listed) Sort(
            IReadOnlyList<CcldFacilityFile.RowResult> rows)
        {
            var accepted = new List<CcldFacilityFile.RowResult>(rows.Count);
            var rejected = new List<RejectedRow>();
            var firstLine = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (row.Details is null || row.LicenseNumber is null)
                {
                    rejected.Add(new RejectedRow(row.LineNumber, row.RawLicenseNumber, row.RejectionReason ?? "rejected"));
                    if (row.LicenseNumber is not null)
                    {
                        firstLine.TryAdd(row.LicenseNumber, row.LineNumber);
                    }

                    continue;
                }

                if (firstLine.TryGetValue(row.LicenseNumber, out var first))
                {
                    rejected.Add(new RejectedRow(row.LineNumber, row.RawLicenseNumber, $"license number {row.LicenseNumber} is already on line {first}"));
                    continue;
                }

                firstLine.Add(row.LicenseNumber, row.LineNumber);
                accepted.Add(row);
            }

            rejected.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
            return (accepted, rejected, firstLine.Keys.ToHashSet(StringComparer.Ordinal));
        }

        private async Task<(int Added, int Updated, int Unchanged)> UpsertAsync(
            List<CcldFacilityFile.RowResult> rows, DateTimeOffset now, CancellationToken ct)
        {
            // One query for every site the registry holds (tens of thousands of small rows), not one per row.
            var existing = await db.Employers.ToDictionaryAsync(e => e.LicenseNumber, StringComparer.Ordinal, ct);

            int updated = 0, unchanged = 0;
            var added = new List<CcldFacilityFile.RowResult>();
            var renamed = new List<(int EmployerId, string Name)>();
            foreach (var row in rows)
            {
                if (!existing.TryGetValue(row.LicenseNumber!, out var employer))
                {
                    added.Add(row);
                    continue;
                }

                var oldName = employer.Name;
                if (!employer.ApplyImport(row.Details!))
                {
                    unchanged++;
                    continue;
                }

                updated++;
                if (!string.Equals(oldName, employer.Name, StringComparison.Ordinal))
                {
                    renamed.Add((employer.Id, employer.Name));
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await EmployerNameIndex.ReplaceAsync(db, renamed, ct);

            // New sites go in batches: a change tracker holding a whole state's sites makes
            // every insert slower than the last.
            foreach (var batch in added.Chunk(InsertBatchSize))
            {
                var employers = batch.Select(row => new Employer(row.LicenseNumber!, row.Details!, CcldSource, now)).ToList();
                db.Employers.AddRange(employers);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                await EmployerNameIndex.ReplaceAsync(db, employers.Select(e => (e.Id, e.Name)).ToList(), ct);
            }

            var listed = rows.Select(r => r.LicenseNumber!).ToList();
            await db.Employers
                .Where(e => EF.Parameter(listed).Contains(e.LicenseNumber))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LastImportedAt, now), ct);
            return (added.Count, updated, unchanged);
        }

        private async Task<int> MarkNoLongerListedAsync(HashSet<string> listed, CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var listedNumbers = listed.ToList();
            return await db.Employers
                .Where(e => e.Source == CcldSource && e.NoLongerListedAt == null && !EF.Parameter(listedNumbers).Contains(e.LicenseNumber))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.NoLongerListedAt, now), ct);
        }
    }
}
