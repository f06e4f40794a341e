using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Messages;
using Registry.Web.Domain.Professionals;

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
}
