namespace Registry.Web.Domain.Calendar;

public enum SponsorStatus
{
    Pending = 0,
    Approved = 1,
    Denied = 2,
}

/// <summary>
/// An organisation that offers training (a resource and referral agency, a college, a county
/// office): it applies, registry staff approve it, and its events post verified hours.
/// </summary>
public sealed class Sponsor
{
    public const int MaxNameLength = 200;
    public const int MaxReasonLength = 500;

    private Sponsor()
    {
        Name = string.Empty;
        ContactEmail = string.Empty;
        AppliedByUserId = string.Empty;
    }

    public Sponsor(string name, string contactEmail, string? phone, string? county, string? website, string appliedByUserId, DateTimeOffset appliedAt)
        : this()
    {
        Name = name.Trim();
        ContactEmail = contactEmail.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        County = county;
        Website = string.IsNullOrWhiteSpace(website) ? null : website.Trim();
        AppliedByUserId = appliedByUserId;
        AppliedAt = appliedAt;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string ContactEmail { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>The county it mainly serves (events may be anywhere).</summary>
    public string? County { get; private set; }

    public string? Website { get; private set; }

    public string AppliedByUserId { get; private set; }

    public DateTimeOffset AppliedAt { get; private set; }

    public SponsorStatus Status { get; private set; }

    public string? DecidedByUserId { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionReason { get; private set; }

    public void Approve(string staffUserId, DateTimeOffset at)
    {
        Status = SponsorStatus.Approved;
        DecidedByUserId = staffUserId;
        DecidedAt = at;
        DecisionReason = null;
    }

    /// <summary>
    /// Set when registry staff let the sponsor's manager approve its instructors without registry
    /// review (decision 0030): who did, and when. Until then the manager only asks, and staff approve.
    /// </summary>
    public DateTimeOffset? InstructorApprovalDelegatedAt { get; private set; }

    public string? InstructorApprovalDelegatedByUserId { get; private set; }

    public bool ManagerApprovesInstructors => InstructorApprovalDelegatedAt is not null;

    public void DelegateInstructorApproval(string staffUserId, DateTimeOffset at) =>
        (InstructorApprovalDelegatedAt, InstructorApprovalDelegatedByUserId) = (at, staffUserId);

    public void WithdrawInstructorApproval() =>
        (InstructorApprovalDelegatedAt, InstructorApprovalDelegatedByUserId) = (null, null);

    public void Deny(string staffUserId, DateTimeOffset at, string reason)
    {
        Status = SponsorStatus.Denied;
        DecidedByUserId = staffUserId;
        DecidedAt = at;
        DecisionReason = reason.Trim();
    }
}

public enum SponsorRole
{
    /// <summary>Runs the sponsor: approves instructors, manages every event.</summary>
    Manager = 0,

    /// <summary>Teaches: takes attendance; manages events when the sponsor allows it.</summary>
    Instructor = 1,
}

/// <summary>A person working for a sponsor: its manager (the applicant), or an instructor the sponsor approved.</summary>
public sealed class SponsorMember
{
    private SponsorMember()
    {
        UserId = string.Empty;
    }

    public SponsorMember(int sponsorId, string userId, SponsorRole role, DateTimeOffset requestedAt)
        : this()
    {
        SponsorId = sponsorId;
        UserId = userId;
        Role = role;
        RequestedAt = requestedAt;
    }

    public int Id { get; private set; }

    public int SponsorId { get; private set; }

    public string UserId { get; private set; }

    public SponsorRole Role { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>Set when the sponsor (or, for the manager, registry staff with the sponsor) approved the person.</summary>
    public DateTimeOffset? ApprovedAt { get; private set; }

    public bool CanManageEvents { get; private set; }

    public bool IsApproved => ApprovedAt is not null;

    /// <summary>When the sponsor's manager asked registry staff to approve this instructor (the sponsor has no delegation).</summary>
    public DateTimeOffset? EndorsedAt { get; private set; }

    /// <summary>Who approved the person: registry staff, or the manager of a sponsor staff delegated to.</summary>
    public string? ApprovedByUserId { get; private set; }

    public void Approve(DateTimeOffset at, bool canManageEvents, string? byUserId = null)
    {
        if (ApprovedAt is null)
        {
            ApprovedAt = at;
            ApprovedByUserId = byUserId;
        }

        CanManageEvents = Role == SponsorRole.Manager || canManageEvents;
    }

    /// <summary>The manager wants this instructor (and whether they may manage events); registry staff decide.</summary>
    public void Endorse(DateTimeOffset at, bool canManageEvents)
    {
        EndorsedAt ??= at;
        CanManageEvents = canManageEvents;
    }
}
