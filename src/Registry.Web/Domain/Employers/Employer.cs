namespace Registry.Web.Domain.Employers;

/// <summary>A licensed child care site: a place people work, known by its license number.</summary>
public sealed class Employer
{
    public const int MaxNameLength = 200;

    private Employer()
    {
        LicenseNumber = string.Empty;
        Name = string.Empty;
        SearchName = string.Empty;
        Source = string.Empty;
    }

    public Employer(string licenseNumber, EmployerDetails details, string source, DateTimeOffset importedAt)
        : this()
    {
        LicenseNumber = Employers.LicenseNumber.Normalize(licenseNumber)
            ?? throw new ArgumentException($"'{licenseNumber}' is not a license number.", nameof(licenseNumber));
        Source = source;
        Apply(details);
        LastImportedAt = importedAt;
    }

    public int Id { get; private set; }

    /// <summary>Nine digits, unique, in the normal form of <see cref="Employers.LicenseNumber"/>.</summary>
    public string LicenseNumber { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name's search form (<see cref="SearchText.Normalize"/>), kept in step with <see cref="Name"/>.</summary>
    public string SearchName { get; private set; }

    public FacilityType FacilityType { get; private set; }

    public string? Address { get; private set; }

    public string? City { get; private set; }

    public string? State { get; private set; }

    public string? Zip { get; private set; }

    public string? County { get; private set; }

    public int? Capacity { get; private set; }

    public EmployerStatus Status { get; private set; }

    /// <summary>Where the record came from ("CCLD" for the licensing agency's list).</summary>
    public string Source { get; private set; }

    /// <summary>When an import last listed this site.</summary>
    public DateTimeOffset LastImportedAt { get; private set; }

    /// <summary>
    /// Set when a full import of the agency's list no longer listed the site. The site is kept,
    /// since people's employment history points at it; cleared if a later import lists it again.
    /// </summary>
    public DateTimeOffset? NoLongerListedAt { get; private set; }

    public EmployerDetails Details => new(Name, FacilityType, Address, City, State, Zip, County, Capacity, Status);

    /// <summary>
    /// Records what an import says of this site, and that the list names it again. Returns true
    /// when anything people see changed: a re-import of the same list changes nothing. (The
    /// import moves <see cref="LastImportedAt"/> for every listed site in one statement.)
    /// </summary>
    public bool ApplyImport(EmployerDetails details)
    {
        var changed = details != Details || NoLongerListedAt is not null;
        if (changed)
        {
            Apply(details);
            NoLongerListedAt = null;
        }

        return changed;
    }

    private void Apply(EmployerDetails details)
    {
        if (string.IsNullOrWhiteSpace(details.Name))
        {
            throw new ArgumentException("An employer has a name.", nameof(details));
        }

        if (details.Capacity is < 0)
        {
            throw new ArgumentException("Capacity cannot be negative.", nameof(details));
        }

        Name = details.Name;
        SearchName = SearchText.Normalize(Name);
        FacilityType = details.FacilityType;
        Address = details.Address;
        City = details.City;
        State = details.State;
        Zip = details.Zip;
        County = details.County;
        Capacity = details.Capacity;
        Status = details.Status;
    }
}

/// <summary>What the licensing agency's list says of a site.</summary>
public sealed record EmployerDetails(
    string Name,
    FacilityType FacilityType,
    string? Address,
    string? City,
    string? State,
    string? Zip,
    string? County,
    int? Capacity,
    EmployerStatus Status);

/// <summary>
/// One word of an employer's name: the word index that makes look-ups by word or prefix fast.
/// Derived from <see cref="Employer.SearchName"/> and kept in step by the import.
/// </summary>
public sealed class EmployerNameWord
{
    private EmployerNameWord()
    {
        Word = string.Empty;
    }

    public EmployerNameWord(int employerId, string word)
    {
        EmployerId = employerId;
        Word = word;
    }

    public int EmployerId { get; private set; }

    public string Word { get; private set; }
}

/// <summary>
/// A site's next Quality Counts rating validation date, recorded by its rater (or registry staff):
/// the PD year runs up to it, and the staff short of their hours are reminded two months before.
/// </summary>
public sealed class SiteRatingDate
{
    private SiteRatingDate()
    {
        SetByUserId = string.Empty;
    }

    public SiteRatingDate(int employerId, DateOnly validationOn, string setByUserId, DateTimeOffset setAt)
    {
        EmployerId = employerId;
        ValidationOn = validationOn;
        SetByUserId = setByUserId;
        SetAt = setAt;
    }

    public int EmployerId { get; private set; }

    public DateOnly ValidationOn { get; private set; }

    public string SetByUserId { get; private set; }

    public DateTimeOffset SetAt { get; private set; }

    public void Change(DateOnly validationOn, string byUserId, DateTimeOffset at)
    {
        ValidationOn = validationOn;
        SetByUserId = byUserId;
        SetAt = at;
    }
}
