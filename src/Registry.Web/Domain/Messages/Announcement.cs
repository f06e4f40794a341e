using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;

namespace Registry.Web.Domain.Messages;

/// <summary>Where an announcement stands: written, waiting for its time, being queued, queued (the outbox delivers it), or withdrawn.</summary>
public enum AnnouncementStatus
{
    Draft = 0,
    Scheduled = 1,
    Queuing = 2,
    Sent = 3,
}

/// <summary>
/// Who an announcement is for. Every filter left empty means "any"; all filters given must hold.
/// Job filters (county of work, role, setting, employer) hold for one current job; a person with no
/// current job is in a county by the county they live in.
/// </summary>
public sealed record Audience(
    string? County = null,
    EmploymentRole? Role = null,
    FacilityType? Setting = null,
    int? EmployerId = null,
    CredentialType? Permit = null,
    string? Language = null)
{
    public bool IsEveryone => County is null && Role is null && Setting is null && EmployerId is null && Permit is null && Language is null;
}

/// <summary>
/// A message to many people at once, in English and (optionally) Spanish, from registry staff to
/// anyone, or from a site director or training sponsor to their own people (<see cref="ScopeEmployerId"/>,
/// <see cref="ScopeSponsorId"/>). Each recipient gets it by email through the outbox, in their language,
/// and as a notice in My Registry, unless they turned its <see cref="Kind"/> off.
/// </summary>
public sealed class Announcement
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 10_000;

    private Announcement()
    {
        SubjectEnglish = string.Empty;
        BodyEnglish = string.Empty;
        AuthorUserId = string.Empty;
        Audience = new Audience();
    }

    public Announcement(string authorUserId, int? scopeEmployerId, int? scopeSponsorId, DateTimeOffset createdAt)
        : this()
    {
        AuthorUserId = authorUserId;
        ScopeEmployerId = scopeEmployerId;
        ScopeSponsorId = scopeSponsorId;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }

    public string AuthorUserId { get; private set; }

    /// <summary>A director's announcement: the people with a current job at this site.</summary>
    public int? ScopeEmployerId { get; private set; }

    /// <summary>A sponsor's announcement: the people registered for its events.</summary>
    public int? ScopeSponsorId { get; private set; }

    public MessageKind Kind { get; private set; } = MessageKind.News;

    public string SubjectEnglish { get; private set; }

    public string BodyEnglish { get; private set; }

    /// <summary>Spanish speakers get these when given, else the English.</summary>
    public string? SubjectSpanish { get; private set; }

    public string? BodySpanish { get; private set; }

    public Audience Audience { get; private set; }

    public AnnouncementStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ScheduledFor { get; private set; }

    /// <summary>When queuing began and ended.</summary>
    public DateTimeOffset? QueuingStartedAt { get; private set; }

    public DateTimeOffset? QueuedAt { get; private set; }

    /// <summary>The last professional id queued: queuing goes in id order, in batches, and resumes here after a restart.</summary>
    public int QueueCursor { get; private set; }

    /// <summary>An instance queuing it holds it until then; another takes over after.</summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    public int RecipientCount { get; private set; }

    public bool IsEditable => Status is AnnouncementStatus.Draft or AnnouncementStatus.Scheduled;

    public void Write(MessageKind kind, string subjectEnglish, string bodyEnglish, string? subjectSpanish, string? bodySpanish, Audience audience)
    {
        if (!IsEditable)
        {
            throw new InvalidOperationException("An announcement being sent cannot change.");
        }

        if (kind == MessageKind.Account)
        {
            throw new ArgumentException("Announcements are optional messages; account messages are the registry's own.", nameof(kind));
        }

        Kind = kind;
        SubjectEnglish = subjectEnglish;
        BodyEnglish = bodyEnglish;
        SubjectSpanish = subjectSpanish;
        BodySpanish = bodySpanish;
        Audience = audience;
    }

    /// <summary>Sends at <paramref name="at"/> (now, for "send now").</summary>
    public void Schedule(DateTimeOffset at)
    {
        if (!IsEditable)
        {
            throw new InvalidOperationException("Already sent.");
        }

        Status = AnnouncementStatus.Scheduled;
        ScheduledFor = at;
    }

    public void Unschedule()
    {
        if (Status == AnnouncementStatus.Scheduled)
        {
            Status = AnnouncementStatus.Draft;
            ScheduledFor = null;
        }
    }

    /// <summary>The subject and body in a language, falling back to English.</summary>
    public (string Subject, string Body, string Language) In(string? language) =>
        language == "es" && !string.IsNullOrWhiteSpace(SubjectSpanish) && !string.IsNullOrWhiteSpace(BodySpanish)
            ? (SubjectSpanish!, BodySpanish!, "es")
            : (SubjectEnglish, BodyEnglish, "en");
}

/// <summary>One person an announcement reached: their notice in My Registry, in the language they were sent it in.</summary>
public sealed class AnnouncementRecipient
{
    private AnnouncementRecipient()
    {
        Language = "en";
    }

    public AnnouncementRecipient(int announcementId, int professionalId, string language, bool emailed)
    {
        AnnouncementId = announcementId;
        ProfessionalId = professionalId;
        Language = language;
        Emailed = emailed;
    }

    public int AnnouncementId { get; private set; }

    public int ProfessionalId { get; private set; }

    /// <summary>"en" or "es": the language of the text they were sent.</summary>
    public string Language { get; private set; }

    /// <summary>False when the account's email is not confirmed: the notice only.</summary>
    public bool Emailed { get; private set; }
}
