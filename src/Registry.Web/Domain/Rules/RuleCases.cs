using System.Text.Json;

namespace Registry.Web.Domain.Rules;

/// <summary>
/// A state's own tests of its rules, written as data beside the rule files (<c>*.cases.json</c>):
/// each case gives hypothetical facts, a day, and which rules it expects met or not, and cites
/// the source line it was written from. <c>test-rules</c> runs them; the "Try the rules" page
/// evaluates one set of facts the same way. See docs/rules/README.md.
/// </summary>
public static class RuleCases
{
    public const string Suffix = ".cases.json";

    public sealed record CaseFile(IReadOnlyList<RuleCase> Cases);

    public sealed record RuleCase
    {
        public required string Name { get; init; }

        /// <summary>Where the expectation comes from: the regulation's section, the leaflet's line.</summary>
        public required string Source { get; init; }

        public required DateOnly AsOf { get; init; }

        /// <summary>The rating validation date of the person's site, for PD hours in a rating year.</summary>
        public DateOnly? ValidationDate { get; init; }

        public CaseFacts Facts { get; init; } = new();

        /// <summary>Rule id → whether it is met.</summary>
        public required IReadOnlyDictionary<string, bool> Expect { get; init; }
    }

    /// <summary>A person's record as the rules read it; every list may be left out.</summary>
    public sealed record CaseFacts
    {
        public IReadOnlyList<CourseFact> Courses { get; init; } = [];

        public IReadOnlyList<DegreeFact> Degrees { get; init; } = [];

        public IReadOnlyList<CredentialFact> Credentials { get; init; } = [];

        public IReadOnlyList<JobFact> Jobs { get; init; } = [];

        public IReadOnlyList<TrainingFact> Training { get; init; } = [];

        public IReadOnlyList<PermitApplicationFact> Applications { get; init; } = [];

        public Professionals.EducationLevel? ReportedEducation { get; init; }

        public Evidence ToEvidence() => new(Courses, Degrees, Credentials, Jobs, Training, ReportedEducation, Applications);
    }

    /// <summary>One expectation of one case, and what the engine answered.</summary>
    public sealed record Outcome(string File, RuleCase Case, string RuleId, bool Expected, RuleResult? Result)
    {
        public bool Passed => Result is not null && Result.Met == Expected;
    }

    /// <summary>Facts written as JSON (the "facts" of a case), or the problem with them and its line.</summary>
    public static CaseFacts ReadFacts(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CaseFacts>(json, RuleSetLoader.Options) ?? new CaseFacts();
        }
        catch (JsonException e)
        {
            throw new RuleFileException("facts", (e.LineNumber ?? 0) + 1, RuleSetLoader.Plain(e));
        }
    }

    /// <summary>A case as a case file holds it (for "Try the rules" to hand back).</summary>
    public static string WriteCase(RuleCase ruleCase) => JsonSerializer.Serialize(ruleCase, WriteOptions);

    /// <summary>Every case file in the folder (and below), read; a malformed file throws with its file and line.</summary>
    public static IReadOnlyList<(string File, CaseFile Cases)> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new RuleFileException(folder, null, "The folder does not exist.");
        }

        var files = Directory.EnumerateFiles(folder, "*" + Suffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new RuleFileException(folder, null, $"The folder has no case files (*{Suffix}).");
        }

        return files.Select(f =>
        {
            var name = Path.GetRelativePath(folder, f);
            var json = File.ReadAllText(f);
            try
            {
                var read = JsonSerializer.Deserialize<CaseFile>(json, RuleSetLoader.Options) ?? throw new RuleFileException(name, 1, "The file holds no cases.");
                return (name, read);
            }
            catch (JsonException e)
            {
                throw new RuleFileException(name, (e.LineNumber ?? 0) + 1, RuleSetLoader.Plain(e) + RuleSetLoader.Near(json, e.LineNumber));
            }
        }).ToList();
    }

    /// <summary>Runs every case against the book: one outcome per expectation (a rule not in force on the day has no result, and fails).</summary>
    public static IReadOnlyList<Outcome> Run(RuleBook book, IEnumerable<(string File, CaseFile Cases)> files)
    {
        var outcomes = new List<Outcome>();
        foreach (var (file, cases) in files)
        {
            foreach (var c in cases.Cases)
            {
                var evaluation = RuleEngine.Evaluate(book, c.Facts.ToEvidence(), c.AsOf, new EvaluationOptions(c.ValidationDate));
                outcomes.AddRange(c.Expect.Select(e => new Outcome(file, c, e.Key, e.Value, evaluation.Find(e.Key))));
            }
        }

        return outcomes;
    }

    private static readonly JsonSerializerOptions WriteOptions = new(RuleSetLoader.Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
