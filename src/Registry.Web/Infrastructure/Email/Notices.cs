using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Messages;

namespace Registry.Web.Infrastructure.Email;

/// <summary>A message as the person reads it in My Registry, in the language it was sent.</summary>
public sealed record Notice(int Id, string Subject, string Body, string Language, DateTimeOffset? At, MessageKind Kind);

/// <summary>The announcements a person received, as notices in My Registry, in the language they were sent.</summary>
public sealed class Notices(RegistryDbContext db)
{
    public const int Shown = 3;

    private sealed record Received(string Language, Announcement Announcement);

    private static readonly PerModelQuery<Func<RegistryDbContext, int, Task<int>>> Count = new(() =>
        EF.CompileAsyncQuery((RegistryDbContext db, int professionalId) => db.AnnouncementRecipients.Count(r => r.ProfessionalId == professionalId)));

    private static readonly PerModelQuery<Func<RegistryDbContext, int, int, int, IAsyncEnumerable<Received>>> Rows = new(() =>
        EF.CompileAsyncQuery((RegistryDbContext db, int professionalId, int skip, int take) => db.AnnouncementRecipients.AsNoTracking()
            .Where(r => r.ProfessionalId == professionalId)
            .OrderByDescending(r => r.AnnouncementId).Skip(skip).Take(take)
            .Join(db.Announcements.AsNoTracking(), r => r.AnnouncementId, a => a.Id, (r, a) => new Received(r.Language, a))));

    public async Task<(IReadOnlyList<Notice> Items, int Total)> PageAsync(string userId, int page, int size, CancellationToken ct)
    {
        // By the person's id first: the key (ProfessionalId, AnnouncementId) then reads only their notices.
        var professionalId = await db.Professionals.Where(p => p.UserId == userId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        return professionalId is null ? ([], 0) : await PageAsync(professionalId.Value, page, size, ct);
    }

    /// <summary>The same, for a person whose record the caller has already read.</summary>
    public async Task<(IReadOnlyList<Notice> Items, int Total)> PageAsync(int professionalId, int page, int size, CancellationToken ct)
    {
        var total = await Count.For(db)(db, professionalId);
        if (total == 0)
        {
            return ([], 0);
        }

        var rows = await Rows.For(db)(db, professionalId, (Math.Max(1, page) - 1) * size, size).ToListAsync(ct);
        return (rows.Select(r => ToNotice(r.Announcement, r.Language)).ToList(), total);
    }

    /// <summary>The newest <paramref name="size"/> notices of a person whose count the caller has read with their record (none read when it is 0).</summary>
    public async Task<IReadOnlyList<Notice>> NewestAsync(int professionalId, int total, int size, CancellationToken ct)
    {
        if (total == 0)
        {
            return [];
        }

        var rows = await Rows.For(db)(db, professionalId, 0, size).ToListAsync(ct);
        return rows.Select(r => ToNotice(r.Announcement, r.Language)).ToList();
    }

    public async Task<Notice?> FindAsync(string userId, int id, CancellationToken ct)
    {
        var professionalId = await db.Professionals.Where(p => p.UserId == userId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var row = await db.AnnouncementRecipients.AsNoTracking()
            .Where(r => r.AnnouncementId == id && r.ProfessionalId == professionalId)
            .Join(db.Announcements, r => r.AnnouncementId, a => a.Id, (r, a) => new { r.Language, Announcement = a })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : ToNotice(row.Announcement, row.Language);
    }

    /// <summary>The owner says the address is right: the prompt goes, and the next message tries it again.</summary>
    public async Task AddressIsRightAsync(string userId, CancellationToken ct)
    {
        var address = await db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedEmail).FirstOrDefaultAsync(ct);
        await db.UndeliverableAddresses.Where(a => a.Address == address).ExecuteDeleteAsync(ct);
    }

    private static Notice ToNotice(Announcement a, string language)
    {
        var (subject, body, _) = a.In(language);
        return new Notice(a.Id, subject, body, language, a.QueuedAt ?? a.QueuingStartedAt, a.Kind);
    }
}
