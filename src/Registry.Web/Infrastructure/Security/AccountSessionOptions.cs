namespace Registry.Web.Infrastructure.Security;

/// <summary>How long a sign-in lasts (<c>Sessions:*</c>).</summary>
public sealed class AccountSessionOptions
{
    public const string Section = "Sessions";

    /// <summary>Signed out after this long without a request (OWASP ASVS 3.3.2, level 2: 30 minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Signed out this long after signing in, however active (ASVS 3.3.2, level 2: 12 hours).</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often a session's "last seen" time is written (not on every request).</summary>
    public TimeSpan LastSeenResolution { get; set; } = TimeSpan.FromMinutes(1);
}
