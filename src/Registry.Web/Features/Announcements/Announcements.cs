using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Messages;
using Registry.Web.Domain.Professionals;
using Registry.Web.Infrastructure.Security;

namespace Registry.Web.Features.Announcements;

/// <summary>
/// Announcements: who may write them (registry staff to anyone; a site director to the people
/// working at their site; a training sponsor to the people registered for its events), who they
/// reach, and what became of them.
/// </summary>
public static class Announcing
{
    public const int PageSize = 25;

    /// <summary>Whose people an announcement may reach: the registry's, one site's, or one sponsor's.</summary>
    public sealed record Scope(int? EmployerId, int? SponsorId, string Name)
    {
        public string Key => EmployerId is { } site ? $"site-{site}" : SponsorId is { } sponsor ? $"sponsor-{sponsor}" : "registry";

        public bool Holds(Announcement a) => a.ScopeEmployerId == EmployerId && a.ScopeSponsorId == SponsorId;
    }

    public sealed class Form
    {
        public string? Scope { get; set; }

        public string? Kind { get; set; }

        public string? SubjectEnglish { get; set; }

        public string? BodyEnglish { get; set; }

        public string? SubjectSpanish { get; set; }

        public string? BodySpanish { get; set; }

        public string? County { get; set; }

        public string? Role { get; set; }

        public string? Setting { get; set; }

        public string? LicenseNumber { get; set; }

        public string? Permit { get; set; }

        public string? Language { get; set; }

        public static Form From(Announcement a, string? licenseNumber) => new()
        {
            Scope = new Scope(a.ScopeEmployerId, a.ScopeSponsorId, string.Empty).Key,
            Kind = a.Kind.ToString(),
            SubjectEnglish = a.SubjectEnglish,
            BodyEnglish = a.BodyEnglish,
            SubjectSpanish = a.SubjectSpanish,
            BodySpanish = a.BodySpanish,
            County = a.Audience.County,
            Role = a.Audience.Role?.ToString(),
            Setting = a.Audience.Setting?.ToString(),
            LicenseNumber = licenseNumber,
            Permit = a.Audience.Permit?.ToString(),
            Language = a.Audience.Language,
        };
    }

    /// <summary>The permits an audience can be chosen by: the Child Development Permit matrix's six.</summary>
    public static readonly CredentialType[] Permits =
    [
        CredentialType.ChildDevelopmentAssistantPermit, CredentialType.ChildDevelopmentAssociateTeacherPermit, CredentialType.ChildDevelopmentTeacherPermit,
        CredentialType.ChildDevelopmentMasterTeacherPermit, CredentialType.ChildDevelopmentSiteSupervisorPermit, CredentialType.ChildDevelopmentProgramDirectorPermit,
    ];

    public static readonly string[] Languages = ["en", "es"];

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator(IStringLocalizer<SharedResource> t)
        {
            RuleFor(f => f.Kind).Must(k => Enum.TryParse<MessageKind>(k, out var kind) && MessageKinds.Optional.Contains(kind) && !char.IsDigit(k![0]))
                .WithMessage(t["Choose the kind of message."]);
            RuleFor(f => f.SubjectEnglish).NotEmpty().WithMessage(t["Enter a subject in English."])
                .MaximumLength(Announcement.MaxSubjectLength).WithMessage(t["Use at most {0} characters.", Announcement.MaxSubjectLength]);
            RuleFor(f => f.BodyEnglish).NotEmpty().WithMessage(t["Enter the message in English."])
                .MaximumLength(Announcement.MaxBodyLength).WithMessage(t["Use at most {0} characters.", Announcement.MaxBodyLength]);
            RuleFor(f => f.SubjectSpanish).MaximumLength(Announcement.MaxSubjectLength).WithMessage(t["Use at most {0} characters.", Announcement.MaxSubjectLength])
                .NotEmpty().When(f => !string.IsNullOrWhiteSpace(f.BodySpanish)).WithMessage(t["Enter a subject in Spanish too, or leave both Spanish boxes empty."]);
            RuleFor(f => f.BodySpanish).MaximumLength(Announcement.MaxBodyLength).WithMessage(t["Use at most {0} characters.", Announcement.MaxBodyLength])
                .NotEmpty().When(f => !string.IsNullOrWhiteSpace(f.SubjectSpanish)).WithMessage(t["Enter the message in Spanish too, or leave both Spanish boxes empty."]);
            RuleFor(f => f.County).Must(CaliforniaCounties.IsCounty).When(f => !string.IsNullOrEmpty(f.County)).WithMessage(t["Choose a county from the list."]);
            RuleFor(f => f.Role).Must(r => Enum.TryParse<EmploymentRole>(r, out _) && !char.IsDigit(r![0])).When(f => !string.IsNullOrEmpty(f.Role)).WithMessage(t["Choose a role from the list."]);
            RuleFor(f => f.Setting).Must(s => Enum.TryParse<FacilityType>(s, out _) && !char.IsDigit(s![0])).When(f => !string.IsNullOrEmpty(f.Setting)).WithMessage(t["Choose a type of site from the list."]);
            RuleFor(f => f.Permit).Must(p => Enum.TryParse<CredentialType>(p, out var c) && Permits.Contains(c) && !char.IsDigit(p![0])).When(f => !string.IsNullOrEmpty(f.Permit)).WithMessage(t["Choose a permit from the list."]);
            RuleFor(f => f.Language).Must(l => Languages.Contains(l)).When(f => !string.IsNullOrEmpty(f.Language)).WithMessage(t["Choose a language from the list."]);
            RuleFor(f => f.LicenseNumber).MaximumLength(20).WithMessage(t["Use at most {0} characters.", 20]);
        }
    }

    /// <summary>How many people an announcement will reach, by language, and how many in its audience turned its kind off.</summary>
    public sealed record Reach(int English, int Spanish, int WithoutEmail, int TurnedOff)
    {
        public int Total => English + Spanish;
    }

    /// <summary>One language's line in an announcement's record.</summary>
    public sealed record Tally(string Language, int Notices, int Queued, int Delivered, int Failed, int Unsubscribed);

    public sealed record ListItem(int Id, string Subject, AnnouncementStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? ScheduledFor, DateTimeOffset? QueuedAt, int Recipients, string ScopeName);

    public sealed record Details(Announcement Announcement, Scope Scope, string? EmployerName, string? LicenseNumber, Reach? Reach, IReadOnlyList<Tally> Record);

    /// <summary>The people an announcement is for (before preferences): its scope, then every filter it sets.</summary>
    public static IQueryable<Professional> People(RegistryDbContext db, int? scopeEmployerId, int? scopeSponsorId, Audience audience, DateOnly today)
    {
        var people = db.Professionals.AsNoTracking();
        var current = db.Employments.Where(Employment.CurrentOn(today));
        if (scopeEmployerId is { } site)
        {
            people = people.Where(p => current.Any(e => e.ProfessionalId == p.Id && e.EmployerId == site));
        }

        if (scopeSponsorId is { } sponsor)
        {
            people = people.Where(p => db.Registrations.Any(r => r.ProfessionalId == p.Id && db.TrainingEvents.Any(e => e.Id == r.EventId && e.SponsorId == sponsor)));
        }

        if (audience.Language is { } language)
        {
            people = people.Where(p => p.PreferredLanguage == language);
        }

        if (audience.Permit is { } permit)
        {
            people = people.Where(p => db.Credentials.Any(c => c.ProfessionalId == p.Id && c.Type == permit && (c.ExpiresOn == null || c.ExpiresOn >= today)));
        }

        // Role, setting, employer and county of work hold together, for one current job.
        var jobs = current.Where(e => e.EmployerId != null);
        var byJob = false;
        if (audience.Role is { } role)
        {
            jobs = jobs.Where(e => e.Role == role);
            byJob = true;
        }

        if (audience.EmployerId is { } employer)
        {
            jobs = jobs.Where(e => e.EmployerId == employer);
            byJob = true;
        }

        if (audience.Setting is { } setting)
        {
            jobs = jobs.Where(e => db.Employers.Any(x => x.Id == e.EmployerId && x.FacilityType == setting));
            byJob = true;
        }

        if (audience.County is { } county)
        {
            var inCounty = jobs.Where(e => db.Employers.Any(x => x.Id == e.EmployerId && x.County == county));
            var listedJobs = current.Where(e => e.EmployerId != null);
            people = byJob
                ? people.Where(p => inCounty.Any(e => e.ProfessionalId == p.Id))
                // Working at a listed site in the county, or (no such job: no job, or an employer not yet matched) living there.
                : people.Where(p => inCounty.Any(e => e.ProfessionalId == p.Id) || (p.County == county && !listedJobs.Any(e => e.ProfessionalId == p.Id)));
        }
        else if (byJob)
        {
            people = people.Where(p => jobs.Any(e => e.ProfessionalId == p.Id));
        }

        return people;
    }

    public sealed class Handler(RegistryDbContext db, TimeProvider time, AnnouncementSignal signal)
    {
        public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

        /// <summary>The scopes a person may write in: the registry's (staff), each site they direct, each sponsor whose events they manage.</summary>
        public async Task<IReadOnlyList<Scope>> ScopesAsync(ClaimsPrincipal user, CancellationToken ct)
        {
            var scopes = new List<Scope>();
            if (user.IsRegistryStaff())
            {
                scopes.Add(new Scope(null, null, string.Empty));
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
            scopes.AddRange(sites.OrderBy(s => s.Name).Select(s => new Scope(s.Id, null, s.Name)));
            var sponsors = await db.SponsorMembers.AsNoTracking()
                .Where(m => m.UserId == userId && m.ApprovedAt != null && (m.Role == SponsorRole.Manager || m.CanManageEvents))
                .Join(db.Sponsors.Where(s => s.Status == SponsorStatus.Approved), m => m.SponsorId, s => s.Id, (m, s) => new { s.Id, s.Name })
                .Distinct()
                .ToListAsync(ct);
            scopes.AddRange(sponsors.OrderBy(s => s.Name).Select(s => new Scope(null, s.Id, s.Name)));
            return scopes;
        }

        public async Task<(IReadOnlyList<ListItem> Items, int Total)> ListAsync(IReadOnlyList<Scope> scopes, int page, CancellationToken ct)
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
            var rows = await query.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize)
                .Select(a => new
                {
                    a.Id, a.SubjectEnglish, a.Status, a.CreatedAt, a.ScheduledFor, a.QueuedAt, a.RecipientCount, a.ScopeEmployerId, a.ScopeSponsorId,
                    Site = db.Employers.Where(e => e.Id == a.ScopeEmployerId).Select(e => e.Name).FirstOrDefault(),
                    Sponsor = db.Sponsors.Where(s => s.Id == a.ScopeSponsorId).Select(s => s.Name).FirstOrDefault(),
                })
                .ToListAsync(ct);
            return (rows.Select(a => new ListItem(a.Id, a.SubjectEnglish, a.Status, a.CreatedAt, a.ScheduledFor, a.QueuedAt, a.RecipientCount, a.Site ?? a.Sponsor ?? string.Empty)).ToList(), total);
        }

        /// <summary>An announcement its reader may see (one of their scopes), or null.</summary>
        public async Task<Announcement?> FindAsync(int id, IReadOnlyList<Scope> scopes, CancellationToken ct)
        {
            var announcement = await db.Announcements.FirstOrDefaultAsync(a => a.Id == id, ct);
            return announcement is not null && (scopes.Any(s => s.EmployerId is null && s.SponsorId is null) || scopes.Any(s => s.Holds(announcement))) ? announcement : null;
        }

        public async Task<Details> DetailsAsync(Announcement a, IReadOnlyList<Scope> scopes, CancellationToken ct)
        {
            var scope = scopes.FirstOrDefault(s => s.Holds(a)) ?? new Scope(a.ScopeEmployerId, a.ScopeSponsorId,
                await db.Employers.Where(e => e.Id == a.ScopeEmployerId).Select(e => e.Name).FirstOrDefaultAsync(ct)
                ?? await db.Sponsors.Where(s => s.Id == a.ScopeSponsorId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? string.Empty);
            var employer = a.Audience.EmployerId is { } id ? await db.Employers.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Name, e.LicenseNumber }).FirstOrDefaultAsync(ct) : null;
            var reach = a.IsEditable ? await ReachAsync(a.ScopeEmployerId, a.ScopeSponsorId, a.Audience, a.Kind, ct) : null;
            return new Details(a, scope, employer?.Name, employer?.LicenseNumber, reach, a.IsEditable ? [] : await RecordAsync(a.Id, ct));
        }

        /// <summary>Counts who it would reach now, by language; those who turned its kind off are counted apart.</summary>
        public async Task<Reach> ReachAsync(int? scopeEmployerId, int? scopeSponsorId, Audience audience, MessageKind kind, CancellationToken ct)
        {
            var counts = await People(db, scopeEmployerId, scopeSponsorId, audience, Today)
                .Select(p => new
                {
                    Spanish = p.PreferredLanguage == "es",
                    Off = db.MessageOptOuts.Any(o => o.UserId == p.UserId && o.Kind == kind),
                    Email = db.Users.Any(u => u.Id == p.UserId && u.EmailConfirmed),
                })
                .GroupBy(p => new { p.Spanish, p.Off, p.Email })
                .Select(g => new { g.Key.Spanish, g.Key.Off, g.Key.Email, Count = g.Count() })
                .ToListAsync(ct);
            return new Reach(
                counts.Where(c => !c.Off && !c.Spanish).Sum(c => c.Count),
                counts.Where(c => !c.Off && c.Spanish).Sum(c => c.Count),
                counts.Where(c => !c.Off && !c.Email).Sum(c => c.Count),
                counts.Where(c => c.Off).Sum(c => c.Count));
        }

        /// <summary>What became of an announcement, by language: notices, emails queued, delivered, failed, and unsubscribes through its link.</summary>
        public async Task<IReadOnlyList<Tally>> RecordAsync(int id, CancellationToken ct)
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
            return Languages.Select(l => new Tally(
                l,
                notices.Where(n => n.Key == l).Sum(n => n.Count),
                mail.Where(m => m.Language == l && !m.Delivered && !m.Failed).Sum(m => m.Count),
                mail.Where(m => m.Language == l && m.Delivered).Sum(m => m.Count),
                mail.Where(m => m.Language == l && m.Failed).Sum(m => m.Count),
                unsubscribed.Where(u => u.Key == l).Sum(u => u.Count))).ToList();
        }

        /// <summary>Reads a form into an audience; returns null (with the error's field) when the licence number names no site.</summary>
        public async Task<(Audience? Audience, string? UnknownField)> AudienceAsync(Form form, CancellationToken ct)
        {
            int? employerId = null;
            if (!string.IsNullOrWhiteSpace(form.LicenseNumber))
            {
                var license = form.LicenseNumber.Trim();
                employerId = await db.Employers.Where(e => e.LicenseNumber == license).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
                if (employerId is null)
                {
                    return (null, nameof(Form.LicenseNumber));
                }
            }

            return (new Audience(
                string.IsNullOrEmpty(form.County) ? null : form.County,
                string.IsNullOrEmpty(form.Role) ? null : Enum.Parse<EmploymentRole>(form.Role),
                string.IsNullOrEmpty(form.Setting) ? null : Enum.Parse<FacilityType>(form.Setting),
                employerId,
                string.IsNullOrEmpty(form.Permit) ? null : Enum.Parse<CredentialType>(form.Permit),
                string.IsNullOrEmpty(form.Language) ? null : form.Language), null);
        }

        public async Task<Announcement> SaveAsync(Announcement? existing, string userId, Scope scope, Form form, Audience audience, CancellationToken ct)
        {
            var announcement = existing ?? new Announcement(userId, scope.EmployerId, scope.SponsorId, time.GetUtcNow());
            if (existing is null)
            {
                db.Announcements.Add(announcement);
            }

            announcement.Write(Enum.Parse<MessageKind>(form.Kind!), form.SubjectEnglish!.Trim(), form.BodyEnglish!.Trim(),
                string.IsNullOrWhiteSpace(form.SubjectSpanish) ? null : form.SubjectSpanish.Trim(),
                string.IsNullOrWhiteSpace(form.BodySpanish) ? null : form.BodySpanish.Trim(), audience);
            await db.SaveChangesAsync(ct);
            return announcement;
        }

        /// <summary>Sends at <paramref name="at"/>, or now; the queue worker takes it from there.</summary>
        public async Task ScheduleAsync(Announcement announcement, DateTimeOffset? at, CancellationToken ct)
        {
            announcement.Schedule(at ?? time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            signal.Notify();
        }

        public async Task UnscheduleAsync(Announcement announcement, CancellationToken ct)
        {
            announcement.Unschedule();
            await db.SaveChangesAsync(ct);
        }

        public async Task DeleteAsync(Announcement announcement, CancellationToken ct)
        {
            db.Announcements.Remove(announcement);
            await db.SaveChangesAsync(ct);
        }

        /// <summary>The local date and time a person typed, as an instant (the registry's time zone), or null.</summary>
        public DateTimeOffset? ParseLocal(string? date, string? at)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                || !TimeOnly.TryParseExact(at, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time0))
            {
                return null;
            }

            var local = day.ToDateTime(time0, DateTimeKind.Unspecified);
            var zone = time.LocalTimeZone;
            return zone.IsInvalidTime(local) ? null : new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        public DateTimeOffset Now => time.GetUtcNow();
    }
}
