using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Training;

namespace Registry.Web.Domain.Professionals;

/// <summary>
/// A person in the early care and education workforce: one record that follows them across
/// employers. Linked one-to-one to the Identity user they sign in with.
/// </summary>
public sealed class Professional
{
    public const int MaxNameLength = 100;

    /// <summary>The youngest a person keeping a record may be (sign-up and the profile check the date of birth against it).</summary>
    public const int MinimumAge = 14;

    /// <summary>The oldest a date of birth may make a person: anything older is a typing mistake.</summary>
    public const int MaximumAge = 100;

    /// <summary>Whether a date of birth makes the person between <see cref="MinimumAge"/> and <see cref="MaximumAge"/> years old on <paramref name="today"/>.</summary>
    public static bool IsPlausibleBirthDate(DateOnly birth, DateOnly today) => birth <= today.AddYears(-MinimumAge) && birth >= today.AddYears(-MaximumAge);
    public const int MaxEmailLength = 256;
    public const int MaxPhoneLength = 30;

    private readonly List<ProfessionalRaceEthnicity> _raceEthnicities = [];
    private readonly List<ProfessionalLanguage> _languagesSpoken = [];
    private readonly List<Employment> _employments = [];
    private readonly List<Degree> _degrees = [];
    private readonly List<Course> _courses = [];
    private readonly List<Credential> _credentials = [];
    private readonly List<PermitApplication> _permitApplications = [];
    private readonly List<TrainingRecord> _trainingRecords = [];

    private Professional()
    {
        RegistryId = string.Empty;
        UserId = string.Empty;
        FirstName = string.Empty;
        LastName = string.Empty;
        Email = string.Empty;
        PreferredLanguage = "en";
    }

    public Professional(string registryId, string userId, PersonName name, DateOnly dateOfBirth, string email, DateTimeOffset createdAt)
        : this()
    {
        RegistryId = Professionals.RegistryId.Normalize(registryId)
            ?? throw new ArgumentException($"'{registryId}' is not a registry id.", nameof(registryId));
        UserId = userId;
        Rename(name);
        DateOfBirth = dateOfBirth;
        Email = email.Trim();
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public int Id { get; private set; }

    /// <summary>The number people quote (<see cref="Professionals.RegistryId"/>); never the database key, never changes.</summary>
    public string RegistryId { get; private set; }

    /// <summary>The Identity user this person signs in as.</summary>
    public string UserId { get; private set; }

    public string FirstName { get; private set; }

    public string? MiddleName { get; private set; }

    public string LastName { get; private set; }

    /// <summary>Former last names, as the person writes them ("Lopez; Smith"), so old transcripts still match.</summary>
    public string? FormerLastNames { get; private set; }

    /// <summary>Upper-case, accent-free last name, for look-ups by name and date of birth.</summary>
    public string NormalizedLastName { get; private set; } = string.Empty;

    public string NormalizedFirstName { get; private set; } = string.Empty;

    public DateOnly DateOfBirth { get; set; }

    /// <summary>The personal email: the login, personal so that the record follows the person.</summary>
    public string Email { get; set; }

    public string? Phone { get; set; }

    public Address? MailingAddress { get; set; }

    public string? County { get; set; }

    /// <summary>The language the registry writes to this person in: "en", "es" or "zh-Hant" (Infrastructure/Localization/Languages).</summary>
    public string PreferredLanguage { get; set; }

    public int? FirstYearInField { get; set; }

    /// <summary>The highest level of education the person has completed, as they report it at sign-up.</summary>
    public EducationLevel? HighestEducationLevel { get; set; }

    /// <summary>
    /// ECE/child development units the person says they have, in semester units, before they list
    /// their courses one by one (self-reported; courses, once entered, are the record).
    /// </summary>
    public decimal? ReportedEceUnits { get; set; }

    /// <summary>
    /// Set at sign-up when another professional has the same name and date of birth: the profile
    /// is created, and registry staff decide whether to merge.
    /// </summary>
    public int? PossibleDuplicateOfId { get; private set; }

    /// <summary>
    /// Set when registry staff merged this profile into another: it is kept, hidden from every
    /// query (a global filter), so the merge can be undone for 30 days with nothing lost.
    /// </summary>
    public int? MergedIntoId { get; private set; }

    /// <summary>True when the person chose "prefer not to say" for race and ethnicity.</summary>
    public bool RaceEthnicityDeclined { get; private set; }

    /// <summary>
    /// The person's consent to the public verification page: name, registry id and verified
    /// permits for anyone who has their card. Off until they turn it on.
    /// </summary>
    public bool AllowsPublicVerification { get; set; }

    public Gender? Gender { get; set; }

    /// <summary>The person's own words when <see cref="Gender"/> is <see cref="Professionals.Gender.SelfDescribed"/>.</summary>
    public string? GenderSelfDescription { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Changes on every save (see RegistryDbContext), so two people editing the same record cannot overwrite each other.</summary>
    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public IReadOnlyCollection<ProfessionalRaceEthnicity> RaceEthnicities => _raceEthnicities;

    public IReadOnlyCollection<ProfessionalLanguage> LanguagesSpoken => _languagesSpoken;

    public IReadOnlyCollection<Employment> Employments => _employments;

    public IReadOnlyCollection<Degree> Degrees => _degrees;

    public IReadOnlyCollection<Course> Courses => _courses;

    public IReadOnlyCollection<Credential> Credentials => _credentials;

    public IReadOnlyCollection<PermitApplication> PermitApplications => _permitApplications;

    public IReadOnlyCollection<TrainingRecord> TrainingRecords => _trainingRecords;

    public PersonName Name => new(FirstName, MiddleName, LastName, FormerLastNames);

    public void Rename(PersonName name)
    {
        if (string.IsNullOrWhiteSpace(name.First) || string.IsNullOrWhiteSpace(name.Last))
        {
            throw new ArgumentException("A professional has a legal first and last name.", nameof(name));
        }

        FirstName = name.First.Trim();
        MiddleName = string.IsNullOrWhiteSpace(name.Middle) ? null : name.Middle.Trim();
        LastName = name.Last.Trim();
        FormerLastNames = string.IsNullOrWhiteSpace(name.FormerLast) ? null : name.FormerLast.Trim();
        NormalizedFirstName = PersonName.NormalizeForLookup(FirstName);
        NormalizedLastName = PersonName.NormalizeForLookup(LastName);
    }

    /// <summary>Replaces the answers to the combined race and ethnicity question. "Prefer not to say" clears them.</summary>
    public void SetRaceEthnicity(IEnumerable<ProfessionalRaceEthnicity> answers, bool declined)
    {
        _raceEthnicities.Clear();
        RaceEthnicityDeclined = declined;
        if (!declined)
        {
            _raceEthnicities.AddRange(answers);
        }
    }

    public void SetLanguagesSpoken(IEnumerable<string> languages)
    {
        _languagesSpoken.Clear();
        _languagesSpoken.AddRange(languages
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => l.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(l => new ProfessionalLanguage(l)));
    }

    public void FlagPossibleDuplicateOf(int professionalId) => PossibleDuplicateOfId = professionalId;

    /// <summary>Registry staff looked and found two different people.</summary>
    public void ClearPossibleDuplicate() => PossibleDuplicateOfId = null;

    public void AddEmployment(Employment employment) => _employments.Add(employment);

    public void AddDegree(Degree degree) => _degrees.Add(degree);

    public void AddCourse(Course course) => _courses.Add(course);

    public void AddCredential(Credential credential) => _credentials.Add(credential);

    public void AddPermitApplication(PermitApplication application) => _permitApplications.Add(application);

    public void AddTrainingRecord(TrainingRecord record) => _trainingRecords.Add(record);

    /// <summary>Called by the data context on every save of this record.</summary>
    public void Touch(DateTimeOffset at) => UpdatedAt = at;
}

/// <summary>A professional's legal name, with former last names.</summary>
public sealed record PersonName(string First, string? Middle, string Last, string? FormerLast = null)
{
    /// <summary>Upper case without accents or punctuation ("Peña-Ruiz" is "PENA RUIZ"), for look-ups.</summary>
    public static string NormalizeForLookup(string name) =>
        SearchText.Normalize(name).ToUpperInvariant();
}

/// <summary>A language the person speaks, as they name it ("Spanish", "Cantonese").</summary>
public sealed class ProfessionalLanguage
{
    public const int MaxLength = 60;

    private ProfessionalLanguage()
    {
        Language = string.Empty;
    }

    public ProfessionalLanguage(string language)
    {
        Language = language;
    }

    public int ProfessionalId { get; private set; }

    public string Language { get; private set; }
}
