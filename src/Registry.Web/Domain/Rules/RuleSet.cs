using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;

namespace Registry.Web.Domain.Rules;

/// <summary>
/// One version of a set of qualification rules (California's permit matrix, Quality Counts, Title
/// 22), as a state writes it in a JSON file under <c>Rules/</c>: who issued it, when it is in
/// force, where it comes from, and its rules. Each rule is met by any one of its routes; a route is
/// met when all of its requirements are.
/// </summary>
public sealed record RuleSet
{
    /// <summary>Names the set across versions ("ca-child-development-permits").</summary>
    public required string Id { get; init; }

    public required string Jurisdiction { get; init; }

    /// <summary>The version, as the state numbers it ("2025.1").</summary>
    public required string Version { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>The first day the version is no longer in force; none while it is current.</summary>
    public DateOnly? EffectiveTo { get; init; }

    public required LocalText Title { get; init; }

    public required IReadOnlyList<RuleSource> Sources { get; init; }

    /// <summary>Words that make a degree's major count as early childhood education, or as a related field.</summary>
    public DegreeFieldWords? DegreeFields { get; init; }

    public required IReadOnlyList<Rule> Rules { get; init; }

    /// <summary>The file it was read from (set by the loader).</summary>
    public string? File { get; init; }

    public bool IsInForceOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day < EffectiveTo);
}

/// <summary>A text in English and Spanish, and in Traditional Chinese (<c>"zh-Hant"</c>; English when a file has none).</summary>
public sealed record LocalText(string En, string Es, [property: System.Text.Json.Serialization.JsonPropertyName("zh-Hant")] string? ZhHant = null)
{
    public string In(string language) =>
        language.StartsWith("es", StringComparison.OrdinalIgnoreCase) ? Es
        : language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? ZhHant ?? En
        : En;
}

public sealed record RuleSource(string Title, string Url, string? Section = null);

public sealed record DegreeFieldWords(IReadOnlyList<string> Ece, IReadOnlyList<string> Related);

/// <summary>What a rule answers; the page groups results by it.</summary>
public enum RuleGroup
{
    Permit,
    PermitRenewal,
    QualityCounts,
    Title22,

    /// <summary>A stipend program's eligibility (California's AB 212, for example).</summary>
    Stipend,
}

public sealed record Rule
{
    public required string Id { get; init; }

    public required RuleGroup Group { get; init; }

    /// <summary>Rules on one ladder (the six permits; points 1 to 5) share a track and climb by level.</summary>
    public string? Track { get; init; }

    public int Level { get; init; }

    public required LocalText Name { get; init; }

    /// <summary>The section of a source this rule comes from ("5 CCR § 80110").</summary>
    public string? Cites { get; init; }

    public LocalText? Note { get; init; }

    public required IReadOnlyList<Route> Routes { get; init; }
}

public sealed record Route
{
    public required string Id { get; init; }

    public required LocalText Name { get; init; }

    public required IReadOnlyList<Requirement> Requirements { get; init; }
}

public enum RequirementKind
{
    /// <summary>At least <see cref="Requirement.Min"/> semester units in <see cref="Requirement.Area"/>.</summary>
    Units,

    /// <summary>At least one counted course in each of <see cref="Requirement.Categories"/>.</summary>
    EachCategory,

    /// <summary>At least <see cref="Requirement.Min"/> different counted courses in <see cref="Requirement.Area"/>.</summary>
    DistinctCourses,

    /// <summary>A degree of <see cref="Requirement.MinLevel"/> or higher, in <see cref="Requirement.Field"/>.</summary>
    Degree,

    /// <summary><see cref="Requirement.Days"/> working days of <see cref="Requirement.MinHoursPerDay"/>+ hours within any <see cref="Requirement.WithinMonths"/> months.</summary>
    Experience,

    /// <summary><see cref="Requirement.Years"/> years in one of <see cref="Requirement.Roles"/>, counted in whole months (<see cref="Requirement.MonthsPerYear"/> to a year).</summary>
    YearsInRole,

    /// <summary>One of <see cref="Requirement.Credentials"/>, current on the day.</summary>
    Credential,

    /// <summary><see cref="Requirement.Hours"/> hours of professional development in <see cref="Requirement.Window"/>.</summary>
    ProfessionalDevelopment,

    /// <summary>Another rule met (<see cref="Requirement.Rule"/>), or one of <see cref="Requirement.Credentials"/> held.</summary>
    RuleMet,

    /// <summary>At least <see cref="Requirement.Months"/> months in a current job at the same site.</summary>
    MonthsAtSite,

    /// <summary>A current job of at least <see cref="Requirement.Min"/> hours a week.</summary>
    HoursPerWeek,

    /// <summary>A current job paying at most <see cref="Requirement.Max"/> an hour (the wage must be given).</summary>
    WageCap,

    /// <summary>
    /// A current job at a site on the stipend program's list of eligible sites (the list is data
    /// the program's administrators keep, per rule id).
    /// </summary>
    EligibleSite,
}

public enum UnitArea
{
    Ece,
    Core,
    GeneralEducation,
    Administration,
    AdultSupervision,
    Specialization,
    InfantToddler,
    SchoolAge,
    SupervisedFieldExperience,

    /// <summary>Every counted college unit, in any subject ("an AA degree or 60 units").</summary>
    AllCollege,
}

public enum DegreeField
{
    Any,
    Ece,
    EceOrRelated,
}

public enum ProfessionalDevelopmentWindow
{
    /// <summary>The rating year: from a site's rating validation date, or the 12 months before the day.</summary>
    RatingYear,

    /// <summary>The five-year renewal cycle of the Child Development Permit held (ending at its expiry).</summary>
    PermitCycle,

    /// <summary>The twelve months up to the day (a stipend program's cycle).</summary>
    PastYear,
}

/// <summary>One requirement of a route. Which fields apply depends on <see cref="Kind"/>; the loader checks them.</summary>
public sealed record Requirement
{
    public required RequirementKind Kind { get; init; }

    public UnitArea? Area { get; init; }

    public decimal? Min { get; init; }

    public IReadOnlyList<CourseCategory>? Categories { get; init; }

    public DegreeLevel? MinLevel { get; init; }

    public DegreeField? Field { get; init; }

    public int? Days { get; init; }

    public decimal? MinHoursPerDay { get; init; }

    public int? WithinMonths { get; init; }

    public bool SupervisingAdults { get; init; }

    public IReadOnlyList<EmploymentRole>? Roles { get; init; }

    public decimal? Years { get; init; }

    /// <summary>
    /// For yearsInRole: the months of work that make one year (12 unless said). A program year is the
    /// program's own year, so a school-year program of 9 or more months counts as a year: 9.
    /// </summary>
    public int? MonthsPerYear { get; init; }

    public IReadOnlyList<CredentialType>? Credentials { get; init; }

    public decimal? Hours { get; init; }

    /// <summary>For professional development, the hours' window; for units, only courses completed in it count.</summary>
    public ProfessionalDevelopmentWindow? Window { get; init; }

    /// <summary>For a credential or degree requirement: only one earned in this place counts (a state, "US-CA", or a country code; see <see cref="Places"/>).</summary>
    public string? EarnedIn { get; init; }

    /// <summary>For a credential requirement: an application for one of the credentials, made in the last 12 months, counts too.</summary>
    public bool OrApplied { get; init; }

    /// <summary>For monthsAtSite, hoursPerWeek and wageCap: only jobs at sites eligible for the rule's program count.</summary>
    public bool AtEligibleSite { get; init; }

    public string? Rule { get; init; }

    public int? Months { get; init; }

    public decimal? Max { get; init; }
}
