using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sponsors;

/// <summary>A sponsor's instructors: approved by its manager (or asked of registry staff, decision 0030), audited, and removed.</summary>
public sealed class SponsorMembers(RegistryDbContext db, TimeProvider time, AccountEmails emails, SecurityAudit audit)
{
    public enum MemberOutcome
    {
        NotFound,
        Approved,
        Saved,
        SentToStaff,
    }

    /// <summary>
    /// The manager approves an instructor (or changes whether they manage events). Where registry
    /// staff have not delegated instructor approval to the sponsor, a new instructor is only
    /// asked for: staff approve them (decision 0030).
    /// </summary>
    public async Task<MemberOutcome> ApproveMemberAsync(int sponsorId, int memberId, bool canManageEvents, string byUserId, CancellationToken ct)
    {
        if (await db.SponsorMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.SponsorId == sponsorId && m.Role == SponsorRole.Instructor, ct) is not { } member)
        {
            return MemberOutcome.NotFound;
        }

        var wasApproved = member.IsApproved;
        if (!wasApproved && !await db.Sponsors.AnyAsync(s => s.Id == sponsorId && s.InstructorApprovalDelegatedAt != null, ct))
        {
            member.Endorse(time.GetUtcNow(), canManageEvents);
            await db.SaveChangesAsync(ct);
            return MemberOutcome.SentToStaff;
        }

        var couldManageEvents = member.CanManageEvents;
        member.Approve(time.GetUtcNow(), canManageEvents, byUserId);
        if (wasApproved && couldManageEvents == canManageEvents)
        {
            return MemberOutcome.Saved;
        }

        await ApprovedAsync(member, wasApproved, string.Empty, ct);
        return wasApproved ? MemberOutcome.Saved : MemberOutcome.Approved;
    }

    /// <summary>The audit entry (and, for a new instructor, the email) of an approval, saved.</summary>
    public async Task ApprovedAsync(SponsorMember member, bool wasApproved, string by, CancellationToken ct)
    {
        var sponsorName = await db.SponsorNameAsync(member.SponsorId, ct);
        audit.Add(SecurityEventKind.SponsorMemberApproved, member.UserId, await db.UserEmailAsync(member.UserId, ct),
            $"instructor of {sponsorName} (sponsor id {member.SponsorId}); may post and change events: {(member.CanManageEvents ? "yes" : "no")}{(wasApproved ? " (changed)" : string.Empty)}{by}");
        if (!wasApproved)
        {
            await emails.QueueNoticeAsync(member.UserId, "instructor-approved", (t, _) =>
                (t["You are an instructor for {0}", sponsorName], [t["{0} approved you as an instructor. You can take attendance at its events.", sponsorName]], t["Open your sponsor page"]),
                emails.LinkTo("Index", "Sponsors"));
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes an instructor (a request or an approved one), audited in the same save; the manager stays.</summary>
    public async Task<bool> RemoveMemberAsync(int sponsorId, int memberId, string by, CancellationToken ct)
    {
        if (await db.SponsorMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.SponsorId == sponsorId && m.Role == SponsorRole.Instructor, ct) is not { } member)
        {
            return false;
        }

        db.SponsorMembers.Remove(member);
        audit.Add(SecurityEventKind.SponsorMemberRemoved, member.UserId, await db.UserEmailAsync(member.UserId, ct),
            $"{(member.IsApproved ? "instructor" : "request to be an instructor")} of {await db.SponsorNameAsync(sponsorId, ct)} (sponsor id {sponsorId}){by}");
        await db.SaveChangesAsync(ct);
        return true;
    }
}
