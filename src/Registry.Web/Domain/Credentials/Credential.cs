using Registry.Web.Domain.Verifications;

namespace Registry.Web.Domain.Credentials;

/// <summary>
/// Permits and credentials a registry records: California's Child Development Permit levels,
/// teaching and administrative credentials, the CDA, and CPR and first aid.
/// </summary>
public enum CredentialType
{
    ChildDevelopmentAssistantPermit = 1,
    ChildDevelopmentAssociateTeacherPermit = 2,
    ChildDevelopmentTeacherPermit = 3,
    ChildDevelopmentMasterTeacherPermit = 4,
    ChildDevelopmentSiteSupervisorPermit = 5,
    ChildDevelopmentProgramDirectorPermit = 6,
    MultipleSubjectTeachingCredential = 20,
    SingleSubjectTeachingCredential = 21,
    AdministrativeServicesCredential = 22,
    ChildDevelopmentAssociateCredential = 30,
    PediatricCprAndFirstAid = 40,
    Other = 99,
}

/// <summary>A permit or credential the person holds.</summary>
public sealed class Credential : IVerifiable
{
    public const int MaxTextLength = 100;

    private Credential()
    {
        IssuingBody = string.Empty;
        Verification = Verification.SelfReported();
    }

    public Credential(CredentialType type, string? number, string issuingBody, DateOnly issuedOn, DateOnly? expiresOn, bool schoolAgeEmphasis = false)
        : this()
    {
        if (expiresOn is { } expiry && expiry <= issuedOn)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresOn), "A permit expires after it is issued.");
        }

        Type = type;
        Number = string.IsNullOrWhiteSpace(number) ? null : number.Trim();
        IssuingBody = issuingBody.Trim();
        IssuedOn = issuedOn;
        ExpiresOn = expiresOn;
        SchoolAgeEmphasis = schoolAgeEmphasis;
    }

    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public CredentialType Type { get; private set; }

    /// <summary>For "other" credentials, what the document calls itself.</summary>
    public string? Description { get; set; }

    /// <summary>Child Development Permits have a School-Age Emphasis variant with its own unit rules.</summary>
    public bool SchoolAgeEmphasis { get; private set; }

    public string? Number { get; private set; }

    public string IssuingBody { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public DateOnly? ExpiresOn { get; private set; }

    public Verification Verification { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public bool IsCurrentOn(DateOnly date) => IssuedOn <= date && (ExpiresOn is null || date < ExpiresOn);
}
