using System.Globalization;
using Registry.Web.Domain.Rules;
using Registry.Web.Infrastructure.Rules;

namespace Registry.Web.Features.Qualifications;

/// <summary>
/// <c>dotnet run --project src/Registry.Web -- test-rules [FOLDER]</c>: runs every case file
/// (<c>*.cases.json</c>) in the folder (by default the rules folder) against the rules in force,
/// prints each failure with the engine's working, and exits 1 on any failure (2 when the files
/// cannot be read). Needs no database.
/// </summary>
public static class TestRulesCommand
{
    public const string Name = "test-rules";

    public static async Task<int> RunAsync(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, string[] args, TextWriter output)
    {
        if (args.Length > 2)
        {
            await output.WriteLineAsync($"Usage: {Name} [FOLDER]   (FOLDER holds *{RuleCases.Suffix} files; the rules folder by default)");
            return 2;
        }

        var folder = Path.GetFullPath(args.Length == 2 ? args[1] : configuration["Rules:Folder"] ?? "Rules", args.Length == 2 ? Directory.GetCurrentDirectory() : environment.ContentRootPath);
        IReadOnlyList<(string File, RuleCases.CaseFile Cases)> files;
        try
        {
            files = RuleCases.ReadFolder(folder);
        }
        catch (RuleFileException e)
        {
            await output.WriteLineAsync(e.Message);
            return 2;
        }

        // The working is written in English, as the engine's own words.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        using var scope = services.CreateScope();
        var book = scope.ServiceProvider.GetRequiredService<RuleBook>();
        var text = scope.ServiceProvider.GetRequiredService<QualificationText>();
        var outcomes = RuleCases.Run(book, files);
        foreach (var failed in outcomes.Where(o => !o.Passed))
        {
            await output.WriteLineAsync(Describe(failed, text));
        }

        var cases = files.Sum(f => f.Cases.Cases.Count);
        var failures = outcomes.Count(o => !o.Passed);
        await output.WriteLineAsync($"{cases} cases in {files.Count} files, {outcomes.Count} expectations: {outcomes.Count - failures} passed, {failures} failed ({folder}).");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>A failed expectation, with the source it was written from and the engine's working.</summary>
    public static string Describe(RuleCases.Outcome outcome, QualificationText text)
    {
        var lines = new List<string>
        {
            $"FAIL {outcome.File}: {outcome.Case.Name}",
            $"  source: {outcome.Case.Source}",
        };
        if (outcome.Result is not { } result)
        {
            lines.Add($"  {outcome.RuleId}: no such rule in force on {outcome.Case.AsOf:yyyy-MM-dd}");
            return string.Join(Environment.NewLine, lines);
        }

        lines.Add($"  {outcome.RuleId}: expected {(outcome.Expected ? "met" : "not met")}, the engine says {(result.Met ? "met" : "not met")}");
        foreach (var route in result.Routes)
        {
            lines.Add($"    {(route.Met ? "met" : "not met")}: {text.Name(route.Route.Name)}");
            foreach (var q in route.Requirements)
            {
                lines.Add($"      {(q.Met ? "+" : "-")} {text.Asks(q.Requirement)}: {text.Has(q)}");
                lines.AddRange(q.Evidence.Select(e => $"          counted: {text.Evidence(e)}"));
                lines.AddRange(q.NotCounted.Select(m => $"          did not count: {text.NotCounted(m, q)}"));
            }
        }

        return string.Join(Environment.NewLine, lines);
    }
}
