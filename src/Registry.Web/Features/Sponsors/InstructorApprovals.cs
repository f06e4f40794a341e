using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sponsors;

/// <summary>
/// Registry staff approve the instructors a sponsor's manager asks for (an instructor posts
/// verified hours), or delegate that approval to a sponsor's manager, recorded with who and when
/// (decision 0030). Nobody approves themselves, or delegates for a sponsor they belong to.
/// </summary>
public static class InstructorApprovals
{
    public sealed record Waiting(int MemberId, int SponsorId, string Sponsor, string Email, string? Name, bool CanManageEvents, DateTimeOffset AskedAt, bool SponsorDelegated, bool Own);

    public sealed record Delegated(int SponsorId, string Sponsor, DateTimeOffset At, string? ByEmail, bool Own);

    public sealed record Page(IReadOnlyList<Waiting> Members, IReadOnlyList<Delegated> Sponsors);

    public enum Outcome
    {
        Done,
        NotFound,
        Own,
    }

    public sealed class Handler(RegistryDbContext db, SponsorMembers sponsors, SecurityAudit audit, TimeProvider time)
    {
        public async Task<Page> PageAsync(string staffUserId, CancellationToken ct)
        {
            var waiting = await db.SponsorMembers.AsNoTracking()
                .Where(m => m.Role == SponsorRole.Instructor && m.ApprovedAt == null && m.EndorsedAt != null)
                .OrderBy(m => m.Id).Take(100)
                .Join(db.Sponsors, m => m.SponsorId, s => s.Id, (m, s) => new { m, s })
                .Select(x => new Waiting(x.m.Id, x.s.Id, x.s.Name, db.Users.Where(u => u.Id == x.m.UserId).Select(u => u.Email!).First(),
                    db.Professionals.Where(p => p.UserId == x.m.UserId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
                    x.m.CanManageEvents, x.m.EndorsedAt!.Value, x.s.InstructorApprovalDelegatedAt != null,
                    x.m.UserId == staffUserId || db.SponsorMembers.Any(o => o.SponsorId == x.s.Id && o.UserId == staffUserId)))
                .ToListAsync(ct);
            var delegated = await db.Sponsors.AsNoTracking().Where(s => s.InstructorApprovalDelegatedAt != null).OrderBy(s => s.Name).Take(200)
                .Select(s => new Delegated(s.Id, s.Name, s.InstructorApprovalDelegatedAt!.Value, db.Users.Where(u => u.Id == s.InstructorApprovalDelegatedByUserId).Select(u => u.Email).FirstOrDefault(),
                    db.SponsorMembers.Any(o => o.SponsorId == s.Id && o.UserId == staffUserId)))
                .ToListAsync(ct);
            return new Page(waiting.OrderBy(w => w.AskedAt).ToList(), delegated);
        }

        public async Task<Outcome> ApproveAsync(int memberId, string staffUserId, CancellationToken ct)
        {
            if (await WaitingAsync(memberId, ct) is not { } member)
            {
                return Outcome.NotFound;
            }

            if (await IsOwnAsync(member.SponsorId, member.UserId, staffUserId, ct))
            {
                return Outcome.Own;
            }

            member.Approve(time.GetUtcNow(), member.CanManageEvents, staffUserId);
            await sponsors.ApprovedAsync(member, wasApproved: false, "; approved by registry staff", ct);
            return Outcome.Done;
        }

        public async Task<Outcome> RefuseAsync(int memberId, string staffUserId, CancellationToken ct)
        {
            if (await WaitingAsync(memberId, ct) is not { } member)
            {
                return Outcome.NotFound;
            }

            if (await IsOwnAsync(member.SponsorId, member.UserId, staffUserId, ct))
            {
                return Outcome.Own;
            }

            return await sponsors.RemoveMemberAsync(member.SponsorId, member.Id, "; refused by registry staff", ct) ? Outcome.Done : Outcome.NotFound;
        }

        /// <summary>Lets the sponsor's manager approve its instructors from now on (or stops it), recorded with who and when.</summary>
        public async Task<Outcome> DelegateAsync(int sponsorId, bool delegated, string staffUserId, CancellationToken ct)
        {
            if (await db.Sponsors.SingleOrDefaultAsync(s => s.Id == sponsorId && s.Status == SponsorStatus.Approved, ct) is not { } sponsor)
            {
                return Outcome.NotFound;
            }

            if (await db.SponsorMembers.AnyAsync(m => m.SponsorId == sponsorId && m.UserId == staffUserId, ct))
            {
                return Outcome.Own;
            }

            if (delegated == sponsor.ManagerApprovesInstructors)
            {
                return Outcome.Done;
            }

            if (delegated)
            {
                sponsor.DelegateInstructorApproval(staffUserId, time.GetUtcNow());
            }
            else
            {
                sponsor.WithdrawInstructorApproval();
            }

            audit.Add(delegated ? SecurityEventKind.InstructorApprovalDelegated : SecurityEventKind.InstructorApprovalWithdrawn, sponsor.AppliedByUserId,
                await db.Users.Where(u => u.Id == sponsor.AppliedByUserId).Select(u => u.Email).FirstOrDefaultAsync(ct),
                $"sponsor {sponsor.Name} (id {sponsor.Id}): its manager {(delegated ? "approves" : "no longer approves")} its instructors without registry review");
            await db.SaveChangesAsync(ct);
            return Outcome.Done;
        }

        private Task<SponsorMember?> WaitingAsync(int memberId, CancellationToken ct) =>
            db.SponsorMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.Role == SponsorRole.Instructor && m.ApprovedAt == null && m.EndorsedAt != null, ct);

        /// <summary>Staff never approve themselves, nor an instructor of a sponsor they belong to.</summary>
        private async Task<bool> IsOwnAsync(int sponsorId, string memberUserId, string staffUserId, CancellationToken ct) =>
            memberUserId == staffUserId || await db.SponsorMembers.AnyAsync(m => m.SponsorId == sponsorId && m.UserId == staffUserId, ct);
    }
}
