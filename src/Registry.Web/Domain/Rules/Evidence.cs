using System.Text.Json.Serialization;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;

namespace Registry.Web.Domain.Rules;

/// <summary>
/// What a person's record says, as the rules read it. <c>Verified</c> marks a fact registry staff
/// verified (or, for a job, that the employer confirmed; for training, that a sponsor posted).
/// </summary>
public sealed record Evidence(
    IReadOnlyList<CourseFact> Courses,
    IReadOnlyList<DegreeFact> Degrees,
    IReadOnlyList<CredentialFact> Credentials,
    IReadOnlyList<JobFact> Jobs,
    IReadOnlyList<TrainingFact> Training,
    EducationLevel? ReportedEducationLevel,
    IReadOnlyList<PermitApplicationFact>? Applications = null)
{
    public static readonly Evidence None = new([], [], [], [], [], null);

    /// <summary>Only what was verified: a result that holds here does not rest on self-reported facts.</summary>
    public Evidence VerifiedOnly() => new(
        Courses.Where(c => c.Verified).ToList(),
        Degrees.Where(d => d.Verified).ToList(),
        Credentials.Where(c => c.Verified).ToList(),
        Jobs.Where(j => j.Verified).ToList(),
        Training.Where(t => t.Verified).ToList(),
        null);
}

/// <summary>A course as entered: <paramref name="Units"/> in <paramref name="UnitType"/> (semester unless said), never rounded.</summary>
public sealed record CourseFact(string Name, decimal Units, CourseCategory Category, string? Grade, bool Verified, DateOnly? CompletedOn = null, UnitType UnitType = UnitType.Semester)
{
    // Worked out once, when the fact is made: the engine reads them for every requirement.
    [JsonIgnore]
    public bool Counts { get; } = UnitTotals.GradeRule(Grade) is null;

    /// <summary>Why the course does not count (a grade below C, or no passing grade yet); none when it counts.</summary>
    [JsonIgnore]
    public CourseExclusion? Exclusion { get; } = UnitTotals.GradeRule(Grade);

    /// <summary>Exact, for adding up (see <see cref="UnitMath"/>).</summary>
    [JsonIgnore]
    public decimal QuarterUnits { get; } = UnitMath.InQuarterUnits(Units, UnitType);

    /// <summary>For showing one course; totals are added in quarter units and converted once.</summary>
    [JsonIgnore]
    public decimal SemesterUnits { get; } = UnitMath.ToSemesterUnits(UnitMath.InQuarterUnits(Units, UnitType));
}

/// <param name="EarnedIn">Where it was earned (a state, "US-CA", or a country code); none when not recorded.</param>
public sealed record DegreeFact(DegreeLevel Level, string Major, DateOnly? ConferredOn, bool Verified, string? EarnedIn = null);

/// <param name="EarnedIn">Where it was earned (a state, "US-CA", or a country code); none when not recorded.</param>
public sealed record CredentialFact(CredentialType Type, DateOnly IssuedOn, DateOnly? ExpiresOn, bool Verified, string? EarnedIn = null)
{
    public bool IsCurrentOn(DateOnly day) => IssuedOn <= day && (ExpiresOn is null || ExpiresOn >= day);
}

/// <param name="EligibleFor">The stipend programs (rule ids) whose list of eligible sites names this job's site.</param>
public sealed record JobFact(string Employer, EmploymentRole Role, DateOnly Start, DateOnly? End, decimal DaysPerWeek, decimal HoursPerDay, bool SupervisesAdults, bool Verified, decimal? HourlyWage = null, IReadOnlyCollection<string>? EligibleFor = null);

/// <summary>A permit the person has applied for and not yet received (self-reported).</summary>
public sealed record PermitApplicationFact(CredentialType Type, DateOnly AppliedOn);

public sealed record TrainingFact(string Title, DateOnly On, decimal Hours, bool Verified);
