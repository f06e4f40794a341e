namespace Registry.Web.Domain.Accounts;

/// <summary>
/// One signed-in browser. The sign-in cookie names its session; every request checks the row,
/// so signing out, "sign out everywhere", a password reset or a removed role ends a session at
/// once, even for a copied cookie, and no session outlives its absolute lifetime.
/// </summary>
public sealed class AccountSession
{
    public const int IdLength = 43;
    public const int MaxUserAgentLength = 200;
    public const int MaxAddressLength = 45;

    private AccountSession()
    {
        Id = string.Empty;
        UserId = string.Empty;
        Method = string.Empty;
    }

    public AccountSession(string id, string userId, SignInMethod method, DateTimeOffset now, TimeSpan lifetime, string? ipAddress, string? userAgent)
        : this()
    {
        Id = id;
        UserId = userId;
        Method = method.ToString();
        SecondFactor = method is SignInMethod.Authenticator or SignInMethod.RecoveryCode or SignInMethod.Passkey;
        CreatedAt = now;
        LastSeenAt = now;
        ExpiresAt = now + lifetime;
        IpAddress = Truncate(ipAddress, MaxAddressLength);
        UserAgent = Truncate(userAgent, MaxUserAgentLength);
    }

    /// <summary>A random id (256 bits, Base64Url): the cookie's <c>sid</c> claim.</summary>
    public string Id { get; private set; }

    public string UserId { get; private set; }

    /// <summary>How the person signed in (<see cref="SignInMethod"/>).</summary>
    public string Method { get; private set; }

    /// <summary>Whether a second factor (or a passkey) was proved in this session.</summary>
    public bool SecondFactor { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The last request seen (written at most every few minutes): the idle limit counts from here.</summary>
    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>The absolute end, however active the session is.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Why it ended: "signed out", "signed out everywhere", "password reset", "role removed"…</summary>
    public string? EndReason { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public bool IsActiveAt(DateTimeOffset now, TimeSpan idleLimit) =>
        EndedAt is null && now < ExpiresAt && now - LastSeenAt < idleLimit;

    /// <summary>The second factor was proved after sign-in (a step-up, or set up for the first time).</summary>
    public void ProveSecondFactor() => SecondFactor = true;

    public void End(string reason, DateTimeOffset at)
    {
        if (EndedAt is null)
        {
            EndedAt = at;
            EndReason = reason;
        }
    }

    private static string? Truncate(string? value, int length) =>
        value is null ? null : value.Length <= length ? value : value[..length];
}

/// <summary>How a session began.</summary>
public enum SignInMethod
{
    Password,
    Authenticator,
    RecoveryCode,
    Passkey,

    /// <summary>The link in a confirmation email, in the browser that signed up.</summary>
    EmailConfirmation,

    /// <summary>A one-time sign-in link sent by email (the way out of a sign-in pause).</summary>
    EmailLink,
}
