using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Access;

namespace Registry.Web.Infrastructure.Security;

/// <summary>Writes and reads the log of who looked at a professional's record.</summary>
public sealed class AccessLogService(RegistryDbContext db, TimeProvider time, RecentLooks recent)
{
    private static readonly string[] Columns =
    [
        nameof(AccessLogEntry.ProfessionalId), nameof(AccessLogEntry.ViewerUserId), nameof(AccessLogEntry.ViewerRole),
        nameof(AccessLogEntry.EmployerId), nameof(AccessLogEntry.What), nameof(AccessLogEntry.At),
    ];

    public sealed record Entry(DateTimeOffset At, string Viewer, string? Role, string? Site, string What);

    /// <summary>Logs a look at these people's records by someone else (the owner's own looks are not logged).</summary>
    public Task RecordAsync(IEnumerable<int> professionalIds, string viewerUserId, string role, int? employerId, string what, CancellationToken ct) =>
        RecordAsync(professionalIds.Select(id => (id, employerId)), viewerUserId, role, what, ct);

    /// <summary>
    /// Logs a look at people seen each for a site of their own (a director's staff across several
    /// sites), in one save. The same look again within <see cref="RecentLooks.Window"/> is not logged
    /// again; a look saved with other changes (an export's audit entry) always is.
    /// </summary>
    public async Task RecordAsync(IEnumerable<(int ProfessionalId, int? EmployerId)> looks, string viewerUserId, string role, string what, CancellationToken ct)
    {
        // What was seen may carry a name typed by someone (a document's file name): a long one is cut,
        // never allowed to fail the save (and with it the page the person asked for).
        what = what.Length <= AccessLogEntry.MaxWhatLength ? what : what[..AccessLogEntry.MaxWhatLength];
        var distinct = looks.Distinct().Select(look => new RecentLooks.Look(viewerUserId, role, look.EmployerId, what, look.ProfessionalId)).ToList();
        var withOtherChanges = db.ChangeTracker.HasChanges();
        var toLog = withOtherChanges ? distinct : recent.NotYetLogged(distinct);
        if (toLog.Count == 0)
        {
            return;
        }

        var own = await db.Professionals.AsNoTracking().Where(p => p.UserId == viewerUserId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow();
        var seen = toLog.Where(look => look.ProfessionalId != own).ToList();
        if (withOtherChanges)
        {
            // Something waits to be saved with the log (an export's audit entry): one save, both or neither.
            db.AccessLog.AddRange(seen.Select(look => new AccessLogEntry(look.ProfessionalId, viewerUserId, role, look.EmployerId, what, now)));
            await db.SaveChangesAsync(ct);
        }
        else
        {
            // A page's look: one statement (a few for a long list), not a tracked entity and a round trip per person shown.
            await BulkInsert.InFewStatementsAsync<AccessLogEntry>(db, Columns,
                seen.Select(look => new object?[] { look.ProfessionalId, viewerUserId, role, look.EmployerId, what, now }).ToList(), ct);
        }

        recent.Logged(toLog);
    }

    /// <summary>Logs one look, every time (no "already logged" window): a check of the person's signed credential by whoever holds it.</summary>
    public async Task RecordEachAsync(int professionalId, string viewerUserId, string role, string what, CancellationToken ct)
    {
        db.AccessLog.Add(new AccessLogEntry(professionalId, viewerUserId, role, null, what, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    public async Task<(IReadOnlyList<Entry> Entries, bool HasOlder)> ForAsync(int professionalId, int page, CancellationToken ct)
    {
        const int PageSize = 50;
        page = Math.Max(1, page);
        var rows = await db.AccessLog.AsNoTracking()
            .Where(e => e.ProfessionalId == professionalId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(e => new Entry(
                e.At,
                db.Professionals.Where(p => p.UserId == e.ViewerUserId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault()
                    ?? db.Users.Where(u => u.Id == e.ViewerUserId).Select(u => u.Email).FirstOrDefault() ?? "?",
                e.ViewerRole,
                db.Employers.Where(s => s.Id == e.EmployerId).Select(s => s.Name).FirstOrDefault(),
                e.What))
            .ToListAsync(ct);
        return (rows.Take(PageSize).ToList(), rows.Count > PageSize);
    }
}
