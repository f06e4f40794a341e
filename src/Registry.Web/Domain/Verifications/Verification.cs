namespace Registry.Web.Domain.Verifications;

/// <summary>
/// The verification status of one reported fact, with who set it and when. Stored as columns of
/// the fact's own table (an EF Core owned type), so every fact carries its status.
/// </summary>
public sealed record Verification
{
    public const int MaxReasonLength = 500;

    private Verification(VerificationStatus status, string? reason, string? byUserId, DateTimeOffset? at)
    {
        Status = status;
        Reason = reason;
        ByUserId = byUserId;
        At = at;
    }

    public VerificationStatus Status { get; private init; }

    /// <summary>Why a fact was not accepted ("unreadable", "no date"); only for <see cref="VerificationStatus.NotAccepted"/>.</summary>
    public string? Reason { get; private init; }

    /// <summary>The Identity user id of whoever last changed the status (the person, or registry staff).</summary>
    public string? ByUserId { get; private init; }

    public DateTimeOffset? At { get; private init; }

    public static Verification SelfReported() => new(VerificationStatus.SelfReported, null, null, null);

    public static Verification PendingReview(string byUserId, DateTimeOffset at) =>
        new(VerificationStatus.PendingReview, null, Required(byUserId), at);

    public static Verification Verified(string byUserId, DateTimeOffset at) =>
        new(VerificationStatus.Verified, null, Required(byUserId), at);

    public static Verification NotAccepted(string reason, string byUserId, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A fact that is not accepted needs the reason the person will read.", nameof(reason));
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new ArgumentException($"The reason is longer than {MaxReasonLength} characters.", nameof(reason));
        }

        return new(VerificationStatus.NotAccepted, reason.Trim(), Required(byUserId), at);
    }

    private static string Required(string byUserId) =>
        string.IsNullOrWhiteSpace(byUserId)
            ? throw new ArgumentException("A status change records who made it.", nameof(byUserId))
            : byUserId;
}
