using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Calendar;

namespace Registry.Web.Features.Sponsors;

/// <summary>Training sponsors for their people: applying, finding a sponsor and asking to join, the sponsor's page (staff decide applications in <see cref="SponsorApplications"/>; instructors are approved in <see cref="SponsorMembers"/>).</summary>
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

    public sealed class Handler(RegistryDbContext db, TimeProvider time)
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
    }
}
