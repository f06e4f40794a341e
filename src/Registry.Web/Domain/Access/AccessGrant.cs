namespace Registry.Web.Domain.Access;

/// <summary>The roles that see other people's records, each within a scope.</summary>
public enum AccessRole
{
    /// <summary>A site director (or a designee): the staff of one site.</summary>
    SiteDirector = 1,

    /// <summary>A Quality Counts rater: the sites of a county, or of one site.</summary>
    Rater = 2,

    /// <summary>A stipend administrator: a program's applicants in a county.</summary>
    StipendAdministrator = 3,

    /// <summary>A training sponsor (the training issue fills this in).</summary>
    TrainingSponsor = 4,
}

/// <summary>
/// Scoped access for one account, for a limited time: a site (<see cref="EmployerId"/>), a
/// county (<see cref="County"/>), or a program in a county (<see cref="Program"/>). Registry staff
/// grant it (a director's on an approved request); it lapses at <see cref="ExpiresAt"/> or when
/// revoked. What it allows is decided by resource-based authorization handlers.
/// </summary>
public sealed class AccessGrant
{
    public const int MaxProgramLength = 60;

    private AccessGrant()
    {
        UserId = string.Empty;
    }

    private AccessGrant(string userId, AccessRole role, DateTimeOffset grantedAt, DateTimeOffset expiresAt)
        : this()
    {
        if (expiresAt <= grantedAt)
        {
            throw new ArgumentException("Access expires after it is granted.", nameof(expiresAt));
        }

        UserId = userId;
        Role = role;
        GrantedAt = grantedAt;
        ExpiresAt = expiresAt;
    }

    public static AccessGrant ForSite(string userId, AccessRole role, int employerId, DateTimeOffset grantedAt, DateTimeOffset expiresAt, int? requestId = null) =>
        new(userId, role, grantedAt, expiresAt) { EmployerId = employerId, RequestId = requestId };

    public static AccessGrant ForCounty(string userId, AccessRole role, string county, DateTimeOffset grantedAt, DateTimeOffset expiresAt, string? program = null) =>
        new(userId, role, grantedAt, expiresAt) { County = county, Program = program };

    public int Id { get; private set; }

    public string UserId { get; private set; }

    public AccessRole Role { get; private set; }

    public int? EmployerId { get; private set; }

    public string? County { get; private set; }

    public string? Program { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>When the "your access ends soon" reminder went out (once per grant).</summary>
    public DateTimeOffset? ReminderSentAt { get; private set; }

    /// <summary>The request it was granted on, if any.</summary>
    public int? RequestId { get; private set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now && GrantedAt <= now;

    /// <summary>
    /// <see cref="IsActiveAt"/> for a database query: not revoked, not yet over, and already begun (a
    /// grant that starts tomorrow gives nothing today).
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<AccessGrant, bool>> ActiveAt(DateTimeOffset now) =>
        g => g.RevokedAt == null && g.ExpiresAt > now && g.GrantedAt <= now;

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;

    /// <summary>
    /// The grant as the security audit keeps it: role, scope and expiry in fixed English and ISO
    /// dates, so the entry reads the same whoever reads it later (the audit is a record, not a page).
    /// </summary>
    public string AuditText(string? siteName) =>
        string.Join(", ", new[]
        {
            Role.ToString(),
            siteName is null ? null : $"site {siteName}",
            County is null ? null : $"county {County}",
            Program is null ? null : $"program {Program}",
            "until " + ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            RequestId is { } request ? "access request " + request.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        }.Where(part => part is not null));

    public void MarkReminded(DateTimeOffset at) => ReminderSentAt = at;
}
