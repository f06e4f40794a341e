using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Web.Domain.Rules;

/// <summary>A rule file that cannot be used, with the file and line to fix.</summary>
public sealed class RuleFileException(string file, long? line, string problem)
    : Exception(line is null ? $"{file}: {problem}" : $"{file}, line {line}: {problem}")
{
    public string File { get; } = file;

    public long? Line { get; } = line;

    public string Problem { get; } = problem;
}

/// <summary>
/// Reads rule sets from JSON files (comments allowed) and refuses any malformed one with its
/// file and line: bad JSON, an unknown field or value, a requirement missing what its kind needs,
/// a rule referring to a rule that does not exist, or two versions of a set in force on one day.
/// </summary>
public static class RuleSetLoader
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Every <c>*.json</c> file in the folder (and below), checked together.</summary>
    public static RuleBook LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new RuleFileException(folder, null, "The rules folder does not exist.");
        }

        // Case files (*.cases.json, see RuleCases) sit beside the rules and are not rules.
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Where(f => !f.EndsWith(RuleCases.Suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new RuleFileException(folder, null, "The rules folder has no rule files (*.json).");
        }

        return Load(files.Select(f => (Path.GetRelativePath(folder, f), File.ReadAllText(f))));
    }

    /// <summary>Rule sets from (name, JSON text) pairs, checked together.</summary>
    public static RuleBook Load(IEnumerable<(string Name, string Json)> files)
    {
        var sets = new List<(RuleSet Set, Dictionary<string, long> Lines)>();
        var text = new System.Text.StringBuilder();
        foreach (var (name, json) in files)
        {
            text.Append(name).Append('\n').Append(json).Append('\n');
            var lines = LineMap(name, json);
            RuleSet? set;
            try
            {
                set = JsonSerializer.Deserialize<RuleSet>(json, Options);
            }
            catch (JsonException e)
            {
                throw new RuleFileException(name, e.LineNumber + 1, Plain(e) + Near(json, e.LineNumber));
            }

            if (set is null)
            {
                throw new RuleFileException(name, 1, "The file holds no rule set.");
            }

            Check(name, set, lines);
            sets.Add((set with { File = name }, lines));
        }

        CheckTogether(sets);
        return new RuleBook(sets.Select(s => s.Set).ToList()) { Fingerprint = RuleBook.Hash(text.ToString()) };
    }

    private static void Check(string file, RuleSet set, Dictionary<string, long> lines)
    {
        void Fail(string path, string problem) => throw new RuleFileException(file, lines.GetValueOrDefault(path, 1), problem);

        if (set.EffectiveTo is { } to && to <= set.EffectiveFrom)
        {
            Fail("$", "effectiveTo must be after effectiveFrom.");
        }

        if (set.Sources.Count == 0)
        {
            Fail("$", "A rule set names at least one source (title and address).");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < set.Rules.Count; r++)
        {
            var rule = set.Rules[r];
            var rulePath = $"$.rules[{r}]";
            if (!ids.Add(rule.Id))
            {
                Fail(rulePath, $"The rule id '{rule.Id}' is used twice.");
            }

            if (rule.Routes.Count == 0)
            {
                Fail(rulePath, $"The rule '{rule.Id}' has no routes.");
            }

            for (var o = 0; o < rule.Routes.Count; o++)
            {
                var route = rule.Routes[o];
                if (route.Requirements.Count == 0)
                {
                    Fail($"{rulePath}.routes[{o}]", $"The route '{route.Id}' of '{rule.Id}' has no requirements.");
                }

                for (var q = 0; q < route.Requirements.Count; q++)
                {
                    if (Problem(route.Requirements[q]) is { } problem)
                    {
                        Fail($"{rulePath}.routes[{o}].requirements[{q}]", $"In '{rule.Id}', route '{route.Id}': {problem}");
                    }
                }
            }
        }

        var needsFields = set.Rules.SelectMany(r => r.Routes).SelectMany(r => r.Requirements).Any(q => q.Kind == RequirementKind.Degree && q.Field != DegreeField.Any);
        if (needsFields && set.DegreeFields is null)
        {
            Fail("$", "A degree requirement names a field, so the set needs degreeFields (the words that mark an ECE or related major).");
        }
    }

    /// <summary>What a requirement of its kind is missing, if anything.</summary>
    private static string? Problem(Requirement q) => q.Kind switch
    {
        RequirementKind.Units when q.Area is null || q.Min is not > 0 => "a units requirement needs an area and a min above 0.",
        RequirementKind.EachCategory when q.Categories is not { Count: > 0 } => "an eachCategory requirement needs categories.",
        RequirementKind.DistinctCourses when q.Area is null || q.Min is not >= 1 => "a distinctCourses requirement needs an area and a min of at least 1.",
        RequirementKind.Degree when q.MinLevel is null || q.Field is null => "a degree requirement needs minLevel and field.",
        RequirementKind.Experience when q.Days is not > 0 || q.MinHoursPerDay is not > 0 || q.WithinMonths is not > 0 => "an experience requirement needs days, minHoursPerDay and withinMonths above 0.",
        RequirementKind.YearsInRole when q.Years is not > 0 || q.Roles is not { Count: > 0 } => "a yearsInRole requirement needs years above 0 and roles.",
        RequirementKind.Credential when q.Credentials is not { Count: > 0 } => "a credential requirement needs credentials.",
        RequirementKind.ProfessionalDevelopment when q.Hours is not > 0 || q.Window is null => "a professionalDevelopment requirement needs hours above 0 and a window.",
        RequirementKind.RuleMet when string.IsNullOrWhiteSpace(q.Rule) => "a ruleMet requirement needs the rule's id.",
        RequirementKind.MonthsAtSite when q.Months is not > 0 => "a monthsAtSite requirement needs months above 0.",
        RequirementKind.HoursPerWeek when q.Min is not > 0 => "an hoursPerWeek requirement needs a min above 0.",
        RequirementKind.WageCap when q.Max is not > 0 => "a wageCap requirement needs a max above 0.",
        _ when q.OrApplied && q.Kind != RequirementKind.Credential => "orApplied belongs to a credential requirement.",
        _ when q.EarnedIn is not null && q.Kind is not (RequirementKind.Credential or RequirementKind.Degree) => "earnedIn belongs to a credential or degree requirement.",
        _ when q.EarnedIn is not null && !Places.IsKnown(q.EarnedIn) => $"earnedIn '{q.EarnedIn}' is not a state (\"US-CA\") or a country (\"MX\") code.",
        _ when q.MonthsPerYear is not null && (q.Kind != RequirementKind.YearsInRole || q.MonthsPerYear is < 1 or > 12) => "monthsPerYear belongs to a yearsInRole requirement, from 1 to 12.",
        _ when q.AtEligibleSite && q.Kind is not (RequirementKind.MonthsAtSite or RequirementKind.HoursPerWeek or RequirementKind.WageCap) => "atEligibleSite belongs to a monthsAtSite, hoursPerWeek or wageCap requirement.",
        _ when q.Window is not null && q.Kind is not (RequirementKind.ProfessionalDevelopment or RequirementKind.Units) => "window belongs to a professionalDevelopment or units requirement.",
        _ => null,
    };

    private static void CheckTogether(List<(RuleSet Set, Dictionary<string, long> Lines)> sets)
    {
        foreach (var group in sets.GroupBy(s => s.Set.Id))
        {
            var versions = group.OrderBy(s => s.Set.EffectiveFrom).ToList();
            for (var i = 1; i < versions.Count; i++)
            {
                var (earlier, later) = (versions[i - 1].Set, versions[i].Set);
                if (earlier.EffectiveTo is null || earlier.EffectiveTo > later.EffectiveFrom)
                {
                    throw new RuleFileException(later.File!, versions[i].Lines.GetValueOrDefault("$", 1),
                        $"Version {later.Version} of '{later.Id}' starts on {later.EffectiveFrom:yyyy-MM-dd} while version {earlier.Version} ({earlier.File}) is still in force; give {earlier.Version} an effectiveTo.");
                }
            }
        }

        // Every rule a requirement names exists in some set, and no rule needs itself.
        var rules = sets.SelectMany(s => s.Set.Rules.Select(r => (s.Set, r))).ToList();
        var known = rules.Select(x => x.r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (set, lines) in sets)
        {
            for (var r = 0; r < set.Rules.Count; r++)
            {
                for (var o = 0; o < set.Rules[r].Routes.Count; o++)
                {
                    var requirements = set.Rules[r].Routes[o].Requirements;
                    for (var q = 0; q < requirements.Count; q++)
                    {
                        if (requirements[q] is { Kind: RequirementKind.RuleMet, Rule: { } target } && !known.Contains(target))
                        {
                            throw new RuleFileException(set.File!, lines.GetValueOrDefault($"$.rules[{r}].routes[{o}].requirements[{q}]", 1), $"'{set.Rules[r].Id}' refers to the rule '{target}', which no rule file defines.");
                        }
                    }
                }
            }
        }

        var book = new RuleBook(sets.Select(s => s.Set).ToList());
        foreach (var (set, rule) in rules)
        {
            if (book.DependsOn(rule.Id, rule.Id))
            {
                throw new RuleFileException(set.File!, null, $"The rule '{rule.Id}' depends on itself through ruleMet requirements.");
            }
        }
    }

    /// <summary>The text of the (0-based) line, to show beside the problem.</summary>
    internal static string Near(string json, long? line)
    {
        var lines = json.Split('\n');
        if (line is not { } index || index < 0 || index >= lines.Length)
        {
            return string.Empty;
        }

        var text = lines[index].Trim();
        return $" Near: {(text.Length > 120 ? text[..120] + "…" : text)}";
    }

    internal static string Plain(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message) + (e.Path is { } path ? $" (at {path})" : string.Empty);
    }

    /// <summary>The line (1-based) where each object and array of the file starts, by JSON path ("$.rules[2].routes[0]").</summary>
    private static Dictionary<string, long> LineMap(string file, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        long LineOf(long offset)
        {
            var index = lineStarts.BinarySearch((int)offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }

        var map = new Dictionary<string, long>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new Stack<(string Path, int NextIndex, bool IsArray)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var here = Child(path, property);
                        map.TryAdd(here, LineOf(reader.TokenStartIndex));
                        path.Push((here, 0, reader.TokenType == JsonTokenType.StartArray));
                        property = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.Pop();
                        break;
                    default:
                        Child(path, property);
                        property = null;
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new RuleFileException(file, e.LineNumber + 1, Plain(e));
        }

        return map;
    }

    /// <summary>The path of the next value inside the current container, advancing an array's index.</summary>
    private static string Child(Stack<(string Path, int NextIndex, bool IsArray)> path, string? property)
    {
        if (path.Count == 0)
        {
            return "$";
        }

        var (parent, next, isArray) = path.Pop();
        path.Push((parent, isArray ? next + 1 : next, isArray));
        return isArray ? $"{parent}[{next}]" : $"{parent}.{property}";
    }
}
