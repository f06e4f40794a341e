using Registry.Web.Domain.Education;
using Registry.Web.Domain.Rules;
using static Registry.UnitTests.Rules.People;

namespace Registry.UnitTests.Rules;

/// <summary>Rule files: the repository's load; a malformed one is refused with its file and line; versions never rewrite the past.</summary>
public sealed class RuleFileTests
{
    private static string Set(string version, string from, string? to, decimal units, string id = "test-permits") => $$"""
        // A small rule set for tests.
        {
          "id": "{{id}}",
          "jurisdiction": "Testland",
          "version": "{{version}}",
          "effectiveFrom": "{{from}}",
          {{(to is null ? "" : $"\"effectiveTo\": \"{to}\",")}}
          "title": { "en": "Test permits", "es": "Permisos de prueba" },
          "sources": [ { "title": "Test regulation", "url": "https://example.org/rules" } ],
          "rules": [
            {
              "id": "{{id}}-assistant", "group": "permit", "track": "test", "level": 1,
              "name": { "en": "Assistant", "es": "Asistente" },
              "routes": [
                { "id": "units", "name": { "en": "Units", "es": "Unidades" },
                  "requirements": [ { "kind": "units", "area": "ece", "min": {{units}} } ] }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void The_repository_s_California_rule_files_load_with_every_permit_point_and_Title_22_role()
    {
        var ids = California.InForceOn(Today).SelectMany(s => s.Rules).Select(r => r.Id).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "ca-cdp-assistant", "ca-cdp-associate-teacher", "ca-cdp-teacher", "ca-cdp-master-teacher", "ca-cdp-site-supervisor", "ca-cdp-program-director", "ca-cdp-renewal",
            "qcc-lead-teacher-1", "qcc-lead-teacher-5", "qcc-family-child-care-1", "qcc-family-child-care-5",
            "ca-t22-teacher", "ca-t22-infant-teacher", "ca-t22-director", "ab212-example-county",
        }, ids);
        Assert.All(California.Sets, s => Assert.NotEmpty(s.Sources));
    }

    [Theory]
    [InlineData("\"min\": 6 } ] }", "\"min\": 6 } ] ", 17, "")]
    [InlineData("\"kind\": \"units\"", "\"kind\": \"unitz\"", 16, "unitz")]
    [InlineData("\"area\": \"ece\", \"min\": 6", "\"area\": \"ece\"", 16, "a units requirement needs an area and a min above 0.")]
    [InlineData("\"level\": 1,", "\"level\": 1, \"colour\": \"red\",", 12, "colour")]
    [InlineData("\"kind\": \"units\", \"area\": \"ece\", \"min\": 6", "\"kind\": \"ruleMet\", \"rule\": \"no-such-rule\"", 16, "no-such-rule")]
    [InlineData("\"area\": \"ece\", \"min\": 6", "\"area\": \"ece\", \"min\": 6, \"orApplied\": true", 16, "orApplied belongs to a credential requirement.")]
    [InlineData("\"area\": \"ece\", \"min\": 6", "\"area\": \"ece\", \"min\": 6, \"atEligibleSite\": true", 16, "atEligibleSite belongs to a monthsAtSite")]
    public void A_malformed_rule_file_is_refused_with_its_file_and_line(string find, string replace, int line, string says)
    {
        var json = Set("1", "2020-01-01", null, 6).Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Set("1", "2020-01-01", null, 6), json);

        var error = Assert.Throws<RuleFileException>(() => RuleSetLoader.Load([("test.json", json)]));

        Assert.Equal("test.json", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"test.json, line {line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_versions_in_force_on_the_same_day_are_refused()
    {
        var error = Assert.Throws<RuleFileException>(() => RuleSetLoader.Load([("v1.json", Set("1", "2020-01-01", null, 6)), ("v2.json", Set("2", "2026-07-01", null, 9))]));

        Assert.Equal("v2.json", error.File);
        Assert.Contains("give 1 an effectiveTo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_rules_folder_stops_start_up_with_its_path()
    {
        var error = Assert.Throws<RuleFileException>(() => RuleSetLoader.LoadFolder(Path.Combine(Path.GetTempPath(), "no-such-rules-folder")));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_version_never_changes_the_result_for_a_day_before_it()
    {
        var book = RuleSetLoader.Load([("v1.json", Set("2025.1", "2020-01-01", "2026-07-01", 6)), ("v2.json", Set("2026.1", "2026-07-01", null, 9))]);
        var sixUnits = With(courses: [Course(CourseCategory.ChildGrowthAndDevelopment, 3), Course(CourseCategory.OtherEce, 3)]);

        var before = RuleEngine.Evaluate(book, sixUnits, new DateOnly(2026, 6, 30));
        var after = RuleEngine.Evaluate(book, sixUnits, new DateOnly(2026, 7, 1));
        var withOnlyTheOldVersion = RuleEngine.Evaluate(RuleSetLoader.Load([("v1.json", Set("2025.1", "2020-01-01", "2026-07-01", 6))]), sixUnits, new DateOnly(2026, 6, 30));

        Assert.Equal(("2025.1", true), (before.Sets.Single().Version, before.Results.Single().Met));
        Assert.Equal(("2026.1", false), (after.Sets.Single().Version, after.Results.Single().Met));
        Assert.Equal(withOnlyTheOldVersion.Results.Single().Met, before.Results.Single().Met);
        Assert.Empty(RuleEngine.Evaluate(book, sixUnits, new DateOnly(2019, 12, 31)).Results);
    }
}
