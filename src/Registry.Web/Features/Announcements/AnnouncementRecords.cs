using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Messages;

namespace Registry.Web.Features.Announcements;

/// <summary>Reading announcements: the list in the writer's scopes, one with whom it would reach now, and what became of a sent one.</summary>
public sealed class AnnouncementRecords(RegistryDbContext db, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<(IReadOnlyList<Announcing.ListItem> Items, int Total)> ListAsync(IReadOnlyList<Announcing.Scope> scopes, int page, CancellationToken ct)
    {
        var query = db.Announcements.AsNoTracking();
        if (!scopes.Any(s => s.EmployerId is null && s.SponsorId is null))
        {
            var sites = scopes.Where(s => s.EmployerId is not null).Select(s => s.EmployerId!.Value).ToList();
            var sponsors = scopes.Where(s => s.SponsorId is not null).Select(s => s.SponsorId!.Value).ToList();
            query = query.Where(a => (a.ScopeEmployerId != null && EF.Parameter(sites).Contains(a.ScopeEmployerId.Value))
                || (a.ScopeSponsorId != null && EF.Parameter(sponsors).Contains(a.ScopeSponsorId.Value)));
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Id).Skip((page - 1) * Announcing.PageSize).Take(Announcing.PageSize)
            .Select(a => new
            {
                a.Id, a.SubjectEnglish, a.Status, a.CreatedAt, a.ScheduledFor, a.QueuedAt, a.RecipientCount, a.ScopeEmployerId, a.ScopeSponsorId,
                Site = db.Employers.Where(e => e.Id == a.ScopeEmployerId).Select(e => e.Name).FirstOrDefault(),
                Sponsor = db.Sponsors.Where(s => s.Id == a.ScopeSponsorId).Select(s => s.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return (rows.Select(a => new Announcing.ListItem(a.Id, a.SubjectEnglish, a.Status, a.CreatedAt, a.ScheduledFor, a.QueuedAt, a.RecipientCount, a.Site ?? a.Sponsor ?? string.Empty)).ToList(), total);
    }

    public async Task<Announcing.Details> DetailsAsync(Announcement a, IReadOnlyList<Announcing.Scope> scopes, CancellationToken ct)
    {
        var scope = scopes.FirstOrDefault(s => s.Holds(a)) ?? new Announcing.Scope(a.ScopeEmployerId, a.ScopeSponsorId,
            await db.Employers.Where(e => e.Id == a.ScopeEmployerId).Select(e => e.Name).FirstOrDefaultAsync(ct)
            ?? await db.Sponsors.Where(s => s.Id == a.ScopeSponsorId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? string.Empty);
        var employer = a.Audience.EmployerId is { } id ? await db.Employers.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Name, e.LicenseNumber }).FirstOrDefaultAsync(ct) : null;
        var reach = a.IsEditable ? await ReachAsync(a.ScopeEmployerId, a.ScopeSponsorId, a.Audience, a.Kind, ct) : null;
        return new Announcing.Details(a, scope, employer?.Name, employer?.LicenseNumber, reach, a.IsEditable ? [] : await RecordAsync(a.Id, ct));
    }

    /// <summary>Counts who it would reach now, by language; those who turned its kind off are counted apart.</summary>
    public async Task<Announcing.Reach> ReachAsync(int? scopeEmployerId, int? scopeSponsorId, Audience audience, MessageKind kind, CancellationToken ct)
    {
        var counts = await Announcing.People(db, scopeEmployerId, scopeSponsorId, audience, Today)
            .Select(p => new
            {
                Spanish = p.PreferredLanguage == "es",
                Off = db.MessageOptOuts.Any(o => o.UserId == p.UserId && o.Kind == kind),
                Email = db.Users.Any(u => u.Id == p.UserId && u.EmailConfirmed),
            })
            .GroupBy(p => new { p.Spanish, p.Off, p.Email })
            .Select(g => new { g.Key.Spanish, g.Key.Off, g.Key.Email, Count = g.Count() })
            .ToListAsync(ct);
        return new Announcing.Reach(
            counts.Where(c => !c.Off && !c.Spanish).Sum(c => c.Count),
            counts.Where(c => !c.Off && c.Spanish).Sum(c => c.Count),
            counts.Where(c => !c.Off && !c.Email).Sum(c => c.Count),
            counts.Where(c => c.Off).Sum(c => c.Count));
    }

    /// <summary>What became of an announcement, by language: notices, emails queued, delivered, failed, and unsubscribes through its link.</summary>
    public async Task<IReadOnlyList<Announcing.Tally>> RecordAsync(int id, CancellationToken ct)
    {
        var notices = await db.AnnouncementRecipients.Where(r => r.AnnouncementId == id).GroupBy(r => r.Language).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var mail = await db.OutboxMessages.Where(m => m.AnnouncementId == id)
            .GroupBy(m => new { m.Language, Delivered = m.SentAt != null, Failed = m.GaveUpAt != null })
            .Select(g => new { g.Key.Language, g.Key.Delivered, g.Key.Failed, Count = g.Count() })
            .ToListAsync(ct);
        var unsubscribed = await db.MessageOptOuts.Where(o => o.ViaAnnouncementId == id)
            .Join(db.Professionals, o => o.UserId, p => p.UserId, (o, p) => p.Id)
            .Join(db.AnnouncementRecipients.Where(r => r.AnnouncementId == id), p => p, r => r.ProfessionalId, (p, r) => r.Language)
            .GroupBy(l => l).Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return Announcing.Languages.Select(l => new Announcing.Tally(
            l,
            notices.Where(n => n.Key == l).Sum(n => n.Count),
            mail.Where(m => m.Language == l && !m.Delivered && !m.Failed).Sum(m => m.Count),
            mail.Where(m => m.Language == l && m.Delivered).Sum(m => m.Count),
            mail.Where(m => m.Language == l && m.Failed).Sum(m => m.Count),
            unsubscribed.Where(u => u.Key == l).Sum(u => u.Count))).ToList();
    }
}
