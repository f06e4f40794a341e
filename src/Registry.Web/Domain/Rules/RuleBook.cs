namespace Registry.Web.Domain.Rules;

/// <summary>Every loaded rule set, all versions; answers which versions are in force on a day.</summary>
public sealed class RuleBook(IReadOnlyList<RuleSet> sets)
{
    public IReadOnlyList<RuleSet> Sets { get; } = sets;

    /// <summary>
    /// Names these exact rule files (a hash of their names and text, from <see cref="RuleSetLoader"/>; of the
    /// sets' ids and versions otherwise): stored qualification summaries worked out under other files are rebuilt.
    /// </summary>
    public string Fingerprint { get; init; } = Hash(string.Join("\n", sets.Select(s => $"{s.Id} {s.Version} {s.EffectiveFrom:O} {s.EffectiveTo:O}")));

    public static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];

    /// <summary>For each set, the version in force on the day (a set not yet or no longer in force is left out).</summary>
    public IReadOnlyList<RuleSet> InForceOn(DateOnly day) =>
        Sets.Where(s => s.IsInForceOn(day)).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<DateOnly, (IReadOnlyList<RuleSet>, IReadOnlyDictionary<string, (RuleSet Set, Rule Rule)>)> _index = new();

    /// <summary>The sets in force on a day and their rules by id, worked out once per day asked.</summary>
    public (IReadOnlyList<RuleSet> Sets, IReadOnlyDictionary<string, (RuleSet Set, Rule Rule)> Rules) IndexFor(DateOnly day) =>
        _index.GetOrAdd(day, d =>
        {
            var sets = InForceOn(d);
            return (sets, sets.SelectMany(s => s.Rules.Select(r => (Set: s, Rule: r))).ToDictionary(x => x.Rule.Id, StringComparer.Ordinal));
        });

    /// <summary>Whether <paramref name="ruleId"/> needs <paramref name="otherId"/>, directly or through other rules (any version).</summary>
    public bool DependsOn(string ruleId, string otherId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Needs(ruleId));
        while (pending.TryPop(out var next))
        {
            if (next == otherId)
            {
                return true;
            }

            if (seen.Add(next))
            {
                foreach (var needed in Needs(next))
                {
                    pending.Push(needed);
                }
            }
        }

        return false;
    }

    private IEnumerable<string> Needs(string ruleId) =>
        Sets.SelectMany(s => s.Rules).Where(r => r.Id == ruleId)
            .SelectMany(r => r.Routes).SelectMany(r => r.Requirements)
            .Where(q => q.Kind == RequirementKind.RuleMet && q.Rule is not null).Select(q => q.Rule!);
}
