using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sponsors;

/// <summary>Registry staff decide organizations' applications to be training sponsors (never their own); the applicant is emailed.</summary>
public sealed class SponsorApplications(RegistryDbContext db, TimeProvider time, AccountEmails emails, SecurityAudit audit)
{
    /// <summary>A sponsor application as staff see it; <see cref="AppliedByUserId"/>: registry staff never decide their own.</summary>
    public sealed record Application(int Id, string Name, string ContactEmail, string? Phone, string? County, string? Website, DateTimeOffset AppliedAt, string? ApplicantEmail, string AppliedByUserId);

    public async Task<IReadOnlyList<Application>> PendingAsync(CancellationToken ct) =>
        await db.Sponsors.AsNoTracking().Where(s => s.Status == SponsorStatus.Pending).OrderBy(s => s.AppliedAt)
            .Select(s => new Application(s.Id, s.Name, s.ContactEmail, s.Phone, s.County, s.Website, s.AppliedAt, db.Users.Where(u => u.Id == s.AppliedByUserId).Select(u => u.Email).FirstOrDefault(), s.AppliedByUserId))
            .ToListAsync(ct);

    /// <summary>Whether the application is the staff member's own: another staff member decides it.</summary>
    public Task<bool> IsOwnAsync(int sponsorId, string staffUserId, CancellationToken ct) =>
        db.Sponsors.AnyAsync(s => s.Id == sponsorId && s.AppliedByUserId == staffUserId, ct);

    /// <summary>Approves or denies a pending application (never one's own: false, nothing changed).</summary>
    public async Task<bool> DecideAsync(int sponsorId, string staffUserId, bool approve, string? reason, CancellationToken ct)
    {
        if (await db.Sponsors.SingleOrDefaultAsync(s => s.Id == sponsorId && s.Status == SponsorStatus.Pending && s.AppliedByUserId != staffUserId, ct) is not { } sponsor)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (approve)
        {
            sponsor.Approve(staffUserId, now);
            var manager = await db.SponsorMembers.SingleAsync(m => m.SponsorId == sponsorId && m.UserId == sponsor.AppliedByUserId, ct);
            manager.Approve(now, canManageEvents: true, staffUserId);

            // The applicant becomes the sponsor's manager: they now see the people registered at its events.
            audit.Add(SecurityEventKind.SponsorApproved, sponsor.AppliedByUserId, await db.UserEmailAsync(sponsor.AppliedByUserId, ct), $"sponsor {sponsor.Name} (id {sponsor.Id}); the applicant is its manager");
        }
        else
        {
            sponsor.Deny(staffUserId, now, reason!);
        }

        var link = emails.LinkTo("Index", "Sponsors");
        await emails.QueueNoticeAsync(sponsor.AppliedByUserId, approve ? "sponsor-approved" : "sponsor-denied", (t, _) => approve
            ? (t["{0} is approved as a training sponsor", sponsor.Name], [t["Registry staff approved {0} as a training sponsor. You can now post events and approve your instructors.", sponsor.Name]], t["Open your sponsor page"])
            : (t["{0} was not approved as a training sponsor", sponsor.Name], [t["Registry staff did not approve {0} as a training sponsor.", sponsor.Name], t["The reason: {0}", sponsor.DecisionReason!]], t["Open your sponsor page"]), link);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
