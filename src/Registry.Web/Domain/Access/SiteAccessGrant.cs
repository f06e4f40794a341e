namespace Registry.Web.Domain.Access;

public enum SiteRole
{
    /// <summary>A site director (or a designee) who sees and confirms the site's staff.</summary>
    Director = 1,
}

/// <summary>
/// Administrative access to one site (an employer) for one account, for a limited time. Registry
/// staff grant it on a request with proof of position; it lapses at <see cref="ExpiresAt"/> or
/// when revoked. What it allows is decided by resource-based authorization handlers.
/// </summary>
public sealed class SiteAccessGrant
{
    private SiteAccessGrant()
    {
        UserId = string.Empty;
    }

    public SiteAccessGrant(string userId, int employerId, SiteRole role, DateTimeOffset grantedAt, DateTimeOffset expiresAt)
        : this()
    {
        if (expiresAt <= grantedAt)
        {
            throw new ArgumentException("Access expires after it is granted.", nameof(expiresAt));
        }

        UserId = userId;
        EmployerId = employerId;
        Role = role;
        GrantedAt = grantedAt;
        ExpiresAt = expiresAt;
    }

    public int Id { get; private set; }

    public string UserId { get; private set; }

    public int EmployerId { get; private set; }

    public SiteRole Role { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
