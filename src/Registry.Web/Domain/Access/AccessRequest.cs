namespace Registry.Web.Domain.Access;

public enum AccessRequestStatus
{
    Pending = 0,
    Approved = 1,
    Denied = 2,
}

/// <summary>
/// A signed-in person asks for director access to one or more sites, with their position and a
/// proof (a document showing the position, or a designee letter); registry staff decide.
/// </summary>
public sealed class AccessRequest
{
    public const int MaxPositionLength = 100;
    public const int MaxReasonLength = 500;

    private readonly List<AccessRequestSite> _sites = [];

    private AccessRequest()
    {
        UserId = string.Empty;
        Position = string.Empty;
        ProofStorageKey = string.Empty;
        ProofFileName = string.Empty;
    }

    public AccessRequest(string userId, string position, bool isDesignee, IEnumerable<int> employerIds, string proofStorageKey, string proofFileName, Documents.DocumentFileType proofFileType, DateTimeOffset requestedAt)
        : this()
    {
        UserId = userId;
        Position = position.Trim();
        IsDesignee = isDesignee;
        ProofStorageKey = proofStorageKey;
        ProofFileName = proofFileName;
        ProofFileType = proofFileType;
        RequestedAt = requestedAt;
        _sites.AddRange(employerIds.Distinct().Select(id => new AccessRequestSite(id)));
    }

    public int Id { get; private set; }

    public string UserId { get; private set; }

    public string Position { get; private set; }

    /// <summary>Asking on a director's behalf, with a designee letter as the proof.</summary>
    public bool IsDesignee { get; private set; }

    public string ProofStorageKey { get; private set; }

    public string ProofFileName { get; private set; }

    public Documents.DocumentFileType ProofFileType { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public AccessRequestStatus Status { get; private set; }

    public string? DecidedByUserId { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Why it was denied, in words the person reads.</summary>
    public string? DecisionReason { get; private set; }

    public IReadOnlyCollection<AccessRequestSite> Sites => _sites;

    public void Approve(string staffUserId, DateTimeOffset at) => Decide(AccessRequestStatus.Approved, staffUserId, at, null);

    public void Deny(string staffUserId, DateTimeOffset at, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A denial says why.", nameof(reason));
        }

        Decide(AccessRequestStatus.Denied, staffUserId, at, reason.Trim());
    }

    private void Decide(AccessRequestStatus status, string staffUserId, DateTimeOffset at, string? reason)
    {
        if (Status != AccessRequestStatus.Pending)
        {
            throw new InvalidOperationException("The request has already been decided.");
        }

        Status = status;
        DecidedByUserId = staffUserId;
        DecidedAt = at;
        DecisionReason = reason;
    }
}

public sealed class AccessRequestSite(int employerId)
{
    public int AccessRequestId { get; private set; }

    public int EmployerId { get; private set; } = employerId;
}
