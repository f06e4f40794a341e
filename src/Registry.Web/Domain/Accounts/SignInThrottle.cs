namespace Registry.Web.Domain.Accounts;

/// <summary>
/// Failed sign-in tries counted for what was typed, not for an account: for an email from one
/// client address, and for an email from everywhere. The key is a hash, so the table holds no
/// address; an email with no account is counted exactly as one with an account, so a pause tells
/// nothing about whether the account exists.
/// </summary>
public sealed class SignInThrottle
{
    public const int KeyLength = 64;

    private SignInThrottle()
    {
        Key = string.Empty;
    }

    public SignInThrottle(string key, DateTimeOffset now)
        : this()
    {
        Key = key;
        WindowStartedAt = now;
    }

    /// <summary>SHA-256 (hex) of the scope and the normalised email (and client address).</summary>
    public string Key { get; private set; }

    public int Failures { get; private set; }

    public DateTimeOffset WindowStartedAt { get; private set; }

    public DateTimeOffset? PausedUntil { get; private set; }

    public bool IsPausedAt(DateTimeOffset now) => PausedUntil > now;

    /// <summary>Counts a failure; after <paramref name="limit"/> within <paramref name="window"/>, pauses for <paramref name="pause"/>.</summary>
    public void Fail(DateTimeOffset now, int limit, TimeSpan window, TimeSpan pause)
    {
        if (now - WindowStartedAt > window)
        {
            WindowStartedAt = now;
            Failures = 0;
        }

        Failures++;
        if (Failures >= limit)
        {
            PausedUntil = now + pause;
            WindowStartedAt = now;
            Failures = 0;
        }
    }
}
