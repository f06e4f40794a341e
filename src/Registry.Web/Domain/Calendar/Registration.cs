namespace Registry.Web.Domain.Calendar;

public enum RegistrationStatus
{
    Registered = 0,
    Waitlisted = 1,
    Withdrawn = 2,

    /// <summary>The sponsor cancelled the event.</summary>
    EventCancelled = 3,
}

/// <summary>A person's place at an event, or on its waitlist (first come, first promoted).</summary>
public sealed class Registration
{
    private Registration()
    {
        RegisteredByUserId = string.Empty;
    }

    public Registration(int eventId, int professionalId, RegistrationStatus status, string registeredByUserId, DateTimeOffset at)
        : this()
    {
        EventId = eventId;
        ProfessionalId = professionalId;
        Status = status;
        RegisteredByUserId = registeredByUserId;
        RegisteredAt = at;
        ChangedAt = at;
    }

    public int Id { get; private set; }

    public int EventId { get; private set; }

    public int ProfessionalId { get; private set; }

    public RegistrationStatus Status { get; private set; }

    /// <summary>The person, or the director who registered their staff.</summary>
    public string RegisteredByUserId { get; private set; }

    /// <summary>When the place was asked for: the waitlist's order.</summary>
    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>When the "see you tomorrow" reminder was queued (once per registration).</summary>
    public DateTimeOffset? ReminderSentAt { get; private set; }

    public bool IsActive => Status is RegistrationStatus.Registered or RegistrationStatus.Waitlisted;

    public void MarkReminded(DateTimeOffset at) => ReminderSentAt = at;

    public void Withdraw(DateTimeOffset at) => Change(RegistrationStatus.Withdrawn, at);

    public void Promote(DateTimeOffset at) => Change(RegistrationStatus.Registered, at);

    public void EventCancelled(DateTimeOffset at) => Change(RegistrationStatus.EventCancelled, at);

    /// <summary>Registers again after withdrawing: a new place in line.</summary>
    public void Renew(RegistrationStatus status, string byUserId, DateTimeOffset at)
    {
        RegisteredByUserId = byUserId;
        RegisteredAt = at;
        Change(status, at);
    }

    private void Change(RegistrationStatus status, DateTimeOffset at)
    {
        Status = status;
        ChangedAt = at;
    }
}

public enum AttendanceSource
{
    Roster = 0,
    Csv = 1,
    CheckIn = 2,

    /// <summary>Checked in at the door by the sponsor, with the person's registry id, last name and date of birth typed.</summary>
    Door = 3,
}

/// <summary>Where a posting stands: counted, waiting for registry staff (a session long past), refused, or undone by staff.</summary>
public enum AttendanceStatus
{
    Posted = 0,
    AwaitingApproval = 1,
    Refused = 2,
    Undone = 3,
}

/// <summary>
/// A person's attendance at one session, as posted: the hours given and the hours credited (after
/// the state's rules on top), and the sponsor-verified training record it created. One per person
/// and session: posting twice changes nothing.
/// </summary>
public sealed class Attendance
{
    public const int MaxReasonLength = 300;

    private Attendance()
    {
        PostedByUserId = string.Empty;
    }

    public Attendance(int sessionId, int professionalId, decimal hours, decimal creditedHours, string? reason, AttendanceSource source, string postedByUserId, DateTimeOffset postedAt)
        : this()
    {
        SessionId = sessionId;
        ProfessionalId = professionalId;
        Hours = hours;
        CreditedHours = creditedHours;
        Reason = reason;
        Source = source;
        PostedByUserId = postedByUserId;
        PostedAt = postedAt;
    }

    public int Id { get; private set; }

    public int SessionId { get; private set; }

    public int ProfessionalId { get; private set; }

    public decimal Hours { get; private set; }

    public decimal CreditedHours { get; private set; }

    /// <summary>Why fewer hours were credited than given (a daily cap, a repeat), in English; shown translated.</summary>
    public string? Reason { get; private set; }

    public AttendanceSource Source { get; private set; }

    public string PostedByUserId { get; private set; }

    public DateTimeOffset PostedAt { get; private set; }

    /// <summary>The training record on the person's profile (none when nothing was credited).</summary>
    public int? TrainingRecordId { get; private set; }

    /// <summary>Posted (counted), or held for registry staff when the session is long past (decision 0030).</summary>
    public AttendanceStatus Status { get; private set; }

    public const int MaxDecisionReasonLength = 500;

    /// <summary>The member of registry staff who approved, refused or undid the posting.</summary>
    public string? DecidedByUserId { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Why staff refused or undid it, in their words (the sponsor reads it).</summary>
    public string? DecisionReason { get; private set; }

    public void Credit(int trainingRecordId) => TrainingRecordId = trainingRecordId;

    /// <summary>Held until registry staff approve: no training record until then.</summary>
    public void AwaitApproval() => Status = AttendanceStatus.AwaitingApproval;

    public void Approve(string staffUserId, DateTimeOffset at)
    {
        if (Status != AttendanceStatus.AwaitingApproval)
        {
            throw new InvalidOperationException("Only a posting waiting for approval is approved.");
        }

        (Status, DecidedByUserId, DecidedAt) = (AttendanceStatus.Posted, staffUserId, at);
    }

    public void Refuse(string staffUserId, DateTimeOffset at, string reason)
    {
        if (Status != AttendanceStatus.AwaitingApproval)
        {
            throw new InvalidOperationException("Only a posting waiting for approval is refused.");
        }

        (Status, DecidedByUserId, DecidedAt, DecisionReason) = (AttendanceStatus.Refused, staffUserId, at, reason);
    }

    /// <summary>Undone by staff: its training record is removed by the caller, so the hours count nowhere.</summary>
    public void Undo(string staffUserId, DateTimeOffset at, string reason)
    {
        if (Status != AttendanceStatus.Posted)
        {
            throw new InvalidOperationException("Only a posted attendance is undone.");
        }

        (Status, DecidedByUserId, DecidedAt, DecisionReason, TrainingRecordId) = (AttendanceStatus.Undone, staffUserId, at, reason, null);
    }
}

/// <summary>A row of an attendance upload that matched nobody: kept for the sponsor to fix, never dropped.</summary>
public sealed class UnmatchedAttendance
{
    public const int MaxTextLength = 200;

    private UnmatchedAttendance()
    {
        GivenRegistryId = string.Empty;
        Problem = string.Empty;
    }

    public UnmatchedAttendance(int sessionId, string givenRegistryId, string? givenName, decimal? hours, string problem, DateTimeOffset at)
        : this()
    {
        SessionId = sessionId;
        GivenRegistryId = givenRegistryId;
        GivenName = givenName;
        Hours = hours;
        Problem = problem;
        CreatedAt = at;
    }

    public int Id { get; private set; }

    public int SessionId { get; private set; }

    public string GivenRegistryId { get; private set; }

    public string? GivenName { get; private set; }

    public decimal? Hours { get; private set; }

    public string Problem { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public void Resolve(DateTimeOffset at) => ResolvedAt = at;
}
