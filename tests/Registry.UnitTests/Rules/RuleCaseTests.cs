using Registry.Web.Domain.Rules;
using static Registry.UnitTests.Rules.People;

namespace Registry.UnitTests.Rules;

/// <summary>A state's own rule tests as data (*.cases.json beside the rule files), as test-rules runs them.</summary>
public sealed class RuleCaseTests
{
    [Fact]
    public void Every_shipped_case_passes_and_each_cites_its_source()
    {
        var files = RuleCases.ReadFolder(RulesFolder());
        var outcomes = RuleCases.Run(California, files);

        Assert.True(files.Sum(f => f.Cases.Cases.Count) >= 60, "at least 60 cases ship with California's rules");
        Assert.All(files.SelectMany(f => f.Cases.Cases), c => Assert.False(string.IsNullOrWhiteSpace(c.Source), c.Name));
        Assert.Empty(outcomes.Where(o => !o.Passed).Select(o => $"{o.File}: {o.Case.Name} ({o.RuleId})"));
        // Every rule set has cases that expect a rule met and cases that expect it missed.
        Assert.All(California.Sets, set => Assert.Contains(outcomes, o => set.Rules.Any(r => r.Id == o.RuleId) && o.Expected));
        Assert.All(California.Sets, set => Assert.Contains(outcomes, o => set.Rules.Any(r => r.Id == o.RuleId) && !o.Expected));
    }

    [Fact]
    public void A_wrong_expectation_fails_with_the_engine_s_result_and_a_rule_not_in_force_fails_too()
    {
        var folder = Directory.CreateTempSubdirectory("registry-cases-").FullName;
        File.WriteAllText(Path.Combine(folder, "mine.cases.json"), """
            // A rules owner's own case.
            { "cases": [ {
                "name": "6 units", "source": "CL-797", "asOf": "2026-11-01",
                "facts": { "courses": [ { "name": "ECE 1", "units": 9, "unitType": "quarter", "category": "otherEce", "grade": "B" } ] },
                "expect": { "ca-cdp-assistant": false, "no-such-rule": true }
            } ] }
            """);

        var outcomes = RuleCases.Run(California, RuleCases.ReadFolder(folder));

        var assistant = outcomes.Single(o => o.RuleId == "ca-cdp-assistant");
        Assert.False(assistant.Passed);
        Assert.True(assistant.Result!.Met);
        var missing = outcomes.Single(o => o.RuleId == "no-such-rule");
        Assert.False(missing.Passed);
        Assert.Null(missing.Result);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_malformed_case_file_is_refused_with_its_file_and_line()
    {
        var folder = Directory.CreateTempSubdirectory("registry-cases-").FullName;
        File.WriteAllText(Path.Combine(folder, "bad.cases.json"), "{ \"cases\": [\n  { \"name\": \"x\", \"source\": \"y\", \"asOf\": \"2026-11-01\", \"expect\": {},\n    \"facts\": { \"courses\": [ { \"name\": \"A\", \"units\": 3, \"category\": \"astrology\" } ] } } ] }\n");

        var error = Assert.Throws<RuleFileException>(() => RuleCases.ReadFolder(folder));

        Assert.Equal(("bad.cases.json", 3L), (error.File, error.Line));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_case_written_by_try_the_rules_reads_back_and_passes()
    {
        var shipped = RuleCases.ReadFolder(RulesFolder()).SelectMany(f => f.Cases.Cases).First(c => c.Facts.Courses.Any(x => x.UnitType == Registry.Web.Domain.Education.UnitType.Quarter));
        var folder = Directory.CreateTempSubdirectory("registry-cases-").FullName;
        File.WriteAllText(Path.Combine(folder, "written.cases.json"), "{ \"cases\": [ " + RuleCases.WriteCase(shipped) + " ] }");

        var outcomes = RuleCases.Run(California, RuleCases.ReadFolder(folder));

        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, o => Assert.True(o.Passed, o.RuleId));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Case_files_beside_the_rules_are_not_read_as_rules() =>
        Assert.DoesNotContain(California.Sets, s => s.File!.EndsWith(RuleCases.Suffix, StringComparison.Ordinal));
}
