using Registry.Web.Domain.Facts;
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

    /// <summary>Completion of an accredited Home Economics Related Occupations (HERO) program, including ROP: a route to the Assistant permit.</summary>
    HeroProgram = 31,
    PediatricCprAndFirstAid = 40,
    Other = 99,
}

/// <summary>Whether a permit or credential is in force on a given day.</summary>
public enum CredentialStanding
{
    Current = 0,

    /// <summary>Expires within <see cref="Credential.ExpiringSoonDays"/> days: time to renew.</summary>
    ExpiringSoon = 1,
    Expired = 2,
}

/// <summary>A permit or credential the person holds.</summary>
public sealed class Credential : IVouchedFact
{
    public const int MaxTextLength = 100;
    public const int ExpiringSoonDays = 90;

    /// <summary>
    /// The expiry to assume when none is printed: CPR and first aid cards last two years;
    /// Child Development Permits are issued for five. Others have no assumed expiry.
    /// </summary>
    public static DateOnly? DefaultExpiry(CredentialType type, DateOnly issuedOn) => type switch
    {
        CredentialType.PediatricCprAndFirstAid => issuedOn.AddYears(2),
        CredentialType.ChildDevelopmentAssistantPermit or CredentialType.ChildDevelopmentAssociateTeacherPermit
            or CredentialType.ChildDevelopmentTeacherPermit or CredentialType.ChildDevelopmentMasterTeacherPermit
            or CredentialType.ChildDevelopmentSiteSupervisorPermit or CredentialType.ChildDevelopmentProgramDirectorPermit => issuedOn.AddYears(5),
        _ => null,
    };

    public static bool IsChildDevelopmentPermit(CredentialType type) =>
        type is >= CredentialType.ChildDevelopmentAssistantPermit and <= CredentialType.ChildDevelopmentProgramDirectorPermit;

    private Credential()
    {
        IssuingBody = string.Empty;
        Verification = Verification.SelfReported();
    }

    public Credential(CredentialType type, string? number, string issuingBody, DateOnly issuedOn, DateOnly? expiresOn, bool schoolAgeEmphasis = false, string? earnedIn = null)
        : this()
    {
        Apply(type, number, issuingBody, issuedOn, expiresOn, schoolAgeEmphasis);
        EarnedIn = earnedIn;
    }

    public FactKind FactKind => FactKind.Credential;

    /// <summary>Everything the person says of the permit or credential: all of it is on the document staff verified against.</summary>
    public IReadOnlyDictionary<string, string?> Facts() => new Dictionary<string, string?>
    {
        ["Credential.Type"] = FactChange.Format(Type),
        ["Credential.Description"] = Description,
        ["Credential.SchoolAgeEmphasis"] = FactChange.Format(SchoolAgeEmphasis),
        ["Credential.Number"] = Number,
        ["Credential.IssuingBody"] = IssuingBody,
        ["Credential.IssuedOn"] = FactChange.Format(IssuedOn),
        ["Credential.ExpiresOn"] = FactChange.Format(ExpiresOn),
        ["Credential.EarnedIn"] = EarnedIn,
    };

    /// <summary>Changes the credential; a changed verified credential returns to self-reported.</summary>
    public void Update(CredentialType type, string? number, string issuingBody, DateOnly issuedOn, DateOnly? expiresOn, bool schoolAgeEmphasis, string? description, string? earnedIn = null)
    {
        var before = (Type, Number, IssuingBody, IssuedOn, ExpiresOn, ExpiryAssumed, SchoolAgeEmphasis, Description, EarnedIn);
        Apply(type, number, issuingBody, issuedOn, expiresOn, schoolAgeEmphasis);
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        EarnedIn = earnedIn;
        if (before != (Type, Number, IssuingBody, IssuedOn, ExpiresOn, ExpiryAssumed, SchoolAgeEmphasis, Description, EarnedIn))
        {
            Verification = Verification.SelfReported();
        }
    }

    public void RecordVerification(Verification verification) => Verification = verification;

    private void Apply(CredentialType type, string? number, string issuingBody, DateOnly issuedOn, DateOnly? expiresOn, bool schoolAgeEmphasis)
    {
        if (expiresOn is { } expiry && expiry <= issuedOn)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresOn), "A permit expires after it is issued.");
        }

        Type = type;
        Number = string.IsNullOrWhiteSpace(number) ? null : number.Trim();
        IssuingBody = issuingBody.Trim();
        IssuedOn = issuedOn;
        ExpiryAssumed = expiresOn is null && DefaultExpiry(type, issuedOn) is not null;
        ExpiresOn = expiresOn ?? DefaultExpiry(type, issuedOn);
        SchoolAgeEmphasis = schoolAgeEmphasis && IsChildDevelopmentPermit(type);
    }

    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public CredentialType Type { get; private set; }

    /// <summary>For "other" credentials, what the document calls itself.</summary>
    public string? Description { get; set; }

    /// <summary>Child Development Permits have a School-Age Emphasis variant with its own unit rules.</summary>
    public bool SchoolAgeEmphasis { get; private set; }

    public string? Number { get; private set; }

    /// <summary>Where it was earned: a state ("US-CA") or a country ("MX") code (see <see cref="Places"/>); none when not given. Routes may ask for one earned in a place (a CDA earned in California).</summary>
    public string? EarnedIn { get; private set; }

    public string IssuingBody { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public DateOnly? ExpiresOn { get; private set; }

    /// <summary>True when no expiry was printed and <see cref="ExpiresOn"/> is the assumed one (<see cref="DefaultExpiry"/>).</summary>
    public bool ExpiryAssumed { get; private set; }

    public Verification Verification { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public bool IsCurrentOn(DateOnly date) => IssuedOn <= date && (ExpiresOn is null || date < ExpiresOn);

    public CredentialStanding StandingOn(DateOnly today) =>
        ExpiresOn is not { } expiry ? CredentialStanding.Current
        : expiry <= today ? CredentialStanding.Expired
        : expiry <= today.AddDays(ExpiringSoonDays) ? CredentialStanding.ExpiringSoon
        : CredentialStanding.Current;
}
