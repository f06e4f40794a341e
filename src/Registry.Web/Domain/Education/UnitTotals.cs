namespace Registry.Web.Domain.Education;

/// <summary>Why a course's units are not counted.</summary>
public enum CourseExclusion
{
    /// <summary>Permits count coursework at grade C or better (C-, D, F, no pass do not count).</summary>
    GradeBelowC = 1,

    /// <summary>No grade yet (in progress, incomplete, withdrawn) or none entered.</summary>
    NoPassingGrade = 2,
}

/// <summary>
/// The running totals a professional sees under their courses, in semester units (quarter units
/// count two thirds), counting only courses passed at grade C or better, with each course that
/// did not count and why. These are the totals the permit matrix reads; the rules engine
/// decides what they qualify for.
/// </summary>
public sealed record UnitTotals(
    decimal Ece,
    decimal Core,
    decimal ChildGrowthAndDevelopment,
    decimal ChildFamilyAndCommunity,
    decimal ProgramAndCurriculum,
    decimal GeneralEducation,
    decimal EnglishLanguageArts,
    decimal MathOrScience,
    decimal SocialSciences,
    decimal HumanitiesOrFineArts,
    decimal Administration,
    decimal AdultSupervision,
    decimal Specialization,
    decimal InfantToddler,
    decimal SchoolAge,
    decimal SupervisedFieldExperience,
    IReadOnlyList<(Course Course, CourseExclusion Reason)> NotCounted)
{
    /// <summary>Course categories that are early childhood education / child development coursework.</summary>
    public static readonly IReadOnlySet<CourseCategory> EceCategories = new HashSet<CourseCategory>
    {
        CourseCategory.ChildGrowthAndDevelopment, CourseCategory.ChildFamilyAndCommunity, CourseCategory.ProgramAndCurriculum,
        CourseCategory.OtherEce, CourseCategory.Administration, CourseCategory.AdultSupervision, CourseCategory.Specialization,
        CourseCategory.InfantToddler, CourseCategory.SchoolAge, CourseCategory.SupervisedFieldExperience,
    };

    public static readonly IReadOnlySet<CourseCategory> CoreCategories = new HashSet<CourseCategory>
    {
        CourseCategory.ChildGrowthAndDevelopment, CourseCategory.ChildFamilyAndCommunity, CourseCategory.ProgramAndCurriculum,
    };

    public static readonly IReadOnlySet<CourseCategory> GeneralEducationCategories = new HashSet<CourseCategory>
    {
        CourseCategory.EnglishLanguageArts, CourseCategory.MathOrScience, CourseCategory.SocialSciences, CourseCategory.HumanitiesOrFineArts,
    };

    /// <summary>Whether all three core areas have at least one counted course.</summary>
    public bool HasEveryCoreArea => ChildGrowthAndDevelopment > 0 && ChildFamilyAndCommunity > 0 && ProgramAndCurriculum > 0;

    /// <summary>Whether every general education area has at least one counted course (the Teacher permit asks for one each).</summary>
    public bool HasEveryGeneralEducationArea => EnglishLanguageArts > 0 && MathOrScience > 0 && SocialSciences > 0 && HumanitiesOrFineArts > 0;

    public static UnitTotals Compute(IEnumerable<Course> courses)
    {
        var counted = new Dictionary<CourseCategory, decimal>();
        var notCounted = new List<(Course, CourseExclusion)>();
        foreach (var course in courses)
        {
            if (GradeRule(course.Grade) is { } exclusion)
            {
                notCounted.Add((course, exclusion));
                continue;
            }

            // Exact in quarter units; each total is converted to semester units once, below.
            counted[course.Category] = counted.GetValueOrDefault(course.Category) + course.QuarterUnits;
        }

        decimal Sum(IEnumerable<CourseCategory> categories) => UnitMath.ToSemesterUnits(categories.Sum(c => counted.GetValueOrDefault(c)));
        decimal Of(CourseCategory category) => UnitMath.ToSemesterUnits(counted.GetValueOrDefault(category));

        return new UnitTotals(
            Sum(EceCategories),
            Sum(CoreCategories),
            Of(CourseCategory.ChildGrowthAndDevelopment),
            Of(CourseCategory.ChildFamilyAndCommunity),
            Of(CourseCategory.ProgramAndCurriculum),
            Sum(GeneralEducationCategories),
            Of(CourseCategory.EnglishLanguageArts),
            Of(CourseCategory.MathOrScience),
            Of(CourseCategory.SocialSciences),
            Of(CourseCategory.HumanitiesOrFineArts),
            Of(CourseCategory.Administration),
            Of(CourseCategory.AdultSupervision),
            Of(CourseCategory.Specialization),
            Of(CourseCategory.InfantToddler),
            Of(CourseCategory.SchoolAge),
            Of(CourseCategory.SupervisedFieldExperience),
            notCounted);
    }

    /// <summary>
    /// A, B and C (with + or -, except C-) count, as do pass and credit (P, CR), which colleges
    /// give only for work at C or better. Anything else does not count, with its reason.
    /// </summary>
    public static CourseExclusion? GradeRule(string? grade) => grade?.Trim().ToUpperInvariant() switch
    {
        "A+" or "A" or "A-" or "B+" or "B" or "B-" or "C+" or "C" or "P" or "CR" or "PASS" or "CREDIT" => null,
        "C-" or "D+" or "D" or "D-" or "F" or "NP" or "NC" or "FAIL" => CourseExclusion.GradeBelowC,
        _ => CourseExclusion.NoPassingGrade,
    };
}
