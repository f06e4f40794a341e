using Registry.Web.Domain.Documents;

namespace Registry.Web.Domain.Facts;

public enum NameChangeStatus
{
    Pending = 0,
    Approved = 1,
    Refused = 2,

    /// <summary>The person asked for another change before staff decided this one.</summary>
    Replaced = 3,
}

/// <summary>
/// A change of legal name or date of birth asked for after something in the record was verified
/// under the old one. Verified permits, courses and training were checked against documents in
/// that name, so the new name waits, with the proof the person uploaded, for registry staff to
/// approve it; until then the public verification page, certificates and cards show the verified
/// name.
/// </summary>
public sealed class NameChange
{
    public const int MaxReasonLength = 500;

    private NameChange()
    {
        FirstName = string.Empty;
        LastName = string.Empty;
        OldFirstName = string.Empty;
        OldLastName = string.Empty;
        RequestedByUserId = string.Empty;
        ProofStorageKey = string.Empty;
        ProofFileName = string.Empty;
    }

    public NameChange(int professionalId, PersonNameAndBirth from, PersonNameAndBirth to, string proofStorageKey, string proofFileName, DocumentFileType proofFileType, string requestedByUserId, DateTimeOffset at)
        : this()
    {
        if (from == to)
        {
            throw new ArgumentException("A name change changes the name or the date of birth.", nameof(to));
        }

        ProfessionalId = professionalId;
        (OldFirstName, OldMiddleName, OldLastName, OldDateOfBirth) = (from.FirstName, from.MiddleName, from.LastName, from.DateOfBirth);
        (FirstName, MiddleName, LastName, DateOfBirth) = (to.FirstName, to.MiddleName, to.LastName, to.DateOfBirth);
        ProofStorageKey = proofStorageKey;
        ProofFileName = proofFileName;
        ProofFileType = proofFileType;
        RequestedByUserId = requestedByUserId;
        RequestedAt = at;
        Status = NameChangeStatus.Pending;
    }

    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public string OldFirstName { get; private set; }

    public string? OldMiddleName { get; private set; }

    public string OldLastName { get; private set; }

    public DateOnly OldDateOfBirth { get; private set; }

    public string FirstName { get; private set; }

    public string? MiddleName { get; private set; }

    public string LastName { get; private set; }

    public DateOnly DateOfBirth { get; private set; }

    /// <summary>The uploaded proof (a court order, marriage certificate, ID): kept with the request, for registry staff only.</summary>
    public string ProofStorageKey { get; private set; }

    public string ProofFileName { get; private set; }

    public DocumentFileType ProofFileType { get; private set; }

    public string RequestedByUserId { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public NameChangeStatus Status { get; private set; }

    /// <summary>Why staff refused it, which the person reads.</summary>
    public string? Reason { get; private set; }

    public string? DecidedByUserId { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public PersonNameAndBirth Requested => new(FirstName, MiddleName, LastName, DateOfBirth);

    public void Approve(string staffUserId, DateTimeOffset at) => Decide(NameChangeStatus.Approved, null, staffUserId, at);

    public void Refuse(string reason, string staffUserId, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
        {
            throw new ArgumentException($"A refusal gives the person a reason of at most {MaxReasonLength} characters.", nameof(reason));
        }

        Decide(NameChangeStatus.Refused, reason.Trim(), staffUserId, at);
    }

    public void Replace(DateTimeOffset at) => Decide(NameChangeStatus.Replaced, null, null, at);

    private void Decide(NameChangeStatus status, string? reason, string? byUserId, DateTimeOffset at)
    {
        if (Status != NameChangeStatus.Pending)
        {
            throw new InvalidOperationException("This name change was already decided.");
        }

        Status = status;
        Reason = reason;
        DecidedByUserId = byUserId;
        DecidedAt = at;
    }
}

/// <summary>The identity facts a verification was made against: legal name and date of birth.</summary>
public sealed record PersonNameAndBirth(string FirstName, string? MiddleName, string LastName, DateOnly DateOfBirth);
