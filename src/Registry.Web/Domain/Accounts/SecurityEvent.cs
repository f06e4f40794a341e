namespace Registry.Web.Domain.Accounts;

/// <summary>
/// One entry of the security audit: who did what to whom, when and from where. Append-only:
/// the context refuses to change or delete one, and the database refuses it too (triggers).
/// </summary>
public sealed class SecurityEvent
{
    public const int MaxDetailLength = 1000;
    public const int MaxNameLength = 256;
    public const int MaxAddressLength = 45;

    private SecurityEvent()
    {
        Kind = string.Empty;
        Actor = string.Empty;
    }

    public SecurityEvent(SecurityEventKind kind, DateTimeOffset at, string? actorUserId, string actor, string? subjectUserId, string? subject, string? detail, string? ipAddress)
        : this()
    {
        Kind = kind.ToString();
        At = at;
        ActorUserId = actorUserId;
        Actor = Truncate(actor, MaxNameLength)!;
        SubjectUserId = subjectUserId;
        Subject = Truncate(subject, MaxNameLength);
        Detail = Truncate(detail, MaxDetailLength);
        IpAddress = Truncate(ipAddress, MaxAddressLength);
    }

    public long Id { get; private set; }

    /// <summary>A <see cref="SecurityEventKind"/>, stored by name so the CSV reads without a key.</summary>
    public string Kind { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The account that acted (none for the command line or an anonymous visitor).</summary>
    public string? ActorUserId { get; private set; }

    /// <summary>Who acted, as they were then: an email, "command line (user)", or "anonymous".</summary>
    public string Actor { get; private set; }

    /// <summary>The account acted on, when not the actor's own.</summary>
    public string? SubjectUserId { get; private set; }

    /// <summary>The subject as it was then (an email, or what was typed at sign-in).</summary>
    public string? Subject { get; private set; }

    public string? Detail { get; private set; }

    /// <summary>Where from: the client's address (after trusted proxies), or none for the command line.</summary>
    public string? IpAddress { get; private set; }

    private static string? Truncate(string? value, int length) =>
        value is null ? null : value.Length <= length ? value : value[..length];
}

public enum SecurityEventKind
{
    SignIn,
    SignInFailed,
    SignInPaused,
    SignInLinkSent,
    SignInLinkUsed,
    SignedOut,
    SignedOutEverywhere,
    SecondFactorSetUp,
    SecondFactorRemoved,
    SecondFactorReset,
    RecoveryCodeUsed,
    RecoveryCodesRenewed,
    PasskeyAdded,
    PasskeyRemoved,
    PasswordChanged,
    PasswordReset,
    EmailChangeRequested,
    EmailChanged,
    EmailChangeUndone,
    EmailConfirmed,
    RoleGiven,
    RoleRemoved,
    GrantGiven,
    GrantRevoked,
    SponsorMemberApproved,
    SponsorMemberRemoved,
    SponsorApproved,
    ProfilesMerged,
    Export,
    AccessLogRead,
    ProfileMergeUndone,
    InstructorApprovalDelegated,
    InstructorApprovalWithdrawn,
    PeopleImported,
    AccountClaimed,
}
