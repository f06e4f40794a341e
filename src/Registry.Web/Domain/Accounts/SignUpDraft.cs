namespace Registry.Web.Domain.Accounts;

/// <summary>
/// The steps of "Create a Profile" completed so far, kept on the server so that closing the
/// browser loses nothing; the browser holds only the draft's random id, in a cookie. Passwords
/// are kept hashed, never as typed. A draft expires after a day.
/// </summary>
public sealed class SignUpDraft
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private SignUpDraft()
    {
        Data = "{}";
    }

    public SignUpDraft(Guid id, DateTimeOffset now)
        : this()
    {
        Id = id;
        CreatedAt = now;
        ExpiresAt = now + Lifetime;
    }

    public Guid Id { get; private set; }

    /// <summary>The steps' answers as JSON (the sign-up feature's answers).</summary>
    public string Data { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public void Save(string data, DateTimeOffset now)
    {
        Data = data;
        ExpiresAt = now + Lifetime;
    }
}
