using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Rules;

namespace Registry.UnitTests.Rules;

/// <summary>Builds hand-worked people for the rule tests, and loads the repository's California rule files.</summary>
internal static class People
{
    public static readonly DateOnly Today = new(2026, 11, 1);

    private static readonly Lazy<RuleBook> CaliforniaBook = new(() => RuleSetLoader.LoadFolder(RulesFolder()));

    public static RuleBook California => CaliforniaBook.Value;

    public static string RulesFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Registry.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Registry.sln not found."), "src", "Registry.Web", "Rules");
    }

    public static CourseFact Course(CourseCategory category, decimal semesterUnits, string grade = "B", bool verified = false, string? name = null) =>
        new(name ?? $"{category} {semesterUnits}", semesterUnits, category, grade, verified);

    /// <summary>A course entered in quarter units, as the transcript gives them.</summary>
    public static CourseFact Quarter(CourseCategory category, decimal quarterUnits, string grade = "B", bool verified = false, string? name = null) =>
        new(name ?? $"{category} {quarterUnits}q", quarterUnits, category, grade, verified, UnitType: UnitType.Quarter);

    /// <summary>The three core courses (3 units each), 9 units.</summary>
    public static IEnumerable<CourseFact> Core(bool verified = false) =>
    [
        Course(CourseCategory.ChildGrowthAndDevelopment, 3, verified: verified, name: "Child Growth and Development"),
        Course(CourseCategory.ChildFamilyAndCommunity, 3, verified: verified, name: "Child, Family and Community"),
        Course(CourseCategory.ProgramAndCurriculum, 3, verified: verified, name: "Introduction to Curriculum"),
    ];

    /// <summary>One 4-unit course in each general education area: 16 units.</summary>
    public static IEnumerable<CourseFact> GeneralEducation() =>
    [
        Course(CourseCategory.EnglishLanguageArts, 4), Course(CourseCategory.MathOrScience, 4),
        Course(CourseCategory.SocialSciences, 4), Course(CourseCategory.HumanitiesOrFineArts, 4),
    ];

    /// <summary>A job of 5 days a week, <paramref name="hours"/> a day, giving <paramref name="days"/> working days ending on <see cref="Today"/>.</summary>
    public static JobFact Job(int days, decimal hours = 6, bool supervisesAdults = false, EmploymentRole role = EmploymentRole.Teacher, bool verified = false, DateOnly? end = null)
    {
        // 5 days a week: each 7 calendar days give 5 working days.
        var last = end ?? Today;
        var calendarDays = (int)Math.Ceiling(days * 7m / 5m);
        return new JobFact("Sunshine Preschool", role, last.AddDays(1 - calendarDays), end, 5, hours, supervisesAdults, verified);
    }

    public static JobFact YearsAs(EmploymentRole role, decimal years) =>
        new("Sunshine Preschool", role, Today.AddDays(1 - (int)Math.Round(years * 365.25m)), null, 5, 8, false, false);

    public static CredentialFact Holds(CredentialType type, bool expired = false, bool verified = false, string? earnedIn = null) =>
        new(type, Today.AddYears(-3), expired ? Today.AddDays(-1) : Today.AddYears(2), verified, earnedIn);

    /// <summary>A job in a role over exactly these days (both worked).</summary>
    public static JobFact Worked(EmploymentRole role, DateOnly first, DateOnly last) => new("Sunshine Preschool", role, first, last, 5, 8, false, false);

    public static DegreeFact Degree(DegreeLevel level, string major, bool verified = false) => new(level, major, new DateOnly(2015, 6, 1), verified);

    public static TrainingFact Training(decimal hours, int daysAgo = 30, bool verified = false) => new("Workshop", Today.AddDays(-daysAgo), hours, verified);

    public static Evidence With(
        IEnumerable<CourseFact>? courses = null,
        IEnumerable<DegreeFact>? degrees = null,
        IEnumerable<CredentialFact>? credentials = null,
        IEnumerable<JobFact>? jobs = null,
        IEnumerable<TrainingFact>? training = null,
        EducationLevel? reported = null) =>
        new((courses ?? []).ToList(), (degrees ?? []).ToList(), (credentials ?? []).ToList(), (jobs ?? []).ToList(), (training ?? []).ToList(), reported);

    public static RuleResult Result(Evidence evidence, string ruleId, EvaluationOptions? options = null, DateOnly? asOf = null) =>
        RuleEngine.Evaluate(California, evidence, asOf ?? Today, options).Find(ruleId) ?? throw new InvalidOperationException($"No rule {ruleId} in force.");
}
