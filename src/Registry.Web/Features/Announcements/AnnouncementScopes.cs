using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Messages;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Announcements;

/// <summary>Whose people a person may write to (the registry's, each site they direct, each sponsor whose events they manage), and the announcements those scopes hold.</summary>
public sealed class AnnouncementScopes(RegistryDbContext db, TimeProvider time)
{
    /// <summary>The scopes a person may write in: the registry's (staff), each site they direct, each sponsor whose events they manage.</summary>
    public async Task<IReadOnlyList<Announcing.Scope>> ScopesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var scopes = new List<Announcing.Scope>();
        if (user.IsRegistryStaff())
        {
            scopes.Add(new Announcing.Scope(null, null, string.Empty));
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return scopes;
        }

        var now = time.GetUtcNow();
        var sites = await db.AccessGrants.AsNoTracking().Where(AccessGrant.ActiveAt(now))
            .Where(g => g.UserId == userId && g.Role == AccessRole.SiteDirector && g.EmployerId != null)
            .Join(db.Employers, g => g.EmployerId, e => e.Id, (g, e) => new { e.Id, e.Name })
            .Distinct()
            .ToListAsync(ct);
        scopes.AddRange(sites.OrderBy(s => s.Name).Select(s => new Announcing.Scope(s.Id, null, s.Name)));
        var sponsors = await db.SponsorMembers.AsNoTracking()
            .Where(m => m.UserId == userId && m.ApprovedAt != null && (m.Role == SponsorRole.Manager || m.CanManageEvents))
            .Join(db.Sponsors.Where(s => s.Status == SponsorStatus.Approved), m => m.SponsorId, s => s.Id, (m, s) => new { s.Id, s.Name })
            .Distinct()
            .ToListAsync(ct);
        scopes.AddRange(sponsors.OrderBy(s => s.Name).Select(s => new Announcing.Scope(null, s.Id, s.Name)));
        return scopes;
    }

    /// <summary>An announcement its reader may see (one of their scopes), or null.</summary>
    public async Task<Announcement?> FindAsync(int id, IReadOnlyList<Announcing.Scope> scopes, CancellationToken ct)
    {
        var announcement = await db.Announcements.FirstOrDefaultAsync(a => a.Id == id, ct);
        return announcement is not null && (scopes.Any(s => s.EmployerId is null && s.SponsorId is null) || scopes.Any(s => s.Holds(announcement))) ? announcement : null;
    }
}
