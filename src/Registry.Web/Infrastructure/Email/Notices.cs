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

    public async Task<(IReadOnlyList<Notice> Items, int Total)> PageAsync(string userId, int page, int size, CancellationToken ct)
    {
        // By the person's id first: the key (ProfessionalId, AnnouncementId) then reads only their notices.
        var professionalId = await db.Professionals.Where(p => p.UserId == userId).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        if (professionalId is null)
        {
            return ([], 0);
        }

        var mine = db.AnnouncementRecipients.AsNoTracking().Where(r => r.ProfessionalId == professionalId);
        var total = await mine.CountAsync(ct);
        var rows = await mine.OrderByDescending(r => r.AnnouncementId).Skip((page - 1) * size).Take(size)
            .Join(db.Announcements, r => r.AnnouncementId, a => a.Id, (r, a) => new { r.Language, Announcement = a })
            .ToListAsync(ct);
        return (rows.Select(r => ToNotice(r.Announcement, r.Language)).ToList(), total);
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

    /// <summary>The address a mail server refused, when it is still the account's (for the "fix your email" prompt).</summary>
    public async Task<UndeliverableAddress?> UndeliverableAsync(string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId)
            .Join(db.UndeliverableAddresses, u => u.NormalizedEmail, a => a.Address, (u, a) => a)
            .AsNoTracking()
            .FirstOrDefaultAsync(ct);

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
