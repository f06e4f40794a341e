using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Accounts;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Sponsors;

/// <summary>Training sponsors: applying, registry staff's decision, instructors joining and being approved.</summary>
public static class SponsorOrganizations
{
    public sealed class ApplyForm
    {
        public string? Name { get; set; }

        public string? ContactEmail { get; set; }

        public string? Phone { get; set; }

        public string? County { get; set; }

        public string? Website { get; set; }
    }

    public sealed class ApplyValidator : AbstractValidator<ApplyForm>
    {
        public ApplyValidator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(f => f.Name).NotEmpty().WithMessage(t["Enter the organisation's name."])
                .MaximumLength(Sponsor.MaxNameLength).WithMessage(t["Use at most {0} characters.", Sponsor.MaxNameLength]);
            RuleFor(f => f.ContactEmail).NotEmpty().WithMessage(t["Enter an email address people can write to."])
                .EmailAddress().WithMessage(t["Enter an email address like name@example.org."])
                .MaximumLength(256).WithMessage(t["Use at most {0} characters.", 256]);
            RuleFor(f => f.Phone).MaximumLength(30).WithMessage(t["Use at most {0} characters.", 30]);
            RuleFor(f => f.County).Must(c => CaliforniaCounties.All.Contains(c!)).When(f => !string.IsNullOrWhiteSpace(f.County), ApplyConditionTo.CurrentValidator)
                .WithMessage(t["Choose a county from the list."]);
            RuleFor(f => f.Website).Must(w => Uri.TryCreate(w, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                .When(f => !string.IsNullOrWhiteSpace(f.Website), ApplyConditionTo.CurrentValidator).WithMessage(t["Enter a web address starting with https://."])
                .MaximumLength(300).WithMessage(t["Use at most {0} characters.", 300]);
        }
    }

    public sealed record Membership(int SponsorId, string Name, SponsorStatus Status, SponsorRole Role, bool Approved, bool CanManageEvents, string? Reason);

    public sealed record MemberView(int Id, string UserId, string Email, string? Name, SponsorRole Role, bool Approved, bool CanManageEvents, bool SentToStaff = false);

    public sealed record EventRow(int Id, string Title, DateOnly FirstDay, DateOnly LastDay, decimal ClockHours, TrainingEventStatus Status, int Registered, int Capacity);

    public sealed record SponsorHome(int Id, string Name, string ContactEmail, string? County, IReadOnlyList<MemberView> Members, IReadOnlyList<EventRow> Upcoming, IReadOnlyList<EventRow> Past);

    /// <summary>A sponsor application as staff see it; <see cref="AppliedByUserId"/>: registry staff never decide their own.</summary>
    public sealed record Application(int Id, string Name, string ContactEmail, string? Phone, string? County, string? Website, DateTimeOffset AppliedAt, string? ApplicantEmail, string AppliedByUserId);

    public sealed class Handler(RegistryDbContext db, TimeProvider time, AccountEmails emails, SecurityAudit audit)
    {
        public const int PastShown = 50;

        public async Task<IReadOnlyList<Membership>> MineAsync(string userId, CancellationToken ct) =>
            await db.SponsorMembers.AsNoTracking().Where(m => m.UserId == userId)
                .Join(db.Sponsors, m => m.SponsorId, s => s.Id, (m, s) => new { m, s })
                .OrderBy(x => x.s.Name)
                .Select(x => new Membership(x.s.Id, x.s.Name, x.s.Status, x.m.Role, x.m.ApprovedAt != null, x.m.CanManageEvents, x.s.DecisionReason))
                .ToListAsync(ct);

        public async Task ApplyAsync(string userId, ApplyForm form, CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var sponsor = new Sponsor(form.Name!, form.ContactEmail!, form.Phone, string.IsNullOrWhiteSpace(form.County) ? null : form.County, form.Website, userId, now);
            db.Sponsors.Add(sponsor);
            await db.SaveChangesAsync(ct);
            db.SponsorMembers.Add(new SponsorMember(sponsor.Id, userId, SponsorRole.Manager, now));
            await db.SaveChangesAsync(ct);
        }

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
                audit.Add(SecurityEventKind.SponsorApproved, sponsor.AppliedByUserId, await EmailAsync(sponsor.AppliedByUserId, ct), $"sponsor {sponsor.Name} (id {sponsor.Id}); the applicant is its manager");
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

        /// <summary>Approved sponsors whose name contains the words, for an instructor to ask to join.</summary>
        public async Task<IReadOnlyList<(int Id, string Name, string? County)>> FindAsync(string? q, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(q))
            {
                return [];
            }

            // Upper case on both sides: the same case-insensitive match on every provider (LIKE is not, on PostgreSQL).
            var text = q.Trim().ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL UPPER(...) LIKE: no .NET culture is involved.
            var approved = db.Sponsors.AsNoTracking().Where(s => s.Status == SponsorStatus.Approved && s.Name.ToUpper().Contains(text));
#pragma warning restore CA1304, CA1311, CA1862
            return (await approved
                .OrderBy(s => s.Name).Take(20).Select(s => new { s.Id, s.Name, s.County }).ToListAsync(ct))
                .Select(s => (s.Id, s.Name, s.County)).ToList();
        }

        /// <summary>Asks to join as an instructor; false when the sponsor is not approved. Asking twice changes nothing.</summary>
        public async Task<bool> JoinAsync(string userId, int sponsorId, CancellationToken ct)
        {
            if (!await db.Sponsors.AnyAsync(s => s.Id == sponsorId && s.Status == SponsorStatus.Approved, ct))
            {
                return false;
            }

            if (!await db.SponsorMembers.AnyAsync(m => m.SponsorId == sponsorId && m.UserId == userId, ct))
            {
                db.SponsorMembers.Add(new SponsorMember(sponsorId, userId, SponsorRole.Instructor, time.GetUtcNow()));
                await db.SaveChangesAsync(ct);
            }

            return true;
        }

        public async Task<SponsorHome?> HomeAsync(int sponsorId, CancellationToken ct)
        {
            if (await db.Sponsors.AsNoTracking().Where(s => s.Id == sponsorId && s.Status == SponsorStatus.Approved).Select(s => new { s.Id, s.Name, s.ContactEmail, s.County }).SingleOrDefaultAsync(ct) is not { } sponsor)
            {
                return null;
            }

            var members = await db.SponsorMembers.AsNoTracking().Where(m => m.SponsorId == sponsorId)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u.Email })
                .Select(x => new MemberView(x.m.Id, x.m.UserId, x.Email ?? string.Empty, db.Professionals.Where(p => p.UserId == x.m.UserId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(), x.m.Role, x.m.ApprovedAt != null, x.m.CanManageEvents, x.m.EndorsedAt != null))
                .ToListAsync(ct);
            var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
            IQueryable<EventRow> Rows(IQueryable<TrainingEvent> events) => events.Select(e => new EventRow(e.Id, e.Title, e.FirstDay, e.LastDay, e.ClockHours, e.Status,
                db.Registrations.Count(r => r.EventId == e.Id && r.Status == RegistrationStatus.Registered), e.Capacity));
            var events = db.TrainingEvents.AsNoTracking().Where(e => e.SponsorId == sponsorId);
            var upcoming = await Rows(events.Where(e => e.LastDay >= today).OrderBy(e => e.FirstDay)).ToListAsync(ct);
            var past = await Rows(events.Where(e => e.LastDay < today).OrderByDescending(e => e.LastDay).Take(PastShown)).ToListAsync(ct);
            return new SponsorHome(sponsor.Id, sponsor.Name, sponsor.ContactEmail, sponsor.County, members.OrderBy(m => m.Role).ThenBy(m => m.Email).ToList(), upcoming, past);
        }

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
            var sponsorName = await SponsorNameAsync(member.SponsorId, ct);
            audit.Add(SecurityEventKind.SponsorMemberApproved, member.UserId, await EmailAsync(member.UserId, ct),
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
            audit.Add(SecurityEventKind.SponsorMemberRemoved, member.UserId, await EmailAsync(member.UserId, ct),
                $"{(member.IsApproved ? "instructor" : "request to be an instructor")} of {await SponsorNameAsync(sponsorId, ct)} (sponsor id {sponsorId}){by}");
            await db.SaveChangesAsync(ct);
            return true;
        }

        private Task<string?> EmailAsync(string userId, CancellationToken ct) =>
            db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);

        private Task<string> SponsorNameAsync(int sponsorId, CancellationToken ct) =>
            db.Sponsors.Where(s => s.Id == sponsorId).Select(s => s.Name).SingleAsync(ct);
    }
}
