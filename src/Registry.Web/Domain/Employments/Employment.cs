using Registry.Web.Domain.Facts;
using Registry.Web.Domain.Verifications;

namespace Registry.Web.Domain.Employments;

/// <summary>The roles a registry lists for a job.</summary>
public enum EmploymentRole
{
    Assistant = 1,
    AssociateTeacher = 2,
    Teacher = 3,
    LeadTeacher = 4,
    SiteSupervisor = 5,
    Director = 6,
    FamilyChildCareOwner = 7,
    FamilyChildCareAssistant = 8,
    Other = 9,
}

/// <summary>Age groups a job serves; several may apply.</summary>
[Flags]
public enum AgeGroups
{
    None = 0,
    Infants = 1,
    Toddlers = 2,
    Preschool = 4,
    SchoolAge = 8,
}

/// <summary>
/// What someone typed when their employer was not in the licensing list: kept for registry
/// staff to match to a licensed site later.
/// </summary>
public sealed record UnlistedEmployer(string BusinessName, string? Address, string? City)
{
    public const int MaxLength = 200;
}

/// <summary>
/// A job: one role at one employer over a period. A change of role is a new row with its own
/// dates, so history is never overwritten.
/// </summary>
public sealed class Employment : IVouchedFact
{
    public const int MaxRoleDescriptionLength = 100;

    private Employment()
    {
        Verification = Verification.SelfReported();
    }

    private Employment(EmploymentRole role, DateOnly startDate, EmploymentSchedule schedule)
        : this()
    {
        Role = role;
        StartDate = startDate;
        Schedule = schedule;
    }

    public int Id { get; private set; }

    public int ProfessionalId { get; private set; }

    /// <summary>The licensed site, or null while the job names an <see cref="UnlistedEmployer"/>.</summary>
    public int? EmployerId { get; private set; }

    public UnlistedEmployer? UnlistedEmployer { get; private set; }

    public EmploymentRole Role { get; private set; }

    /// <summary>The person's words for the role when it is <see cref="EmploymentRole.Other"/>.</summary>
    public string? RoleDescription { get; private set; }

    public DateOnly StartDate { get; private set; }

    public DateOnly? EndDate { get; private set; }

    public EmploymentSchedule Schedule { get; private set; } = new(5, 8m);

    /// <summary>Permits count days spent supervising adults (Site Supervisor: 100 of 350 days).</summary>
    public bool SupervisesAdults { get; private set; }

    public AgeGroups AgeGroupsServed { get; private set; }

    public decimal? HourlyWage { get; private set; }

    /// <summary>The Identity user id of the director who confirmed this job for the employer.</summary>
    public string? ConfirmedByUserId { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public Verification Verification { get; private set; }

    /// <summary>Staff vouch for the job (a bulk load from an old registry that had verified it).</summary>
    public void RecordVerification(Verification verification) => Verification = verification;

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public bool IsCurrent => EndDate is null;

    /// <summary>
    /// A job is current on a day it has not ended by: no end date, or a last day worked still to come.
    /// A site's staff are the jobs current today; an ended job is history, no director's to change.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Employment, bool>> CurrentOn(DateOnly today) =>
        e => e.EndDate == null || e.EndDate >= today;

    public bool IsCurrentOn(DateOnly today) => EndDate is null || EndDate >= today;

    /// <summary>A job is held on a day it had begun by and not ended by (a site's staff on a past day, a census day).</summary>
    public static System.Linq.Expressions.Expression<Func<Employment, bool>> HeldOn(DateOnly day) =>
        e => e.StartDate <= day && (e.EndDate == null || e.EndDate >= day);

    /// <summary><see cref="HeldOn"/> for a job read as its dates only.</summary>
    public static bool Spans(DateOnly start, DateOnly? end, DateOnly day) => start <= day && (end is null || end >= day);

    public static Employment AtListedEmployer(int employerId, EmploymentRole role, DateOnly startDate, EmploymentSchedule schedule) =>
        new(role, startDate, schedule) { EmployerId = employerId };

    public static Employment AtUnlistedEmployer(UnlistedEmployer employer, EmploymentRole role, DateOnly startDate, EmploymentSchedule schedule)
    {
        if (string.IsNullOrWhiteSpace(employer.BusinessName))
        {
            throw new ArgumentException("An unlisted employer needs at least the business name.", nameof(employer));
        }

        return new(role, startDate, schedule) { UnlistedEmployer = employer };
    }

    public void Describe(bool supervisesAdults, AgeGroups ageGroups, decimal? hourlyWage, string? roleDescription)
    {
        if (hourlyWage is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hourlyWage), "A wage cannot be negative.");
        }

        SupervisesAdults = supervisesAdults;
        AgeGroupsServed = ageGroups;
        HourlyWage = hourlyWage;
        RoleDescription = string.IsNullOrWhiteSpace(roleDescription) ? null : roleDescription.Trim();
    }

    public bool IsConfirmedByEmployer => ConfirmedAt is not null;

    public FactKind FactKind => FactKind.Job;

    /// <summary>
    /// What the permit rules, stipend rules and workforce reports read of a job (every field the
    /// person can change): the site, the role and its name, the dates, the schedule, supervising
    /// adults, age groups and wage. Keys are those of <see cref="History.HistoryFields"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Facts() => new Dictionary<string, string?>
    {
        ["Employment.EmployerId"] = FactChange.Format(EmployerId),
        ["Employment.UnlistedEmployer.BusinessName"] = UnlistedEmployer?.BusinessName,
        ["Employment.Role"] = FactChange.Format(Role),
        ["Employment.RoleDescription"] = RoleDescription,
        ["Employment.StartDate"] = FactChange.Format(StartDate),
        ["Employment.EndDate"] = FactChange.Format(EndDate),
        ["Employment.Schedule.DaysPerWeek"] = FactChange.Format(Schedule.DaysPerWeek),
        ["Employment.Schedule.HoursPerDay"] = FactChange.Format(Schedule.HoursPerDay),
        ["Employment.SupervisesAdults"] = FactChange.Format(SupervisesAdults),
        ["Employment.AgeGroupsServed"] = FactChange.Format(AgeGroupsServed),
        ["Employment.HourlyWage"] = FactChange.Format(HourlyWage),
    };

    /// <summary>
    /// The person changes their job's facts. A job an employer confirmed (or staff verified)
    /// cannot be silently rewritten: changing anything the rules or reports read makes it
    /// unconfirmed and self-reported again. The one change that keeps the confirmation is ending
    /// a current job (an end date, nothing else changed): it claims less than was confirmed.
    /// </summary>
    public void Revise(EmploymentRole role, string? roleDescription, DateOnly startDate, DateOnly? endDate, EmploymentSchedule schedule, bool supervisesAdults, AgeGroups ageGroups, decimal? hourlyWage)
    {
        if (endDate is { } end && end < startDate)
        {
            throw new ArgumentOutOfRangeException(nameof(endDate), "A job cannot end before it starts.");
        }

        var before = Facts();
        var wasCurrent = EndDate is null;
        Role = role;
        StartDate = startDate;
        EndDate = endDate;
        Schedule = schedule;
        Describe(supervisesAdults, ageGroups, hourlyWage, roleDescription);
        var changed = FactWatch.Differences(before, Facts());
        if (changed.Count == 0 || (wasCurrent && EndDate is not null && changed.All(c => c.Field == "Employment.EndDate")))
        {
            return;
        }

        ConfirmedByUserId = null;
        ConfirmedAt = null;
        Verification = Verification.SelfReported();
    }

    /// <summary>
    /// A new role at the same employer from <paramref name="from"/>: this row ends the day before
    /// and a new dated row begins, so the history of roles is kept, not overwritten.
    /// </summary>
    public Employment ChangeRole(EmploymentRole newRole, string? roleDescription, DateOnly from)
    {
        if (from <= StartDate)
        {
            throw new ArgumentOutOfRangeException(nameof(from), "A new role starts after the current one began.");
        }

        if (EndDate is not null)
        {
            throw new InvalidOperationException("Only a current job changes role.");
        }

        End(from.AddDays(-1));
        // New instances: a stored value belongs to one row.
        var next = new Employment(newRole, from, Schedule with { }) { EmployerId = EmployerId, UnlistedEmployer = UnlistedEmployer is null ? null : UnlistedEmployer with { } };
        next.Describe(SupervisesAdults, AgeGroupsServed, HourlyWage, roleDescription);
        return next;
    }

    public void End(DateOnly endDate)
    {
        if (endDate < StartDate)
        {
            throw new ArgumentOutOfRangeException(nameof(endDate), "A job cannot end before it starts.");
        }

        EndDate = endDate;
    }

    /// <summary>
    /// The employer corrects the dates (a wrong start, or the day the person left) and confirms the
    /// corrected job. Ending a job keeps it: the person's history is never deleted.
    /// </summary>
    public void CorrectByEmployer(DateOnly startDate, DateOnly? endDate, string directorUserId, DateTimeOffset at)
    {
        if (endDate is { } end && end < startDate)
        {
            throw new ArgumentOutOfRangeException(nameof(endDate), "A job cannot end before it starts.");
        }

        StartDate = startDate;
        EndDate = endDate;
        ConfirmByEmployer(directorUserId, at);
    }

    /// <summary>
    /// The employer ends a current job on the last day worked, which has happened (today at the
    /// latest) and is not before the start. An ended job is never reopened this way: the person adds
    /// it again as a new job, or edits their own entry (which then needs confirming again).
    /// </summary>
    public void EndByEmployer(DateOnly lastDay, DateOnly today, string directorUserId, DateTimeOffset at)
    {
        if (!IsCurrentOn(today))
        {
            throw new InvalidOperationException("Only a current job is ended by its employer.");
        }

        if (lastDay > today)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), "The last day worked cannot be in the future.");
        }

        CorrectByEmployer(StartDate, lastDay, directorUserId, at);
    }

    /// <summary>Registry staff match a job at an employer "not found" to a site on the licensing list.</summary>
    public void LinkToEmployer(int employerId)
    {
        EmployerId = employerId;
        UnlistedEmployer = null;
    }

    public void ConfirmByEmployer(string directorUserId, DateTimeOffset at)
    {
        ConfirmedByUserId = directorUserId;
        ConfirmedAt = at;
    }
}

/// <summary>
/// How much someone works: permits count experience as days of 3 or more hours, so the
/// schedule is kept as days a week and hours a day rather than hours a week alone.
/// </summary>
public sealed record EmploymentSchedule
{
    public EmploymentSchedule(decimal daysPerWeek, decimal hoursPerDay)
    {
        if (daysPerWeek is <= 0 or > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(daysPerWeek), "Days a week are between 1 and 7.");
        }

        if (hoursPerDay is <= 0 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(hoursPerDay), "Hours a day are between 0 and 24.");
        }

        DaysPerWeek = daysPerWeek;
        HoursPerDay = hoursPerDay;
    }

    public decimal DaysPerWeek { get; private init; }

    public decimal HoursPerDay { get; private init; }

    public decimal HoursPerWeek => DaysPerWeek * HoursPerDay;

    /// <summary>Whether a working day counts toward permit experience (3 or more hours).</summary>
    public bool CountsAsPermitExperienceDay => HoursPerDay >= 3m;
}
