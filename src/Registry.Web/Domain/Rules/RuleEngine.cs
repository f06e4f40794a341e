using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Professionals;

namespace Registry.Web.Domain.Rules;

public sealed record RequirementResult(
    Requirement Requirement,
    bool Met,
    bool MetOnVerified,
    decimal Have,
    decimal Need,
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<string> Lacking,
    DateOnly? WindowFrom = null,
    DateOnly? WindowTo = null)
{
    /// <summary>
    /// A rough estimate of the work still needed, in semester-unit equivalents (0 when met): how
    /// the closest route is chosen (see docs/decisions/0014-rules-as-data.md).
    /// </summary>
    public decimal Effort { get; init; }

    private IReadOnlyList<NearMiss>? _notCounted;
    private (RuleSet Set, Evidence Evidence, DateOnly AsOf)? _source;

    /// <summary>
    /// For a requirement not met: the facts it looked at that did not count, and why (at most
    /// <see cref="NearMiss.MaxListed"/>). Worked out when first read: a roster evaluates every rule
    /// for everyone and shows the near misses of one.
    /// </summary>
    public IReadOnlyList<NearMiss> NotCounted
    {
        get => _notCounted ??= _source is var (set, evidence, asOf) ? RuleEngine.NearMisses(set, Requirement, this, evidence, asOf) : [];
        init => _notCounted = value;
    }

    /// <summary>What the engine finds <see cref="NotCounted"/> from when it is first read (no delegate: a roster holds thousands of results).</summary>
    internal (RuleSet Set, Evidence Evidence, DateOnly AsOf) NearMissSource { init => _source = value; }
}

/// <summary>Why a fact on the record did not count toward a requirement.</summary>
public enum NearMissReason
{
    /// <summary>A course graded C- or lower (<see cref="NearMiss.Detail"/>: the grade).</summary>
    GradeBelowC,

    /// <summary>A course without a passing grade yet: in progress, incomplete, withdrawn, or none entered.</summary>
    NoPassingGrade,

    /// <summary>A course recorded in a category the requirement does not count (<see cref="NearMiss.Detail"/>: its category).</summary>
    OtherCategory,

    /// <summary>A course completed, or training attended, outside the requirement's window.</summary>
    OutsideWindow,

    /// <summary>A course with no completion date, where the requirement counts courses completed in a window.</summary>
    NoCompletionDate,

    /// <summary>A degree below the level the requirement asks for.</summary>
    LevelTooLow,

    /// <summary>A degree whose major is not in the field the requirement names.</summary>
    OtherField,

    /// <summary>A degree conferred, or a credential issued, after the day evaluated.</summary>
    NotYet,

    /// <summary>A credential that expired (<see cref="NearMiss.Detail"/>: the day, yyyy-MM-dd).</summary>
    Expired,

    /// <summary>A credential or degree earned outside the place the route asks for (<see cref="NearMiss.Detail"/>: where it was earned, or empty when not recorded).</summary>
    EarnedElsewhere,

    /// <summary>A job of fewer hours a day than the requirement counts (<see cref="NearMiss.Detail"/>: its hours a day).</summary>
    FewerHoursPerDay,

    /// <summary>A job without supervising adults, where the requirement counts days supervising adults.</summary>
    NotSupervisingAdults,

    /// <summary>A job in a role the requirement does not count.</summary>
    OtherRole,
}

/// <summary>A fact that did not count toward a requirement, and why.</summary>
public sealed record NearMiss(EvidenceItem Fact, NearMissReason Reason, string? Detail = null)
{
    /// <summary>How many are listed for one requirement (the record has them all).</summary>
    public const int MaxListed = 10;
}

public enum EvidenceKind
{
    Course,
    Degree,
    ReportedEducation,
    Credential,
    Job,
    Training,
    Rule,

    /// <summary>A permit applied for: its type as code, the day applied for as text (yyyy-MM-dd).</summary>
    PermitApplication,
}

/// <summary>
/// One fact a requirement counted: a course (its name, semester units), a degree (level as code,
/// major), a permit (type as code), a job (employer, days counted), training (title, hours) or
/// another rule met (its id). <see cref="Verified"/> tells the basis apart.
/// </summary>
public sealed record EvidenceItem(EvidenceKind Kind, string? Code, string? Text, decimal? Amount, bool Verified);

public sealed record RouteResult(Route Route, bool Met, bool MetOnVerified, IReadOnlyList<RequirementResult> Requirements)
{
    public IReadOnlyList<RequirementResult> Missing => Requirements.Where(r => !r.Met).ToList();
}

public sealed record RuleResult(Rule Rule, RuleSet Set, bool Met, bool MetOnVerified, RouteResult? MetBy, RouteResult Closest, IReadOnlyList<RouteResult> Routes)
{
    /// <summary>Met, but only because of facts nobody has verified yet.</summary>
    public bool RestsOnSelfReported => Met && !MetOnVerified;
}

/// <summary>Everything evaluated for one person on one day, with the rule set versions used.</summary>
public sealed record Evaluation(DateOnly AsOf, IReadOnlyList<RuleSet> Sets, IReadOnlyList<RuleResult> Results)
{
    public RuleResult? Find(string ruleId) => Results.FirstOrDefault(r => r.Rule.Id == ruleId);
}

/// <summary>Options a caller may know about the person's context: the rating validation date of the site they work at (see <see cref="RatingYear"/>).</summary>
public sealed record EvaluationOptions(DateOnly? ValidationDate = null);

/// <summary>
/// Evaluates every rule in force on a day against a person's evidence, twice: with everything
/// they reported, and with verified facts only, so a result can say when it rests on
/// self-reported facts. Pure and in memory: a roster loads the evidence of many people in a few
/// queries and evaluates each here.
/// </summary>
public static class RuleEngine
{
    /// <param name="only">Evaluate just these rules (and what they need), for a page that shows a few columns.</param>
    public static Evaluation Evaluate(RuleBook book, Evidence evidence, DateOnly asOf, EvaluationOptions? options = null, Func<Rule, bool>? only = null)
    {
        var (sets, rules) = book.IndexFor(asOf);
        var context = new Context(rules, asOf, options ?? new EvaluationOptions(), evidence, evidence.VerifiedOnly());
        var results = sets.SelectMany(s => s.Rules).Where(r => only is null || only(r)).Select(r => context.Result(r.Id)!).ToList();
        return new Evaluation(asOf, sets, results);
    }

    /// <summary>The facts an unmet requirement looked at and did not count (see <see cref="RequirementResult.NotCounted"/>).</summary>
    internal static List<NearMiss> NearMisses(RuleSet set, Requirement q, RequirementResult result, Evidence e, DateOnly asOf) =>
        Context.NearMisses(set, q, result, e, asOf);

    private sealed class Context(
        IReadOnlyDictionary<string, (RuleSet Set, Rule Rule)> rules,
        DateOnly asOf,
        EvaluationOptions options,
        Evidence all,
        Evidence verified)
    {
        private readonly Dictionary<string, RuleResult?> _results = new(StringComparer.Ordinal);

        public RuleResult? Result(string ruleId)
        {
            if (_results.TryGetValue(ruleId, out var known))
            {
                return known;
            }

            if (!rules.TryGetValue(ruleId, out var found))
            {
                return _results[ruleId] = null;
            }

            var routes = found.Rule.Routes.Select(route =>
            {
                var requirements = route.Requirements.Select(q =>
                {
                    // Every kind of requirement only gains from more facts: what is not met with all
                    // of them is not met with the verified ones.
                    var full = Check(found.Set, found.Rule, q, all, onlyVerified: false);
                    var metOnVerified = full.Met && (ReferenceEquals(all, verified) || Check(found.Set, found.Rule, q, verified, onlyVerified: true).Met);
                    return full.Met
                        ? full with { MetOnVerified = metOnVerified }
                        : full with { MetOnVerified = metOnVerified, Effort = Effort(full, all), NearMissSource = (found.Set, all, asOf) };
                }).ToList();
                return new RouteResult(route, requirements.All(r => r.Met), requirements.All(r => r.MetOnVerified), requirements);
            }).ToList();

            var metBy = routes.FirstOrDefault(r => r.MetOnVerified) ?? routes.FirstOrDefault(r => r.Met);
            var closest = metBy ?? routes.OrderBy(r => r.Requirements.Sum(q => q.Effort)).ThenBy(r => r.Missing.Count).First();
            var result = new RuleResult(found.Rule, found.Set, metBy is not null, routes.Any(r => r.MetOnVerified), metBy, closest, routes);
            return _results[ruleId] = result;
        }

        /// <summary>Semester-unit equivalents of what a requirement still needs; the weights are in decision 0014.</summary>
        private decimal Effort(RequirementResult r, Evidence e)
        {
            var gap = Math.Max(0, r.Need - r.Have);
            var q = r.Requirement;
            return q.Kind switch
            {
                RequirementKind.Units => gap,
                RequirementKind.EachCategory or RequirementKind.DistinctCourses => 3 * gap,
                RequirementKind.Degree => Math.Max(3, DegreeUnits(q.MinLevel!.Value) - UnitMath.ToSemesterUnits(e.Courses.Where(c => c.Counts).Sum(c => c.QuarterUnits))),
                RequirementKind.Experience => gap / 6,
                RequirementKind.YearsInRole => gap * 30,
                RequirementKind.Credential => q.Credentials!.Min(CredentialEffort),
                RequirementKind.ProfessionalDevelopment => Math.Max(1, gap / 15),
                RequirementKind.MonthsAtSite => gap,
                RequirementKind.HoursPerWeek => gap / 4,
                RequirementKind.WageCap or RequirementKind.EligibleSite => 100,
                RequirementKind.RuleMet => Math.Min(
                    Result(q.Rule!)?.Closest.Requirements.Sum(x => x.Effort) ?? 60,
                    q.Credentials is { Count: > 0 } held ? held.Min(CredentialEffort) : decimal.MaxValue),
                _ => 60,
            };
        }

        private static decimal DegreeUnits(DegreeLevel level) => level switch
        {
            DegreeLevel.HighSchoolDiploma => 30,
            DegreeLevel.Certificate => 16,
            DegreeLevel.Associate => 60,
            DegreeLevel.Bachelor => 120,
            DegreeLevel.Master => 150,
            _ => 200,
        };

        private static decimal CredentialEffort(CredentialType type) => type switch
        {
            CredentialType.PediatricCprAndFirstAid => 1,
            CredentialType.ChildDevelopmentAssociateCredential or CredentialType.HeroProgram => 12,
            >= CredentialType.ChildDevelopmentAssistantPermit and <= CredentialType.ChildDevelopmentProgramDirectorPermit => 6,
            _ => 150,
        };

        /// <summary>The facts an unmet requirement looked at and did not count, each with its reason: what the person would otherwise have to find on another page.</summary>
        internal static List<NearMiss> NearMisses(RuleSet set, Requirement q, RequirementResult result, Evidence e, DateOnly asOf)
        {
            var misses = new List<NearMiss>();
            switch (q.Kind)
            {
                case RequirementKind.Units or RequirementKind.DistinctCourses:
                    var area = q.Area!.Value;
                    misses.AddRange(e.Courses.Where(c => !c.Counts && InArea(area, c.Category)).Select(GradeMiss));
                    if (q.Window is not null && result.WindowFrom is { } from && result.WindowTo is { } to)
                    {
                        misses.AddRange(e.Courses.Where(c => c.Counts && InArea(area, c.Category) && (c.CompletedOn is not { } done || done < from || done > to || done > asOf))
                            .Select(c => new NearMiss(Item(c), c.CompletedOn is null ? NearMissReason.NoCompletionDate : NearMissReason.OutsideWindow)));
                    }

                    misses.AddRange(OtherCategory(e, c => InArea(area, c), SameFamily(area)));
                    break;
                case RequirementKind.EachCategory:
                    var lacking = q.Categories!.Where(c => result.Lacking.Contains(CategoryNames[c])).ToHashSet();
                    misses.AddRange(e.Courses.Where(c => !c.Counts && lacking.Contains(c.Category)).Select(GradeMiss));
                    misses.AddRange(OtherCategory(e, q.Categories!.Contains, q.Categories!.All(UnitTotals.EceCategories.Contains) ? UnitTotals.EceCategories.Contains : UnitTotals.GeneralEducationCategories.Contains));
                    break;
                case RequirementKind.Degree:
                    foreach (var d in e.Degrees)
                    {
                        NearMissReason? reason = d.Level < q.MinLevel!.Value ? NearMissReason.LevelTooLow
                            : d.ConferredOn is { } conferred && conferred > asOf ? NearMissReason.NotYet
                            : !FieldMatchesUncached(set, q.Field!.Value, d.Major) ? NearMissReason.OtherField
                            : q.EarnedIn is not null && d.EarnedIn != q.EarnedIn ? NearMissReason.EarnedElsewhere
                            : null;
                        if (reason is { } r)
                        {
                            misses.Add(new NearMiss(new EvidenceItem(EvidenceKind.Degree, d.Level.ToString(), d.Major, null, d.Verified), r, r == NearMissReason.EarnedElsewhere ? d.EarnedIn ?? string.Empty : null));
                        }
                    }

                    break;
                case RequirementKind.Credential or RequirementKind.RuleMet when q.Credentials is { Count: > 0 } types:
                    foreach (var c in e.Credentials.Where(c => types.Contains(c.Type) && (!c.IsCurrentOn(asOf) || (q.Kind == RequirementKind.Credential && q.EarnedIn is not null && c.EarnedIn != q.EarnedIn))))
                    {
                        var item = new EvidenceItem(EvidenceKind.Credential, c.Type.ToString(), null, null, c.Verified);
                        misses.Add(c.IssuedOn > asOf ? new NearMiss(item, NearMissReason.NotYet)
                            : !c.IsCurrentOn(asOf) ? new NearMiss(item, NearMissReason.Expired, c.ExpiresOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                            : new NearMiss(item, NearMissReason.EarnedElsewhere, c.EarnedIn ?? string.Empty));
                    }

                    break;
                case RequirementKind.ProfessionalDevelopment when result.WindowFrom is { } first && result.WindowTo is { } last:
                    misses.AddRange(e.Training.Where(t => t.On < first || t.On > last || t.On > asOf).OrderByDescending(t => t.On)
                        .Select(t => new NearMiss(new EvidenceItem(EvidenceKind.Training, null, t.Title, t.Hours, t.Verified), NearMissReason.OutsideWindow, t.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
                    break;
                case RequirementKind.Experience:
                    foreach (var j in e.Jobs.Where(j => j.Start <= asOf))
                    {
                        var item = new EvidenceItem(EvidenceKind.Job, j.Role.ToString(), j.Employer, null, j.Verified);
                        if (j.HoursPerDay < q.MinHoursPerDay!.Value)
                        {
                            misses.Add(new NearMiss(item, NearMissReason.FewerHoursPerDay, j.HoursPerDay.ToString("0.##", CultureInfo.InvariantCulture)));
                        }
                        else if (q.SupervisingAdults && !j.SupervisesAdults)
                        {
                            misses.Add(new NearMiss(item, NearMissReason.NotSupervisingAdults));
                        }
                    }

                    break;
                case RequirementKind.YearsInRole:
                    misses.AddRange(e.Jobs.Where(j => !q.Roles!.Contains(j.Role) && j.Start <= asOf)
                        .Select(j => new NearMiss(new EvidenceItem(EvidenceKind.Job, j.Role.ToString(), j.Employer, null, j.Verified), NearMissReason.OtherRole)));
                    break;
            }

            return misses.Count > NearMiss.MaxListed ? misses.GetRange(0, NearMiss.MaxListed) : misses;
        }

        private static NearMiss GradeMiss(CourseFact c) => c.Exclusion == CourseExclusion.GradeBelowC
            ? new NearMiss(Item(c), NearMissReason.GradeBelowC, c.Grade?.Trim().ToUpperInvariant())
            : new NearMiss(Item(c), NearMissReason.NoPassingGrade, string.IsNullOrWhiteSpace(c.Grade) ? null : c.Grade.Trim());

        /// <summary>Counted courses of the same family (ECE, or general education) recorded in a category the requirement does not count.</summary>
        private static IEnumerable<NearMiss> OtherCategory(Evidence e, Func<CourseCategory, bool> counts, Func<CourseCategory, bool> family) =>
            e.Courses.Where(c => c.Counts && !counts(c.Category) && family(c.Category)).Select(c => new NearMiss(Item(c), NearMissReason.OtherCategory, CategoryNames[c.Category]));

        /// <summary>The courses a misfiled course could belong with: none for a whole family (ECE, general education, any college subject).</summary>
        private static Func<CourseCategory, bool> SameFamily(UnitArea area) => area switch
        {
            UnitArea.Ece or UnitArea.GeneralEducation or UnitArea.AllCollege => _ => false,
            _ => UnitTotals.EceCategories.Contains,
        };

        private bool IsMet(string ruleId, bool onlyVerified)
        {
            var result = Result(ruleId);
            return result is not null && (onlyVerified ? result.MetOnVerified : result.Met);
        }

        private RequirementResult Check(RuleSet set, Rule rule, Requirement q, Evidence e, bool onlyVerified) => q.Kind switch
        {
            RequirementKind.Units when q.Window is not null => UnitsInWindow(q, e),
            RequirementKind.Units => Units(q, e),
            RequirementKind.EachCategory => EachCategory(q, e),
            RequirementKind.DistinctCourses => DistinctCourses(q, e),
            RequirementKind.Degree => Degree(set, q, e),
            RequirementKind.Experience => Experience(q, e),
            RequirementKind.YearsInRole => YearsInRole(q, e),
            RequirementKind.Credential => Credential(q, e),
            RequirementKind.ProfessionalDevelopment => ProfessionalDevelopment(q, e),
            RequirementKind.RuleMet => RuleMet(q, e, onlyVerified),
            RequirementKind.MonthsAtSite => MonthsAtSite(q, e, rule),
            RequirementKind.HoursPerWeek => HoursPerWeek(q, e, rule),
            RequirementKind.WageCap => WageCap(q, e, rule),
            RequirementKind.EligibleSite => EligibleSite(q, e, rule),
            _ => throw new InvalidOperationException($"Unknown requirement kind {q.Kind}."),
        };

        private readonly Dictionary<(Evidence, UnitArea), (decimal QuarterUnits, List<EvidenceItem> Courses)> _areas = new(new EvidenceKeyComparer<UnitArea>());

        /// <summary>The counted courses in an area and their exact quarter-unit total, worked out once per area (many rules ask the same).</summary>
        private (decimal QuarterUnits, List<EvidenceItem> Courses) InArea(Evidence e, UnitArea area)
        {
            if (!_areas.TryGetValue((e, area), out var found))
            {
                var courses = e.Courses.Where(c => c.Counts && InArea(area, c.Category)).ToList();
                found = (courses.Sum(c => c.QuarterUnits), courses.Select(Item).ToList());
                _areas[(e, area)] = found;
            }

            return found;
        }

        /// <summary>Decided on the exact quarter-unit total; the semester units shown are converted once, from it.</summary>
        private RequirementResult Units(Requirement q, Evidence e)
        {
            var (quarterUnits, courses) = InArea(e, q.Area!.Value);
            return new(q, UnitMath.Reaches(quarterUnits, q.Min!.Value), false, UnitMath.ToSemesterUnits(quarterUnits), q.Min.Value, courses, []);
        }

        /// <summary>Units in an area from courses completed within the requirement's window (a course without a completion date does not count).</summary>
        private RequirementResult UnitsInWindow(Requirement q, Evidence e)
        {
            if (Window(q, e) is not { } window)
            {
                return new(q, false, false, 0, q.Min!.Value, [], ["NoCurrentPermit"]);
            }

            var courses = e.Courses.Where(c => c.Counts && InArea(q.Area!.Value, c.Category) && c.CompletedOn is { } done && done >= window.From && done <= window.To && done <= asOf).ToList();
            var quarterUnits = courses.Sum(c => c.QuarterUnits);
            return new(q, UnitMath.Reaches(quarterUnits, q.Min!.Value), false, UnitMath.ToSemesterUnits(quarterUnits), q.Min.Value, courses.Select(Item).ToList(), [], window.From, window.To);
        }

        /// <summary>The days a window covers; none for a permit cycle when no current permit has an expiry.</summary>
        private (DateOnly From, DateOnly To)? Window(Requirement q, Evidence e)
        {
            switch (q.Window)
            {
                case ProfessionalDevelopmentWindow.PermitCycle:
                    var permit = e.Credentials.Where(c => IsChildDevelopmentPermit(c.Type) && c.IsCurrentOn(asOf) && c.ExpiresOn is not null).MaxBy(c => c.ExpiresOn);
                    return permit is null ? null : (permit.ExpiresOn!.Value.AddYears(-5).AddDays(1), permit.ExpiresOn.Value);
                case ProfessionalDevelopmentWindow.PastYear:
                    return (asOf.AddYears(-1).AddDays(1), asOf);
                default:
                    return RatingYear.For(options.ValidationDate, asOf);
            }
        }

        private RequirementResult DistinctCourses(Requirement q, Evidence e)
        {
            var (_, courses) = InArea(e, q.Area!.Value);
            return new(q, courses.Count >= q.Min!.Value, false, courses.Count, q.Min.Value, courses, []);
        }

        private readonly Dictionary<Evidence, HashSet<CourseCategory>> _categories = new(ReferenceEqualityComparer.Instance);

        private RequirementResult EachCategory(Requirement q, Evidence e)
        {
            if (!_categories.TryGetValue(e, out var counted))
            {
                counted = e.Courses.Where(c => c.Counts).Select(c => c.Category).ToHashSet();
                _categories[e] = counted;
            }

            var lacking = q.Categories!.Where(category => !counted.Contains(category)).Select(c => CategoryNames[c]).ToList();
            var covering = e.Courses.Where(c => c.Counts && q.Categories!.Contains(c.Category)).Select(Item).ToList();
            return new(q, lacking.Count == 0, false, q.Categories!.Count - lacking.Count, q.Categories!.Count, covering, lacking);
        }

        private RequirementResult Degree(RuleSet set, Requirement q, Evidence e)
        {
            var degrees = e.Degrees
                .Where(d => d.Level >= q.MinLevel!.Value && (d.ConferredOn is null || d.ConferredOn <= asOf) && FieldMatches(set, q.Field!.Value, d.Major) && (q.EarnedIn is null || d.EarnedIn == q.EarnedIn))
                .Select(d => new EvidenceItem(EvidenceKind.Degree, d.Level.ToString(), d.Major, null, d.Verified))
                .ToList();
            if (degrees.Count == 0 && q.Field == DegreeField.Any && q.EarnedIn is null && ReportedLevel(e.ReportedEducationLevel) is { } reported && reported >= q.MinLevel)
            {
                degrees.Add(new EvidenceItem(EvidenceKind.ReportedEducation, e.ReportedEducationLevel.ToString(), null, null, false));
            }

            return new(q, degrees.Count > 0, false, degrees.Count > 0 ? 1 : 0, 1, degrees, []);
        }

        private readonly Dictionary<(Evidence, (decimal, int, bool)), RequirementResult> _experience = new(new EvidenceKeyComparer<(decimal, int, bool)>());

        private RequirementResult Experience(Requirement q, Evidence e)
        {
            var key = (e, (q.MinHoursPerDay!.Value, q.WithinMonths!.Value, q.SupervisingAdults));
            if (_experience.TryGetValue(key, out var known))
            {
                return known with { Requirement = q, Need = q.Days!.Value, Met = known.Have >= q.Days.Value };
            }

            var result = CountExperience(q, e);
            _experience[key] = result;
            return result;
        }

        private RequirementResult CountExperience(Requirement q, Evidence e)
        {
            var jobs = e.Jobs.Where(j => j.HoursPerDay >= q.MinHoursPerDay!.Value && (!q.SupervisingAdults || j.SupervisesAdults) && j.Start <= asOf)
                .Select(j => (Job: j, From: j.Start, To: Min(j.End ?? asOf, asOf)))
                .Where(j => j.To >= j.From)
                .ToList();
            var months = q.WithinMonths!.Value;

            // The best window of that length ends at a day where some job starts or stops counting.
            var ends = new HashSet<DateOnly> { asOf };
            foreach (var (_, from, to) in jobs)
            {
                ends.UnionWith(new[] { to, from.AddMonths(months).AddDays(-1), to.AddMonths(months) }.Where(d => d <= asOf && d >= from));
            }

            var best = (Days: 0m, From: asOf.AddMonths(-months).AddDays(1), To: asOf, Jobs: new List<EvidenceItem>());
            foreach (var end in ends)
            {
                var start = end.AddMonths(-months).AddDays(1);
                var parts = jobs.Select(j => (j.Job, Days: Overlap(j.From, j.To, start, end) * j.Job.DaysPerWeek / 7m)).Where(p => p.Days > 0).ToList();
                var total = Math.Floor(parts.Sum(p => p.Days));
                if (total > best.Days)
                {
                    best = (total, start, end, parts.Select(p => new EvidenceItem(EvidenceKind.Job, p.Job.Role.ToString(), p.Job.Employer, Math.Floor(p.Days), p.Job.Verified)).ToList());
                }
            }

            return new(q, best.Days >= q.Days!.Value, false, best.Days, q.Days.Value, best.Jobs, [], best.From, best.To);
        }

        /// <summary>
        /// Time in the roles, in whole calendar months of the periods worked (overlapping jobs count
        /// once), and years as months over the requirement's months to a year: no 365.25-day year,
        /// and a program year of a school-year program is its own 9 or 10 months.
        /// </summary>
        private RequirementResult YearsInRole(Requirement q, Evidence e)
        {
            var spans = e.Jobs.Where(j => q.Roles!.Contains(j.Role) && j.Start <= asOf)
                .Select(j => (j.Start, End: Min(j.End ?? asOf, asOf), Job: j)).OrderBy(s => s.Start).ToList();
            var months = 0;
            DateOnly? from = null, to = null;
            foreach (var (start, end, _) in spans)
            {
                if (from is null)
                {
                    (from, to) = (start, end);
                }
                else if (start <= to!.Value.AddDays(1))
                {
                    to = end > to ? end : to;
                }
                else
                {
                    months += WholeMonths(from.Value, to.Value);
                    (from, to) = (start, end);
                }
            }

            if (from is not null)
            {
                months += WholeMonths(from.Value, to!.Value);
            }

            var perYear = q.MonthsPerYear ?? 12;
            var met = months >= q.Years!.Value * perYear;
            return new(q, met, false, (decimal)months / perYear, q.Years.Value, spans.Select(s => new EvidenceItem(EvidenceKind.Job, s.Job.Role.ToString(), s.Job.Employer, null, s.Job.Verified)).Distinct().ToList(), []);
        }

        /// <summary>Whole calendar months from the first day to the last, both worked (1 Sep to 31 May: 9).</summary>
        private static int WholeMonths(DateOnly first, DateOnly last)
        {
            var after = last.AddDays(1);
            var months = (after.Year - first.Year) * 12 + after.Month - first.Month;
            return Math.Max(0, after.Day < first.Day ? months - 1 : months);
        }

        private RequirementResult Credential(Requirement q, Evidence e)
        {
            var held = e.Credentials.Where(c => q.Credentials!.Contains(c.Type) && c.IsCurrentOn(asOf) && (q.EarnedIn is null || c.EarnedIn == q.EarnedIn)).Select(c => new EvidenceItem(EvidenceKind.Credential, c.Type.ToString(), null, null, c.Verified)).Distinct().ToList();
            if (held.Count == 0 && q.OrApplied && e.Applications is { } applications)
            {
                // An application counts for a year from the day it was made (see docs/rules/california.md).
                held = applications.Where(a => q.Credentials!.Contains(a.Type) && a.AppliedOn <= asOf && a.AppliedOn > asOf.AddYears(-1))
                    .Select(a => new EvidenceItem(EvidenceKind.PermitApplication, a.Type.ToString(), a.AppliedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, false)).ToList();
            }

            return new(q, held.Count > 0, false, held.Count > 0 ? 1 : 0, 1, held, held.Count > 0 ? [] : q.Credentials!.Select(c => c.ToString()).ToList());
        }

        private RequirementResult ProfessionalDevelopment(Requirement q, Evidence e)
        {
            if (Window(q, e) is not var (from, to))
            {
                return new(q, false, false, 0, q.Hours!.Value, [], ["NoCurrentPermit"]);
            }

            var training = e.Training.Where(t => t.On >= from && t.On <= to && t.On <= asOf).ToList();
            var hours = training.Sum(t => t.Hours);
            return new(q, hours >= q.Hours!.Value, false, hours, q.Hours.Value, training.Select(t => new EvidenceItem(EvidenceKind.Training, null, t.Title, t.Hours, t.Verified)).ToList(), [], from, to);
        }

        private RequirementResult RuleMet(Requirement q, Evidence e, bool onlyVerified)
        {
            var held = e.Credentials.Where(c => q.Credentials?.Contains(c.Type) == true && c.IsCurrentOn(asOf))
                .Select(c => new EvidenceItem(EvidenceKind.Credential, c.Type.ToString(), null, null, c.Verified)).ToList();
            var met = IsMet(q.Rule!, onlyVerified);
            List<EvidenceItem> evidence = met ? [new EvidenceItem(EvidenceKind.Rule, q.Rule, null, null, Result(q.Rule!)!.MetOnVerified)] : held;
            return new(q, met || held.Count > 0, false, met || held.Count > 0 ? 1 : 0, 1, evidence, met || held.Count > 0 ? [] : [q.Rule!]);
        }

        private IEnumerable<JobFact> CurrentJobs(Evidence e) => e.Jobs.Where(j => j.Start <= asOf && (j.End is null || j.End >= asOf));

        /// <summary>
        /// Current jobs; with atEligibleSite, those at sites eligible for the rule's program when the
        /// person has one (months at the site ask for one strictly: that requirement carries the site's
        /// eligibility, so a person at an ineligible site misses one rule, not every rule about the job).
        /// </summary>
        private IEnumerable<JobFact> CurrentJobs(Evidence e, Requirement q, Rule rule, bool strict = false)
        {
            var current = CurrentJobs(e);
            if (!q.AtEligibleSite)
            {
                return current;
            }

            var eligible = current.Where(j => IsEligible(j, rule)).ToList();
            return eligible.Count > 0 || strict ? eligible : current;
        }

        private static bool IsEligible(JobFact job, Rule rule) => job.EligibleFor?.Contains(rule.Id) == true;

        private RequirementResult EligibleSite(Requirement q, Evidence e, Rule rule)
        {
            var jobs = CurrentJobs(e).ToList();
            var eligible = jobs.Where(j => IsEligible(j, rule)).ToList();
            return new(q, eligible.Count > 0, false, eligible.Count > 0 ? 1 : 0, 1,
                eligible.Select(j => new EvidenceItem(EvidenceKind.Job, j.Role.ToString(), j.Employer, null, j.Verified)).ToList(),
                eligible.Count > 0 ? [] : [jobs.Count == 0 ? "NoCurrentJob" : "NotEligibleSite"]);
        }

        /// <summary>The longest current stay at one site: consecutive jobs there (a role change is a new row) count together.</summary>
        private RequirementResult MonthsAtSite(Requirement q, Evidence e, Rule rule)
        {
            var best = CurrentJobs(e, q, rule, strict: true).Select(current =>
            {
                var start = current.Start;
                foreach (var earlier in e.Jobs.Where(j => j.Employer == current.Employer && j.End is not null).OrderByDescending(j => j.End))
                {
                    if (earlier.End!.Value >= start.AddDays(-1) && earlier.Start < start)
                    {
                        start = earlier.Start;
                    }
                }

                var months = (asOf.Year - start.Year) * 12 + asOf.Month - start.Month - (asOf.Day < start.Day ? 1 : 0);
                return (Job: current, Months: Math.Max(0, months));
            }).OrderByDescending(x => x.Months).FirstOrDefault();
            var lacking = best.Job is null && q.AtEligibleSite && CurrentJobs(e).Any() ? new List<string> { "NotEligibleSite" } : [];
            return new(q, best.Job is not null && best.Months >= q.Months!.Value, false, best.Job is null ? 0 : best.Months, q.Months!.Value,
                best.Job is null ? [] : [new EvidenceItem(EvidenceKind.Job, best.Job.Role.ToString(), best.Job.Employer, best.Months, best.Job.Verified)], lacking);
        }

        private RequirementResult HoursPerWeek(Requirement q, Evidence e, Rule rule)
        {
            var best = CurrentJobs(e, q, rule).MaxBy(j => j.DaysPerWeek * j.HoursPerDay);
            var hours = best is null ? 0 : best.DaysPerWeek * best.HoursPerDay;
            return new(q, hours >= q.Min!.Value, false, hours, q.Min.Value,
                best is null ? [] : [new EvidenceItem(EvidenceKind.Job, best.Role.ToString(), best.Employer, null, best.Verified)], []);
        }

        private RequirementResult WageCap(Requirement q, Evidence e, Rule rule)
        {
            var wage = CurrentJobs(e, q, rule).Where(j => j.HourlyWage is not null).Select(j => j.HourlyWage!.Value).DefaultIfEmpty(-1).Max();
            var lacking = wage < 0 ? new List<string> { "NoWage" } : [];
            return new(q, wage >= 0 && wage <= q.Max!.Value, false, Math.Max(0, wage), q.Max!.Value, [], lacking);
        }

        private static bool InArea(UnitArea area, CourseCategory category) => area switch
        {
            UnitArea.Ece => UnitTotals.EceCategories.Contains(category),
            UnitArea.Core => UnitTotals.CoreCategories.Contains(category),
            UnitArea.GeneralEducation => UnitTotals.GeneralEducationCategories.Contains(category),
            UnitArea.Administration => category == CourseCategory.Administration,
            UnitArea.AdultSupervision => category == CourseCategory.AdultSupervision,
            UnitArea.Specialization => category == CourseCategory.Specialization,
            UnitArea.InfantToddler => category == CourseCategory.InfantToddler,
            UnitArea.SchoolAge => category == CourseCategory.SchoolAge,
            UnitArea.SupervisedFieldExperience => category == CourseCategory.SupervisedFieldExperience,
            UnitArea.AllCollege => true,
            _ => false,
        };

        private static readonly ConditionalWeakTable<DegreeFieldWords, string[][]> FoldedWords = new();

        private readonly Dictionary<(string, DegreeField, DegreeFieldWords), bool> _fields = [];

        private static bool FieldMatchesUncached(RuleSet set, DegreeField field, string major)
        {
            if (field == DegreeField.Any)
            {
                return true;
            }

            var words = set.DegreeFields!;
            var folded = FoldedWords.GetValue(words, w => [w.Ece.Select(Fold).ToArray(), w.Related.Select(Fold).ToArray()]);
            var text = Fold(major);
            return folded[0].Any(w => text.Contains(w, StringComparison.Ordinal))
                || (field == DegreeField.EceOrRelated && folded[1].Any(w => text.Contains(w, StringComparison.Ordinal)));
        }

        private bool FieldMatches(RuleSet set, DegreeField field, string major)
        {
            if (field == DegreeField.Any)
            {
                return true;
            }

            var key = (major, field, set.DegreeFields!);
            if (!_fields.TryGetValue(key, out var matches))
            {
                _fields[key] = matches = FieldMatchesUncached(set, field, major);
            }

            return matches;
        }

        private static DegreeLevel? ReportedLevel(EducationLevel? level) => level switch
        {
            EducationLevel.HighSchoolOrGed or EducationLevel.SomeCollege => DegreeLevel.HighSchoolDiploma,
            EducationLevel.Certificate => DegreeLevel.Certificate,
            EducationLevel.Associate => DegreeLevel.Associate,
            EducationLevel.Bachelor => DegreeLevel.Bachelor,
            EducationLevel.Master => DegreeLevel.Master,
            EducationLevel.Doctorate => DegreeLevel.Doctorate,
            _ => null,
        };

        private static bool IsChildDevelopmentPermit(CredentialType type) =>
            type is >= CredentialType.ChildDevelopmentAssistantPermit and <= CredentialType.ChildDevelopmentProgramDirectorPermit;

        private static readonly Dictionary<CourseCategory, string> CategoryNames = Enum.GetValues<CourseCategory>().ToDictionary(c => c, c => c.ToString());

        private static EvidenceItem Item(CourseFact c) => new(EvidenceKind.Course, CategoryNames[c.Category], c.Name, c.SemesterUnits, c.Verified);

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

        private static int Overlap(DateOnly from, DateOnly to, DateOnly windowFrom, DateOnly windowTo)
        {
            var start = from > windowFrom ? from : windowFrom;
            var end = to < windowTo ? to : windowTo;
            return end < start ? 0 : end.DayNumber - start.DayNumber + 1;
        }

        private static string Fold(string text)
        {
            var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
            var kept = decomposed.Where(ch => CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark);
            return string.Concat(kept);
        }
    }
}

/// <summary>Keys on the evidence object itself (not its value) plus a part, for per-evaluation caches.</summary>
internal sealed class EvidenceKeyComparer<T> : IEqualityComparer<(Evidence, T)>
{
    public bool Equals((Evidence, T) x, (Evidence, T) y) => ReferenceEquals(x.Item1, y.Item1) && EqualityComparer<T>.Default.Equals(x.Item2, y.Item2);

    public int GetHashCode((Evidence, T) obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Item1), obj.Item2);
}
