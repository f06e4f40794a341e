using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;

namespace Registry.Web.Domain.Workforce;

/// <summary>How a snapshot came to be taken.</summary>
public enum SnapshotKind
{
    Scheduled = 1,
    OnDemand = 2,
}

/// <summary>
/// A point-in-time census of the active workforce (everyone with a job on <see cref="AsOf"/>):
/// de-identified rows kept so that every later report on it gives the same figures.
/// </summary>
public sealed class CensusSnapshot
{
    private CensusSnapshot()
    {
    }

    public CensusSnapshot(DateOnly asOf, SnapshotKind kind, string? takenByUserId, DateTimeOffset startedAt)
    {
        AsOf = asOf;
        Kind = kind;
        TakenByUserId = takenByUserId;
        StartedAt = startedAt;
    }

    public int Id { get; private set; }

    /// <summary>The day the census describes.</summary>
    public DateOnly AsOf { get; private set; }

    public SnapshotKind Kind { get; private set; }

    public string? TakenByUserId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Set when every row is written: a snapshot without it is incomplete and never reported on.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    public int People { get; private set; }

    /// <summary>Published snapshots' statewide and county figures are public; the latest published one is shown.</summary>
    public DateTimeOffset? PublishedAt { get; private set; }

    public string? PublishedByUserId { get; private set; }

    public bool IsComplete => CompletedAt is not null;

    public void Complete(int people, DateTimeOffset at)
    {
        People = people;
        CompletedAt = at;
    }

    public void Publish(string userId, DateTimeOffset at)
    {
        if (!IsComplete)
        {
            throw new InvalidOperationException("An incomplete snapshot cannot be published.");
        }

        PublishedAt = at;
        PublishedByUserId = userId;
    }

    public void Unpublish()
    {
        PublishedAt = null;
        PublishedByUserId = null;
    }
}

/// <summary>
/// One person in a snapshot, de-identified: no name, id, birth date or employer, only the bands
/// and categories a report counts by.
/// </summary>
public sealed class CensusRecord
{
    public long Id { get; set; }

    public int SnapshotId { get; set; }

    public EmploymentRole Role { get; set; }

    public CensusSetting Setting { get; set; }

    /// <summary>1 to 58, the county's place in <see cref="CaliforniaCounties.All"/>; 0 when unknown.</summary>
    public int County { get; set; }

    /// <summary>0 when not reported.</summary>
    public int Education { get; set; }

    public UnitsBand EceUnits { get; set; }

    public PermitLevel Permit { get; set; }

    public YearsBand YearsInField { get; set; }

    public AgeBand Age { get; set; }

    public WageBand Wage { get; set; }

    /// <summary>The 2024 combined question, tabulated: one category alone, two or more, or not reported.</summary>
    public Race2024 Race { get; set; }

    /// <summary>Every 2024 category the person chose, as bits (1 &lt;&lt; category), for "alone or in combination" counts.</summary>
    public int RaceCategories { get; set; }

    public Ethnicity1997 Ethnicity1997 { get; set; }

    public Race1997 Race1997 { get; set; }

    /// <summary>The languages the person speaks, as <see cref="LanguageGroups"/> bits; 0 when not reported.</summary>
    public int Languages { get; set; }

    /// <summary>Quality Counts lead teacher points (0 to 5) the person's record earns.</summary>
    public int QualityCountsPoints { get; set; }
}

public enum CensusSetting
{
    Center = 1,
    InfantCenter = 2,
    SchoolAgeCenter = 3,
    LargeFamilyChildCareHome = 4,
    SmallFamilyChildCareHome = 5,
    LicenseExempt = 6,
    NotYetMatched = 7,
}

public enum UnitsBand
{
    None = 0,
    From1To11 = 1,
    From12To23 = 2,
    From24To39 = 3,
    From40To59 = 4,
    SixtyOrMore = 5,
}

/// <summary>The highest Child Development Permit current on the day (the permit matrix's levels).</summary>
public enum PermitLevel
{
    None = 0,
    Assistant = 1,
    AssociateTeacher = 2,
    Teacher = 3,
    MasterTeacher = 4,
    SiteSupervisor = 5,
    ProgramDirector = 6,
}

public enum YearsBand
{
    NotReported = 0,
    UnderTwo = 1,
    From2To4 = 2,
    From5To9 = 3,
    From10To19 = 4,
    TwentyOrMore = 5,
}

public enum AgeBand
{
    Under25 = 1,
    From25To34 = 2,
    From35To44 = 3,
    From45To54 = 4,
    From55To64 = 5,
    SixtyFiveOrOlder = 6,
}

public enum WageBand
{
    NotReported = 0,
    Under18 = 1,
    From18To22 = 2,
    From22To26 = 3,
    From26To30 = 4,
    ThirtyOrMore = 5,
}

/// <summary>The 2024 combined question as reports tabulate it: each category alone, or two or more.</summary>
public enum Race2024
{
    NotReported = 0,
    AmericanIndianOrAlaskaNative = 1,
    Asian = 2,
    BlackOrAfricanAmerican = 3,
    HispanicOrLatino = 4,
    MiddleEasternOrNorthAfrican = 5,
    NativeHawaiianOrPacificIslander = 6,
    White = 7,
    TwoOrMore = 8,
}

/// <summary>Languages counted separately in reports; anything else is "other".</summary>
[Flags]
public enum LanguageGroups
{
    None = 0,
    English = 1,
    Spanish = 2,
    Chinese = 4,
    Vietnamese = 8,
    Tagalog = 16,
    Korean = 32,
    Other = 64,
}

/// <summary>What a census row is made from: one person's facts on the day.</summary>
public sealed record CensusFacts(
    DateOnly DateOfBirth,
    int? FirstYearInField,
    EducationLevel? ReportedEducation,
    IReadOnlyCollection<DegreeLevel> Degrees,
    decimal EceUnits,
    IReadOnlyCollection<CredentialType> CurrentCredentials,
    EmploymentRole Role,
    FacilityType? Facility,
    string? County,
    decimal? HourlyWage,
    DateOnly? FirstJobStart,
    IReadOnlyCollection<RaceEthnicityCategory> Races,
    bool RaceDeclined,
    IReadOnlyCollection<string> Languages,
    int QualityCountsPoints);

/// <summary>Turns one person's facts into a de-identified census row: the bands every report uses, in one place.</summary>
public static class Census
{
    public static CensusRecord Classify(CensusFacts f, DateOnly asOf)
    {
        var (ethnicity, race1997) = RaceEthnicity1997Mapping.Map(f.Races, f.RaceDeclined);
        return new CensusRecord
        {
            Role = f.Role,
            Setting = Setting(f.Facility),
            County = CountyCode(f.County),
            Education = (int)(HighestEducation(f.ReportedEducation, f.Degrees) ?? 0),
            EceUnits = Units(f.EceUnits),
            Permit = Permit(f.CurrentCredentials),
            YearsInField = Years(f.FirstYearInField ?? f.FirstJobStart?.Year, asOf),
            Age = Age(f.DateOfBirth, asOf),
            Wage = Wage(f.HourlyWage),
            Race = Race(f.Races, f.RaceDeclined),
            RaceCategories = f.RaceDeclined ? 0 : f.Races.Aggregate(0, (bits, c) => bits | (1 << (int)c)),
            Ethnicity1997 = ethnicity,
            Race1997 = race1997,
            Languages = (int)Languages(f.Languages),
            QualityCountsPoints = f.QualityCountsPoints,
        };
    }

    public static int CountyCode(string? county)
    {
        if (county is null)
        {
            return 0;
        }

        for (var i = 0; i < CaliforniaCounties.All.Count; i++)
        {
            if (string.Equals(CaliforniaCounties.All[i], county.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return 0;
    }

    public static string? CountyName(int code) => code >= 1 && code <= CaliforniaCounties.All.Count ? CaliforniaCounties.All[code - 1] : null;

    public static CensusSetting Setting(FacilityType? facility) => facility switch
    {
        null => CensusSetting.NotYetMatched,
        FacilityType.InfantCenter => CensusSetting.InfantCenter,
        FacilityType.SchoolAgeDayCareCenter => CensusSetting.SchoolAgeCenter,
        FacilityType.LargeFamilyChildCareHome => CensusSetting.LargeFamilyChildCareHome,
        FacilityType.SmallFamilyChildCareHome => CensusSetting.SmallFamilyChildCareHome,
        FacilityType.LicenseExempt => CensusSetting.LicenseExempt,
        _ => CensusSetting.Center,
    };

    /// <summary>The higher of what the person reported and the degrees they listed.</summary>
    public static EducationLevel? HighestEducation(EducationLevel? reported, IEnumerable<DegreeLevel> degrees)
    {
        var fromDegrees = degrees.Select(d => d switch
        {
            DegreeLevel.HighSchoolDiploma => EducationLevel.HighSchoolOrGed,
            DegreeLevel.Certificate => EducationLevel.Certificate,
            DegreeLevel.Associate => EducationLevel.Associate,
            DegreeLevel.Bachelor => EducationLevel.Bachelor,
            DegreeLevel.Master => EducationLevel.Master,
            _ => EducationLevel.Doctorate,
        }).Cast<EducationLevel?>().Max();
        return reported is null ? fromDegrees : fromDegrees is null ? reported : (EducationLevel)Math.Max((int)reported, (int)fromDegrees);
    }

    public static UnitsBand Units(decimal units) => units switch
    {
        <= 0 => UnitsBand.None,
        < 12 => UnitsBand.From1To11,
        < 24 => UnitsBand.From12To23,
        < 40 => UnitsBand.From24To39,
        < 60 => UnitsBand.From40To59,
        _ => UnitsBand.SixtyOrMore,
    };

    public static PermitLevel Permit(IEnumerable<CredentialType> current) =>
        (PermitLevel)current.Where(Credential.IsChildDevelopmentPermit).Select(t => (int)t).DefaultIfEmpty(0).Max();

    public static YearsBand Years(int? firstYear, DateOnly asOf)
    {
        if (firstYear is not { } first || first > asOf.Year)
        {
            return YearsBand.NotReported;
        }

        return (asOf.Year - first) switch
        {
            < 2 => YearsBand.UnderTwo,
            < 5 => YearsBand.From2To4,
            < 10 => YearsBand.From5To9,
            < 20 => YearsBand.From10To19,
            _ => YearsBand.TwentyOrMore,
        };
    }

    public static AgeBand Age(DateOnly born, DateOnly asOf)
    {
        var age = asOf.Year - born.Year - (asOf < born.AddYears(asOf.Year - born.Year) ? 1 : 0);
        return age switch
        {
            < 25 => AgeBand.Under25,
            < 35 => AgeBand.From25To34,
            < 45 => AgeBand.From35To44,
            < 55 => AgeBand.From45To54,
            < 65 => AgeBand.From55To64,
            _ => AgeBand.SixtyFiveOrOlder,
        };
    }

    public static WageBand Wage(decimal? hourly) => hourly switch
    {
        null or <= 0 => WageBand.NotReported,
        < 18 => WageBand.Under18,
        < 22 => WageBand.From18To22,
        < 26 => WageBand.From22To26,
        < 30 => WageBand.From26To30,
        _ => WageBand.ThirtyOrMore,
    };

    public static Race2024 Race(IReadOnlyCollection<RaceEthnicityCategory> races, bool declined) =>
        declined || races.Count == 0 ? Race2024.NotReported
        : races.Distinct().Count() > 1 ? Race2024.TwoOrMore
        : (Race2024)(int)races.First();

    public static LanguageGroups Languages(IEnumerable<string> languages)
    {
        var groups = LanguageGroups.None;
        foreach (var language in languages)
        {
            groups |= SearchText.Normalize(language) switch
            {
                "english" or "ingles" => LanguageGroups.English,
                "spanish" or "espanol" => LanguageGroups.Spanish,
                "chinese" or "cantonese" or "mandarin" or "chino" or "cantones" or "mandarin chinese" or "toisanese" => LanguageGroups.Chinese,
                "vietnamese" or "vietnamita" => LanguageGroups.Vietnamese,
                "tagalog" or "filipino" => LanguageGroups.Tagalog,
                "korean" or "coreano" => LanguageGroups.Korean,
                "" => LanguageGroups.None,
                _ => LanguageGroups.Other,
            };
        }

        return groups;
    }
}

/// <summary>
/// A snapshot's counts for a pair of dimensions in a county, worked out once when the snapshot is
/// taken: reports read these few thousand rows instead of scanning every person.
/// <see cref="First"/> is below <see cref="Second"/>; values are as stored (languages as bits).
/// </summary>
public sealed class CensusCell
{
    public long Id { get; set; }

    public int SnapshotId { get; set; }

    public int First { get; set; }

    public int Second { get; set; }

    public int County { get; set; }

    public int FirstValue { get; set; }

    public int SecondValue { get; set; }

    public long Count { get; set; }
}
