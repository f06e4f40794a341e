using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;

namespace Registry.Web.Domain.DataQuality;

/// <summary>The checks every record passes or fails (the Alliance's data quality standards ask for them).</summary>
public enum DataQualityRule
{
    /// <summary>Name, date of birth, county, highest education, and race and ethnicity (answered or declined).</summary>
    RequiredFields = 1,

    /// <summary>Dates that can be true: born 14 to 100 years ago; jobs, degrees, courses and training after age 14 and not in the future.</summary>
    PlausibleDates = 2,

    /// <summary>At most 400 college units in all, and at most 100 hours in one training record.</summary>
    UnitsAndHoursInRange = 3,

    /// <summary>Jobs end after they start, and at most 84 hours a week across current jobs.</summary>
    EmploymentConsistent = 4,

    /// <summary>Every current job is at a licensed site the registry knows (not an employer still to match).</summary>
    EmployerResolved = 5,

    /// <summary>No permit past its expiry date is still recorded as the person's current permit without a newer one.</summary>
    NoExpiredPermitAsCurrent = 6,

    /// <summary>The record is not flagged as a possible duplicate of another.</summary>
    NotAPossibleDuplicate = 7,
}

/// <summary>One failed check: which rule, what exactly (a code the page words), and the entry it concerns.</summary>
public sealed record DataQualityProblem(DataQualityRule Rule, string Code, string? Entry = null, DateOnly? Date = null);

/// <summary>What the checks read of a record.</summary>
public sealed record RecordFacts(
    bool HasName,
    DateOnly DateOfBirth,
    bool HasCounty,
    bool HasEducationLevel,
    bool AnsweredRaceEthnicity,
    bool PossibleDuplicate,
    IReadOnlyList<(string Employer, DateOnly Start, DateOnly? End, decimal HoursPerWeek, bool Unlisted)> Jobs,
    IReadOnlyList<(string Degree, DateOnly? ConferredOn)> Degrees,
    IReadOnlyList<(string Course, decimal QuarterUnits, DateOnly? CompletedOn)> Courses,
    IReadOnlyList<(string Title, DateOnly AttendedOn, decimal Hours)> Training,
    IReadOnlyList<(CredentialType Type, DateOnly IssuedOn, DateOnly? ExpiresOn)> Credentials);

/// <summary>Checks a record against every rule; pure, so a dashboard can run it over a whole state.</summary>
public static class DataQualityRules
{
    public const decimal MaxTotalUnits = 400;
    public const decimal MaxTrainingHours = 100;
    public const decimal MaxHoursPerWeek = 84;

    public static IReadOnlyList<DataQualityProblem> Check(RecordFacts r, DateOnly today)
    {
        var problems = new List<DataQualityProblem>();
        void Add(DataQualityRule rule, string code, string? entry = null, DateOnly? date = null) => problems.Add(new(rule, code, entry, date));

        if (!r.HasName) { Add(DataQualityRule.RequiredFields, "Name"); }
        if (!r.HasCounty) { Add(DataQualityRule.RequiredFields, "County"); }
        if (!r.HasEducationLevel) { Add(DataQualityRule.RequiredFields, "EducationLevel"); }
        if (!r.AnsweredRaceEthnicity) { Add(DataQualityRule.RequiredFields, "RaceEthnicity"); }

        var adult = r.DateOfBirth.AddYears(14);
        if (r.DateOfBirth > today.AddYears(-14) || r.DateOfBirth < today.AddYears(-100))
        {
            Add(DataQualityRule.PlausibleDates, "DateOfBirth", date: r.DateOfBirth);
        }

        foreach (var (employer, start, end, _, _) in r.Jobs.Where(j => j.Start < adult || j.Start > today))
        {
            Add(DataQualityRule.PlausibleDates, "JobStart", employer, start);
        }

        foreach (var (degree, conferred) in r.Degrees.Where(d => d.ConferredOn is { } on && (on < adult || on > today)))
        {
            Add(DataQualityRule.PlausibleDates, "DegreeDate", degree, conferred);
        }

        foreach (var (course, _, completed) in r.Courses.Where(c => c.CompletedOn is { } on && (on < adult || on > today)))
        {
            Add(DataQualityRule.PlausibleDates, "CourseDate", course, completed);
        }

        foreach (var (title, on, _) in r.Training.Where(t => t.AttendedOn < adult || t.AttendedOn > today))
        {
            Add(DataQualityRule.PlausibleDates, "TrainingDate", title, on);
        }

        if (r.Courses.Sum(c => c.QuarterUnits) > MaxTotalUnits * UnitMath.QuarterPerSemester)
        {
            Add(DataQualityRule.UnitsAndHoursInRange, "TotalUnits");
        }

        foreach (var (title, on, _) in r.Training.Where(t => t.Hours > MaxTrainingHours))
        {
            Add(DataQualityRule.UnitsAndHoursInRange, "TrainingHours", title, on);
        }

        foreach (var (employer, start, end, _, _) in r.Jobs.Where(j => j.End is { } e && e < j.Start))
        {
            Add(DataQualityRule.EmploymentConsistent, "JobEndsBeforeStart", employer, end);
        }

        var current = r.Jobs.Where(j => j.Start <= today && (j.End is null || j.End >= today)).ToList();
        if (current.Sum(j => j.HoursPerWeek) > MaxHoursPerWeek)
        {
            Add(DataQualityRule.EmploymentConsistent, "TooManyHours");
        }

        foreach (var job in current.Where(j => j.Unlisted))
        {
            Add(DataQualityRule.EmployerResolved, "EmployerNotMatched", job.Employer);
        }

        foreach (var permit in r.Credentials.Where(c => Credential.IsChildDevelopmentPermit(c.Type) && c.ExpiresOn is { } expiry && expiry <= today)
            .Where(c => !r.Credentials.Any(newer => Credential.IsChildDevelopmentPermit(newer.Type) && newer.IssuedOn > c.IssuedOn && (newer.ExpiresOn is null || newer.ExpiresOn > today))))
        {
            Add(DataQualityRule.NoExpiredPermitAsCurrent, "PermitExpired", permit.Type.ToString(), permit.ExpiresOn);
        }

        if (r.PossibleDuplicate)
        {
            Add(DataQualityRule.NotAPossibleDuplicate, "PossibleDuplicate");
        }

        return problems;
    }
}

/// <summary>One pass of every rule over every record: what the dashboard shows until the next pass.</summary>
public sealed class DataQualityRun
{
    private DataQualityRun()
    {
    }

    public DataQualityRun(DateTimeOffset startedAt, string? requestedByUserId)
    {
        StartedAt = startedAt;
        RequestedByUserId = requestedByUserId;
    }

    public int Id { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public string? RequestedByUserId { get; private set; }

    /// <summary>Set when every record has been checked; the dashboard shows the latest complete run.</summary>
    public DateTimeOffset? CompletedAt { get; private set; }

    public int Records { get; private set; }

    public int Passing { get; private set; }

    public void Complete(int records, int passing, DateTimeOffset at)
    {
        Records = records;
        Passing = passing;
        CompletedAt = at;
    }
}

/// <summary>A record that failed a rule in a run (one row per problem), with the person's county for the by-county figures.</summary>
public sealed class DataQualityFailure
{
    public long Id { get; set; }

    public int RunId { get; set; }

    public int ProfessionalId { get; set; }

    public DataQualityRule Rule { get; set; }

    public string Code { get; set; } = string.Empty;

    public string? Entry { get; set; }

    /// <summary>The county's place in the list of counties (0: none given).</summary>
    public int County { get; set; }
}

/// <summary>How many records a run checked in each county: the denominators of the by-county shares.</summary>
public sealed class DataQualityCountyCount
{
    public int RunId { get; set; }

    public int County { get; set; }

    public int Records { get; set; }
}
