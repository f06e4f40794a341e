using System.Globalization;
using Microsoft.Extensions.Localization;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Rules;

namespace Registry.Web.Infrastructure.Rules;

/// <summary>
/// Puts the engine's results into words in the reader's language: what each requirement asks,
/// what the person has, which facts counted, and what is missing. English text is the
/// localizer's key, so the English wording here is what English readers see.
/// </summary>
public sealed class QualificationText(IStringLocalizer<SharedResource> t, RuleBook book)
{
    private static CultureInfo Culture => CultureInfo.CurrentUICulture;

    public string Language => Registry.Web.Infrastructure.Localization.Languages.Of(Culture);

    public string Name(LocalText text) => text.In(Language);

    /// <summary>What the requirement asks, on its own ("24 ECE/CD units").</summary>
    public string Asks(Requirement q) => q.Kind switch
    {
        RequirementKind.Units when q.Window is not null => t["{0} units {1}, completed {2}", N(q.Min!.Value), Area(q.Area!.Value), Window(q.Window.Value)],
        RequirementKind.Units => t["{0} units {1}", N(q.Min!.Value), Area(q.Area!.Value)],
        RequirementKind.EachCategory => t["A course in each of: {0}", List(q.Categories!.Select(Category))],
        RequirementKind.DistinctCourses => t["{0} different courses {1}", N(q.Min!.Value), Area(q.Area!.Value)],
        RequirementKind.Degree => Degree(q),
        RequirementKind.Experience => q.SupervisingAdults
            ? t["{0} days of {1} or more hours supervising adults, within {2} months", q.Days!.Value, N(q.MinHoursPerDay!.Value), q.WithinMonths!.Value]
            : t["{0} days of {1} or more hours, within {2} months", q.Days!.Value, N(q.MinHoursPerDay!.Value), q.WithinMonths!.Value],
        RequirementKind.YearsInRole when q.MonthsPerYear is { } months => t["{0} program years as: {1} (a program year is {2} months of work, read from the source)", N(q.Years!.Value), List(q.Roles!.Select(r => t["Role" + r].Value)), months],
        RequirementKind.YearsInRole => t["{0} years as: {1}", N(q.Years!.Value), List(q.Roles!.Select(r => t["Role" + r].Value))],
        RequirementKind.Credential when q.EarnedIn is { } place => t["{0}, earned in {1}", Credentials(q), Place(place)],
        RequirementKind.Credential when q.OrApplied => t["{0}, held or applied for in the last 12 months", Credentials(q)],
        RequirementKind.Credential => Credentials(q),
        RequirementKind.ProfessionalDevelopment => t["{0} hours of professional development {1}", N(q.Hours!.Value), Window(q.Window!.Value)],
        RequirementKind.RuleMet => q.Credentials is { Count: > 0 }
            ? t["Qualifies for: {0} (or holds: {1})", RuleName(q.Rule!), List(q.Credentials.Select(c => Credential(c.ToString())))]
            : t["Qualifies for: {0}", RuleName(q.Rule!)],
        RequirementKind.MonthsAtSite when q.AtEligibleSite => t["{0} months in your current job at the same eligible site", q.Months!.Value],
        RequirementKind.MonthsAtSite => t["{0} months in your current job at the same site", q.Months!.Value],
        RequirementKind.HoursPerWeek when q.AtEligibleSite => t["A current job at an eligible site of {0} or more hours a week", N(q.Min!.Value)],
        RequirementKind.HoursPerWeek => t["A current job of {0} or more hours a week", N(q.Min!.Value)],
        RequirementKind.WageCap => t["An hourly wage of at most {0}", q.Max!.Value.ToString("C", CultureInfo.GetCultureInfo("en-US"))],
        RequirementKind.EligibleSite => t["A current job at a site eligible for the program"],
        _ => q.Kind.ToString(),
    };

    /// <summary>What the person has toward it ("you have 18").</summary>
    public string Has(RequirementResult r) => r.Requirement.Kind switch
    {
        RequirementKind.Units when r.Requirement.Window is not null && r.Lacking.Contains("NoCurrentPermit") => t["no current Child Development Permit with an expiry date"],
        RequirementKind.Units when r.Requirement.Window is not null => t["you have {0} ({1} to {2})", N(r.Have), D(r.WindowFrom), D(r.WindowTo)],
        RequirementKind.Units => t["you have {0}", N(r.Have)],
        RequirementKind.DistinctCourses => t["you have {0}", N(r.Have)],
        RequirementKind.EachCategory => r.Met ? t["all there"] : t["missing: {0}", List(r.Lacking.Select(Category))],
        RequirementKind.Experience => t["you have {0} days ({1} to {2})", N(r.Have), D(r.WindowFrom), D(r.WindowTo)],
        RequirementKind.YearsInRole when r.Requirement.MonthsPerYear is { } months => t["you have {0} months", N(r.Have * months)],
        RequirementKind.YearsInRole => t["you have {0} years", N(r.Have)],
        RequirementKind.MonthsAtSite when r.Lacking.Contains("NotEligibleSite") => t["your site is not on the program's list of eligible sites"],
        RequirementKind.MonthsAtSite => t["you have {0} months", N(r.Have)],
        RequirementKind.HoursPerWeek => t["you work {0} hours a week", N(r.Have)],
        RequirementKind.WageCap when r.Lacking.Contains("NoWage") => t["add your hourly wage to your current job"],
        RequirementKind.WageCap => t["your wage is {0}", r.Have.ToString("C", CultureInfo.GetCultureInfo("en-US"))],
        RequirementKind.ProfessionalDevelopment when r.Lacking.Contains("NoCurrentPermit") => t["no current Child Development Permit with an expiry date"],
        RequirementKind.ProfessionalDevelopment => t["you have {0} hours ({1} to {2})", N(r.Have), D(r.WindowFrom), D(r.WindowTo)],
        RequirementKind.EligibleSite when r.Lacking.Contains("NotEligibleSite") => t["your site is not on the program's list of eligible sites"],
        _ => r.Met ? t["you have it"] : t["not yet"],
    };

    /// <summary>What is still missing for a requirement not met ("6 ECE/CD units", "a course in Child, family and community").</summary>
    public string Missing(RequirementResult r)
    {
        var q = r.Requirement;
        var gap = r.Need - r.Have;
        return q.Kind switch
        {
            RequirementKind.Units when q.Window is not null && r.Lacking.Contains("NoCurrentPermit") => t["a current Child Development Permit"],
            RequirementKind.Units when q.Window is not null => t["{0} units {1}, completed {2}", N(gap), Area(q.Area!.Value), Window(q.Window.Value)],
            RequirementKind.Units when gap == 1 => t["1 unit {0}", Area(q.Area!.Value)],
            RequirementKind.Units => t["{0} units {1}", N(gap), Area(q.Area!.Value)],
            RequirementKind.DistinctCourses when gap == 1 => t["1 more course {0}", Area(q.Area!.Value)],
            RequirementKind.DistinctCourses => t["{0} more courses {1}", N(gap), Area(q.Area!.Value)],
            RequirementKind.EachCategory => t["a course in {0}", List(r.Lacking.Select(Category))],
            RequirementKind.Experience when gap == 1 => q.SupervisingAdults ? t["1 day supervising adults"] : t["1 day of experience"],
            RequirementKind.Experience => q.SupervisingAdults
                ? t["{0} days supervising adults", N(gap)]
                : t["{0} days of experience", N(gap)],
            RequirementKind.YearsInRole when q.MonthsPerYear is { } months => t["{0} months as: {1}", N(Math.Ceiling(gap * months)), List(q.Roles!.Select(role => t["Role" + role].Value))],
            RequirementKind.YearsInRole => t["{0} years as: {1}", N(gap), List(q.Roles!.Select(role => t["Role" + role].Value))],
            RequirementKind.ProfessionalDevelopment when r.Lacking.Contains("NoCurrentPermit") => t["a current Child Development Permit"],
            RequirementKind.ProfessionalDevelopment => t["{0} hours of professional development", N(gap)],
            RequirementKind.MonthsAtSite when r.Lacking.Contains("NotEligibleSite") => t["{0} months at an eligible site (yours is not on the program's list)", N(gap)],
            RequirementKind.MonthsAtSite when q.AtEligibleSite && r.Have == 0 => t["{0} months at an eligible site", N(gap)],
            RequirementKind.MonthsAtSite => t["{0} more months at your site", N(gap)],
            RequirementKind.EligibleSite when r.Lacking.Contains("NoCurrentJob") => t["a current job at an eligible site"],
            RequirementKind.EligibleSite => t["a job at a site eligible for the program (yours is not on its list)"],
            RequirementKind.HoursPerWeek => t["{0} more hours a week", N(gap)],
            RequirementKind.WageCap when r.Lacking.Contains("NoWage") => t["your hourly wage, on your current job"],
            RequirementKind.WageCap => t["a wage at or under {0} an hour", q.Max!.Value.ToString("C", CultureInfo.GetCultureInfo("en-US"))],
            _ => Asks(q),
        };
    }

    public string Evidence(EvidenceItem item)
    {
        var text = item.Kind switch
        {
            EvidenceKind.Course => t["{0} ({1} units)", item.Text!, N(item.Amount!.Value)].Value,
            EvidenceKind.Degree => $"{t["Degree" + item.Code].Value}: {item.Text}",
            EvidenceKind.ReportedEducation => t["{0}, as you reported it", t["Level" + item.Code].Value].Value,
            EvidenceKind.Credential => Credential(item.Code!),
            EvidenceKind.PermitApplication => t["{0}, applied for on {1}", Credential(item.Code!), D(DateOnly.ParseExact(item.Text!, "yyyy-MM-dd", CultureInfo.InvariantCulture))].Value,
            EvidenceKind.Job when item.Amount is { } days => t["{0}: {1} days", item.Text!, N(days)].Value,
            EvidenceKind.Job => item.Text!,
            EvidenceKind.Training => t["{0} ({1} hours)", item.Text!, N(item.Amount!.Value)].Value,
            EvidenceKind.Rule => RuleName(item.Code!),
            _ => item.Text ?? string.Empty,
        };
        return $"{text} · {(item.Verified ? t["verified"] : t["self-reported"])}";
    }

    /// <summary>A fact that did not count toward the requirement, and why ("ECE 12 Child, Family and Community (3 units): grade C-, below C").</summary>
    public string NotCounted(NearMiss miss, RequirementResult result)
    {
        var why = miss.Reason switch
        {
            NearMissReason.GradeBelowC => t["grade {0}: only C or better counts", miss.Detail ?? string.Empty].Value,
            NearMissReason.NoPassingGrade when miss.Detail is { } grade => t["grade {0}: no passing grade yet", grade].Value,
            NearMissReason.NoPassingGrade => t["no grade yet (in progress, or none entered)"].Value,
            NearMissReason.OtherCategory => t["recorded as {0}, which this does not count", Category(miss.Detail!)].Value,
            NearMissReason.OutsideWindow when miss.Detail is { } on => t["on {0}, outside {1} to {2}", D(DateOnly.ParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture)), D(result.WindowFrom), D(result.WindowTo)].Value,
            NearMissReason.OutsideWindow => t["completed outside {0} to {1}", D(result.WindowFrom), D(result.WindowTo)].Value,
            NearMissReason.NoCompletionDate => t["no completion date: add the day it ended"].Value,
            NearMissReason.LevelTooLow => t["below the level asked for"].Value,
            NearMissReason.OtherField => result.Requirement.Field == DegreeField.EceOrRelated
                ? t["its major is not ECE/CD or a related field"].Value
                : t["its major is not ECE/CD"].Value,
            NearMissReason.NotYet => t["not yet on this day"].Value,
            NearMissReason.Expired => t["expired on {0}", D(DateOnly.ParseExact(miss.Detail!, "yyyy-MM-dd", CultureInfo.InvariantCulture))].Value,
            NearMissReason.EarnedElsewhere when string.IsNullOrEmpty(miss.Detail) => t["where it was earned is not recorded, and this route asks for one earned in {0}", Place(result.Requirement.EarnedIn)].Value,
            NearMissReason.EarnedElsewhere => t["earned in {0}, and this route asks for one earned in {1}", Place(miss.Detail), Place(result.Requirement.EarnedIn)].Value,
            NearMissReason.FewerHoursPerDay => t["{0} hours a day, fewer than {1}", N(decimal.Parse(miss.Detail!, CultureInfo.InvariantCulture)), N(result.Requirement.MinHoursPerDay ?? 0)].Value,
            NearMissReason.NotSupervisingAdults => t["not supervising adults"].Value,
            NearMissReason.OtherRole => t["a role this does not count"].Value,
            _ => miss.Reason.ToString(),
        };
        var fact = miss.Fact.Kind == EvidenceKind.Job ? $"{miss.Fact.Text} ({t["Role" + miss.Fact.Code].Value})" : Evidence(miss.Fact);
        return $"{fact}: {why}";
    }

    /// <summary>A state's or country's name from its code ("CA": California); the code itself when unknown.</summary>
    public string Place(string? code) => code is null ? "—" : Domain.Places.Name(code);

    /// <summary>The smallest set of what is missing for the rule, from its closest route.</summary>
    public string MissingSummary(RuleResult result) => List(result.Closest.Missing.Select(Missing), "; ");

    private string RuleName(string id) =>
        book.Sets.SelectMany(s => s.Rules).LastOrDefault(r => r.Id == id)?.Name is { } name ? Name(name) : id;

    private string Degree(Requirement q)
    {
        var level = q.MinLevel switch
        {
            DegreeLevel.HighSchoolDiploma => t["a high school diploma or higher"],
            DegreeLevel.Certificate => t["a certificate or higher"],
            DegreeLevel.Associate => t["an associate degree (AA) or higher"],
            DegreeLevel.Bachelor => t["a bachelor's degree (BA) or higher"],
            DegreeLevel.Master => t["a master's degree or higher"],
            _ => t["a doctorate"],
        };
        string asked = q.Field switch
        {
            DegreeField.Ece => t["{0} in ECE/CD", level.Value],
            DegreeField.EceOrRelated => t["{0} in ECE/CD or a related field", level.Value],
            _ => level,
        };
        return q.EarnedIn is { } place ? t["{0}, earned in {1}", asked, Place(place)] : asked;
    }

    private string Credentials(Requirement q) =>
        q.Credentials!.Count == 1 ? Credential(q.Credentials[0].ToString()) : t["One of: {0}", List(q.Credentials!.Select(c => Credential(c.ToString())))];

    private string Window(ProfessionalDevelopmentWindow window) => window switch
    {
        ProfessionalDevelopmentWindow.PermitCycle => t["in the permit's five-year cycle"],
        ProfessionalDevelopmentWindow.PastYear => t["in the last 12 months"],
        _ => t["in the rating year"],
    };

    private string Area(UnitArea area) => area switch
    {
        UnitArea.Ece => t["in ECE/CD"],
        UnitArea.Core => t["in the ECE core"],
        UnitArea.GeneralEducation => t["in general education"],
        UnitArea.Administration => t["in administration"],
        UnitArea.AdultSupervision => t["in adult supervision"],
        UnitArea.Specialization => t["in specialization"],
        UnitArea.InfantToddler => t["in infant/toddler care"],
        UnitArea.SchoolAge => t["in school-age care"],
        UnitArea.SupervisedFieldExperience => t["in supervised field experience"],
        _ => t["in any college subject"],
    };

    private string Category(CourseCategory category) => t["Category" + category];

    private string Category(string category) => t["Category" + category];

    private string Credential(string type) => t["Credential" + type];

    private static string List(IEnumerable<string> items, string separator = ", ") => string.Join(separator, items);

    private static string N(decimal value) => value.ToString("0.##", Culture);

    private static string D(DateOnly? day) => day?.ToString("d", Culture) ?? "—";
}
