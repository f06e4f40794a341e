using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;

namespace Registry.Web.Domain.Rules;

/// <summary>
/// What the rules say of one person, worked out when their facts change and stored beside their
/// record (docs/decisions/0045-qualification-summaries.md): every rule's result (met, met on verified
/// facts only, and for a rule not met what its closest route still lacks), the lead teacher points
/// and Title 22 role, and the facts a roster shows. Rosters, the rater's and stipend views, their
/// CSVs and the census read it; one person's full explanation is still evaluated on demand.
/// It holds for the rule files it was worked out under (<see cref="RulesVersion"/>), the site
/// validation date it used, and until <see cref="RecomputeOn"/>, the first day a date window may
/// move the result (a permit expiring, training leaving the year, experience accruing).
/// </summary>
public sealed class QualificationSummary
{
    /// <summary>The track whose points rosters and the census show.</summary>
    public const string LeadTeacherTrack = "qcc-lead-teacher";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>How many parsed contents <see cref="Read"/> keeps: a content is about 7 KB of JSON, so some 30 MB with its parsed form.</summary>
    private const int ParsedKept = 1_024;

    private static readonly ConcurrentDictionary<string, Stored> Parsed = new(StringComparer.Ordinal);

    private QualificationSummary()
    {
        RulesVersion = string.Empty;
        Content = string.Empty;
    }

    public QualificationSummary(int professionalId)
        : this() => ProfessionalId = professionalId;

    public int ProfessionalId { get; private set; }

    /// <summary>The fingerprint of the rule files it was worked out under (<see cref="RuleBook.Fingerprint"/>).</summary>
    public string RulesVersion { get; private set; }

    public DateOnly EvaluatedOn { get; private set; }

    /// <summary>The rating validation date of the person's main site it used (their PD year).</summary>
    public DateOnly? ValidationDate { get; private set; }

    /// <summary>The first day the result may differ with no change to the facts.</summary>
    public DateOnly RecomputeOn { get; private set; }

    public int LeadTeacherPoints { get; private set; }

    public string? Title22Rule { get; private set; }

    /// <summary>The results and roster facts, as JSON (<see cref="Stored"/>).</summary>
    public string Content { get; private set; }

    /// <summary>Bumped at every write: a background rebuild never overwrites a fresher result.</summary>
    public int Revision { get; private set; }

    /// <summary>
    /// Whether it can stand for an evaluation on <paramref name="day"/> under the rule files in force, with the PD year
    /// <paramref name="validation"/> gives; with <paramref name="oldRulesWhileRebuilding"/>, also when worked out under
    /// earlier rule files (pages show the old result until the rebuild reaches the person).
    /// </summary>
    public bool HoldsOn(DateOnly day, string rulesVersion, DateOnly? validation, bool oldRulesWhileRebuilding = false) =>
        (RulesVersion == rulesVersion || oldRulesWhileRebuilding) && EvaluatedOn <= day && day < RecomputeOn && ValidationDate == validation;

    public void Record(string rulesVersion, DateOnly evaluatedOn, DateOnly? validation, DateOnly recomputeOn, Stored content)
    {
        ArgumentNullException.ThrowIfNull(content);
        RulesVersion = rulesVersion;
        EvaluatedOn = evaluatedOn;
        ValidationDate = validation;
        RecomputeOn = recomputeOn;
        LeadTeacherPoints = content.Results.Where(r => r.Met && r.Track == LeadTeacherTrack).Select(r => r.Level).DefaultIfEmpty(0).Max();
        Title22Rule = content.Results.Where(r => r.Met && r.Group == RuleGroup.Title22).MaxBy(r => r.Level)?.Rule;
        Content = JsonSerializer.Serialize(content, Json);
        Revision++;
    }

    /// <summary>
    /// The stored results, parsed. A roster reads the same people again at each visit, and parsing is most
    /// of what reading a summary costs: the parsed form of the last thousand or so contents is kept, by the
    /// content itself (never by person, so nothing outlives a change).
    /// </summary>
    public Stored Read()
    {
        if (Parsed.TryGetValue(Content, out var stored))
        {
            return stored;
        }

        stored = JsonSerializer.Deserialize<Stored>(Content, Json) ?? new Stored([], new RosterFacts());
        if (Parsed.Count >= ParsedKept)
        {
            Parsed.Clear();
        }

        Parsed.TryAdd(Content, stored);
        return stored;
    }

    /// <summary>Every rule's result, and what a roster shows of the person's facts.</summary>
    public sealed record Stored(IReadOnlyList<StoredResult> Results, RosterFacts Facts);

    /// <summary>One rule's result; for a rule not met, its closest route's missing requirements (near misses kept for the lead teacher track, which rosters explain).</summary>
    public sealed record StoredResult(string Rule, RuleGroup Group, string? Track, int Level, bool Met, bool MetOnVerified, int Route, IReadOnlyList<StoredGap>? Missing = null);

    public sealed record StoredGap(int Requirement, decimal Have, decimal Need, IReadOnlyList<string>? Lacking = null, DateOnly? From = null, DateOnly? To = null, IReadOnlyList<StoredMiss>? NotCounted = null);

    public sealed record StoredMiss(EvidenceKind Kind, string? Code, string? Text, decimal? Amount, bool Verified, NearMissReason Reason, string? Detail);

    /// <summary>The person's facts as a roster row shows them (the PD hours of a site's year are summed when read).</summary>
    public sealed record RosterFacts(
        CredentialType? Permit = null, DateOnly? PermitExpires = null, bool PermitVerified = false,
        decimal EceUnits = 0, decimal GeUnits = 0, bool UnitsVerified = false,
        DegreeLevel? Degree = null, string? DegreeMajor = null, bool DegreeVerified = false, int Completeness = 0);

    /// <summary>The stored form of an evaluation's results.</summary>
    public static IReadOnlyList<StoredResult> Store(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return evaluation.Results.Select(r =>
        {
            var route = r.Rule.Routes.ToList().IndexOf(r.Closest.Route);
            var explain = r.Rule.Track == LeadTeacherTrack;
            var missing = r.Met ? null : r.Closest.Requirements.Where(q => !q.Met).Select(q => new StoredGap(
                r.Closest.Route.Requirements.ToList().IndexOf(q.Requirement), q.Have, q.Need, q.Lacking.Count == 0 ? null : q.Lacking, q.WindowFrom, q.WindowTo,
                explain ? q.NotCounted.Select(m => new StoredMiss(m.Fact.Kind, m.Fact.Code, m.Fact.Text, m.Fact.Amount, m.Fact.Verified, m.Reason, m.Detail)).ToList() : null)).ToList();
            return new StoredResult(r.Rule.Id, r.Rule.Group, r.Rule.Track, r.Rule.Level, r.Met, r.MetOnVerified, route, missing);
        }).ToList();
    }

    /// <summary>
    /// A stored result as the pages read a result: the rule and route from the rule files in force,
    /// the closest route with what it lacks. None when the rule is no longer in force on the day
    /// (the files changed since, and the rebuild has not reached the person yet).
    /// </summary>
    public static RuleResult? Rehydrate(StoredResult stored, RuleBook book, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(book);
        if (!book.IndexFor(day).Rules.TryGetValue(stored.Rule, out var found) || stored.Route < 0 || stored.Route >= found.Rule.Routes.Count)
        {
            return null;
        }

        var route = found.Rule.Routes[stored.Route];
        var gaps = new List<RequirementResult>();
        foreach (var g in stored.Missing ?? [])
        {
            if (g.Requirement < 0 || g.Requirement >= route.Requirements.Count)
            {
                return null;
            }

            gaps.Add(new RequirementResult(route.Requirements[g.Requirement], false, false, g.Have, g.Need, [], g.Lacking ?? [], g.From, g.To)
            {
                NotCounted = (g.NotCounted ?? []).Select(m => new NearMiss(new EvidenceItem(m.Kind, m.Code, m.Text, m.Amount, m.Verified), m.Reason, m.Detail)).ToList(),
            });
        }

        var closest = new RouteResult(route, stored.Met, stored.MetOnVerified, gaps);
        return new RuleResult(found.Rule, found.Set, stored.Met, stored.MetOnVerified, stored.Met ? closest : null, closest, [closest]);
    }
}
