using Registry.Web.Domain.Facts;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Domain.Education;

public enum DegreeLevel
{
    HighSchoolDiploma = 1,
    Certificate = 2,
    Associate = 3,
    Bachelor = 4,
    Master = 5,
    Doctorate = 6,
}

/// <summary>A degree or diploma the person holds.</summary>
public sealed class Degree : IVouchedFact
{
    public const int MaxTextLength = 200;

    private Degree()
    {
        Major = string.Empty;
        Institution = string.Empty;
        Verification = Verification.SelfReported();
    }

    public Degree(DegreeLevel level, string major, string institution, DateOnly? conferredOn, string? earnedIn = null)
        : this()
    {
        Level = level;
        Major = major.Trim();
        Institution = institution.Trim();
        ConferredOn = conferredOn;
        EarnedIn = earnedIn;
    }

    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public DegreeLevel Level { get; private set; }

    public string Major { get; private set; }

    public string Institution { get; private set; }

    public DateOnly? ConferredOn { get; private set; }

    /// <summary>Where the institution is: a state ("US-CA") or a country ("MX") code (see <see cref="Places"/>); none when not given.</summary>
    public string? EarnedIn { get; private set; }

    /// <summary>Another registry this one trusts verified it (the person brought their record).</summary>
    public void RecordVerification(Verification verification) => Verification = verification;

    public Verification Verification { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public FactKind FactKind => FactKind.Degree;

    /// <summary>Everything the person says of the degree: all of it is what a diploma or transcript shows, so all of it is what staff verified.</summary>
    public IReadOnlyDictionary<string, string?> Facts() => new Dictionary<string, string?>
    {
        ["Degree.Level"] = FactChange.Format(Level),
        ["Degree.Major"] = Major,
        ["Degree.Institution"] = Institution,
        ["Degree.ConferredOn"] = FactChange.Format(ConferredOn),
        ["Degree.EarnedIn"] = EarnedIn,
    };

    /// <summary>Changes the degree; a changed verified degree returns to self-reported.</summary>
    public void Update(DegreeLevel level, string major, string institution, DateOnly? conferredOn, string? earnedIn)
    {
        var before = (Level, Major, Institution, ConferredOn, EarnedIn);
        Level = level;
        Major = major.Trim();
        Institution = institution.Trim();
        ConferredOn = conferredOn;
        EarnedIn = earnedIn;
        if (before != (Level, Major, Institution, ConferredOn, EarnedIn))
        {
            Verification = Verification.SelfReported();
        }
    }
}

public enum UnitType
{
    Semester = 1,
    Quarter = 2,
}

/// <summary>
/// What a course counts toward: the ECE/child development core areas, the general education
/// areas, and the other groups the permit matrix counts.
/// </summary>
public enum CourseCategory
{
    ChildGrowthAndDevelopment = 1,
    ChildFamilyAndCommunity = 2,
    ProgramAndCurriculum = 3,
    OtherEce = 4,
    EnglishLanguageArts = 10,
    MathOrScience = 11,
    SocialSciences = 12,
    HumanitiesOrFineArts = 13,
    Administration = 20,
    AdultSupervision = 21,
    Specialization = 22,
    InfantToddler = 23,
    SchoolAge = 24,
    SupervisedFieldExperience = 25,
    Other = 99,
}

/// <summary>A college course the person completed.</summary>
public sealed class Course : IVouchedFact
{
    public const int MaxTextLength = 200;
    public const int MaxGradeLength = 5;
    public const int MaxTermLength = 30;

    private Course()
    {
        Institution = string.Empty;
        Title = string.Empty;
        Verification = Verification.SelfReported();
    }

    public Course(string institution, string? courseNumber, string title, decimal units, UnitType unitType, string? grade, string? term, CourseCategory category, DateOnly? completedOn = null)
        : this()
    {
        Apply(institution, courseNumber, title, units, unitType, grade, term, category);
        CompletedOn = completedOn;
    }

    /// <summary>
    /// Changes what the person says of the course. A changed course that staff had verified (or
    /// were reviewing) goes back to self-reported: a verification covers what was verified.
    /// </summary>
    public void Update(string institution, string? courseNumber, string title, decimal units, UnitType unitType, string? grade, string? term, CourseCategory category, DateOnly? completedOn = null)
    {
        var before = (Institution, CourseNumber, Title, Units, UnitType, Grade, Term, Category, CompletedOn);
        Apply(institution, courseNumber, title, units, unitType, grade, term, category);
        CompletedOn = completedOn;
        if (before != (Institution, CourseNumber, Title, Units, UnitType, Grade, Term, Category, CompletedOn))
        {
            Verification = Verification.SelfReported();
        }
    }

    private void Apply(string institution, string? courseNumber, string title, decimal units, UnitType unitType, string? grade, string? term, CourseCategory category)
    {
        if (units is <= 0 or > 99)
        {
            throw new ArgumentOutOfRangeException(nameof(units), "Units are more than 0 and less than 100.");
        }

        Institution = institution.Trim();
        CourseNumber = string.IsNullOrWhiteSpace(courseNumber) ? null : courseNumber.Trim();
        Title = title.Trim();
        Units = units;
        UnitType = unitType;
        Grade = string.IsNullOrWhiteSpace(grade) ? null : grade.Trim().ToUpperInvariant();
        Term = string.IsNullOrWhiteSpace(term) ? null : term.Trim();
        Category = category;
    }

    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    public string Institution { get; private set; }

    public string? CourseNumber { get; private set; }

    public string Title { get; private set; }

    public decimal Units { get; private set; }

    public UnitType UnitType { get; private set; }

    public string? Grade { get; private set; }

    /// <summary>The term the course was taken ("Fall 2024").</summary>
    public string? Term { get; private set; }

    public CourseCategory Category { get; private set; }

    /// <summary>The day the course ended, as the transcript says (optional): what "coursework completed in a cycle" counts.</summary>
    public DateOnly? CompletedOn { get; private set; }

    public Verification Verification { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public FactKind FactKind => FactKind.Course;

    /// <summary>Everything the person says of the course: all of it is on the transcript staff verified against.</summary>
    public IReadOnlyDictionary<string, string?> Facts() => new Dictionary<string, string?>
    {
        ["Course.Institution"] = Institution,
        ["Course.CourseNumber"] = CourseNumber,
        ["Course.Title"] = Title,
        ["Course.Units"] = FactChange.Format(Units),
        ["Course.UnitType"] = FactChange.Format(UnitType),
        ["Course.Grade"] = Grade,
        ["Course.Term"] = Term,
        ["Course.Category"] = FactChange.Format(Category),
        ["Course.CompletedOn"] = FactChange.Format(CompletedOn),
    };

    /// <summary>Records registry staff's decision on this course.</summary>
    public void RecordVerification(Verification verification) => Verification = verification;

    /// <summary>Units in quarter units, exactly (a semester unit is 1.5): what totals add up.</summary>
    public decimal QuarterUnits => UnitMath.InQuarterUnits(Units, UnitType);

    /// <summary>Units in semester units (quarter units count two thirds), unrounded: round only to show it.</summary>
    public decimal SemesterUnits => UnitMath.ToSemesterUnits(QuarterUnits);
}
