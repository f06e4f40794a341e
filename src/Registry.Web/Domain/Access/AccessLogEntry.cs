namespace Registry.Web.Domain.Access;

/// <summary>
/// Someone other than the professional looked at part of their record: who, in which role,
/// what, and when. The professional sees these under "Who looked at my record".
/// </summary>
public sealed class AccessLogEntry
{
    public const int MaxWhatLength = 400;

    private AccessLogEntry()
    {
        ViewerUserId = string.Empty;
        What = string.Empty;
    }

    public AccessLogEntry(int professionalId, string viewerUserId, string viewerRole, int? employerId, string what, DateTimeOffset at)
        : this()
    {
        ProfessionalId = professionalId;
        ViewerUserId = viewerUserId;
        ViewerRole = viewerRole;
        EmployerId = employerId;
        What = what;
        At = at;
    }

    public long Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public string ViewerUserId { get; private set; }

    /// <summary>The role the viewer acted in ("SiteDirector", "RegistryStaff").</summary>
    public string? ViewerRole { get; private set; }

    /// <summary>The site the viewer acted for, if any.</summary>
    public int? EmployerId { get; private set; }

    /// <summary>What was seen: "roster", "document", "record".</summary>
    public string What { get; private set; }

    public DateTimeOffset At { get; private set; }
}
