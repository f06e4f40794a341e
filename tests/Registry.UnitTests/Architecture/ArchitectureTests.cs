using System.Reflection;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Microsoft.AspNetCore.Mvc;
using Registry.Web.Data;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace Registry.UnitTests.Architecture;

/// <summary>
/// The module rule (docs/decisions/0041): Domain stands alone; Data and Infrastructure (the shared core)
/// never reach a feature; a feature never uses another (what two need is in the shared core), so
/// features form no cycle; a controller translates HTTP and takes neither the database nor more than
/// five dependencies.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly ArchUnitNET.Domain.Architecture Registry = new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build();

    [Fact]
    public void Domain_depends_on_nothing_of_the_app_or_of_EF_Core() =>
        Types().That().ResideInNamespaceMatching(@"^Registry\.Web\.Domain(\..*)?$").Should()
            .NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^(Registry\.Web\.(Data|Infrastructure|Features)|Microsoft\.EntityFrameworkCore)(\..*)?$")
            .Check(Registry);

    [Fact]
    public void Data_and_the_shared_core_never_reach_a_feature() =>
        Types().That().ResideInNamespaceMatching(@"^Registry\.Web\.(Data|Infrastructure)(\..*)?$").Should()
            .NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Registry\.Web\.Features(\..*)?$")
            .Check(Registry);

    [Fact]
    public void Features_form_no_cycle() =>
        Slices().Matching("Registry.Web.Features.(*)..").Should().BeFreeOfCycles().Check(Registry);

    [Fact]
    public void A_feature_never_uses_another()
    {
        var edges = FeatureEdges().Select(e => $"{e.Key.From} -> {e.Key.To} ({string.Join(", ", e.Value.Take(4))})").ToList();
        Assert.True(edges.Count == 0, "A feature reaches into another (move what both need into the shared core): " + string.Join(" | ", edges));
    }

    /// <summary>
    /// What the compiled code cannot show (a constant is copied into its user; a view names a type only
    /// once compiled; a view names another's partial by its path): no source file of a feature names
    /// another feature's namespace or folder.
    /// </summary>
    [Fact]
    public void No_feature_source_names_another_feature()
    {
        var features = Path.Combine(RepositoryRoot(), "src", "Registry.Web", "Features");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(features, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)))
        {
            var own = Path.GetRelativePath(features, file).Split(Path.DirectorySeparatorChar)[0];
            foreach (System.Text.RegularExpressions.Match named in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"(?:Registry\.Web\.Features\.|~?/Features/)(\w+)"))
            {
                if (named.Groups[1].Value != own && own != "Shared" && named.Groups[1].Value != "Shared")
                {
                    found.Add($"{Path.GetRelativePath(features, file)} names {named.Value}");
                }
            }
        }

        Assert.True(found.Count == 0, "A feature names another's namespace: " + string.Join(" | ", found.Distinct()));
    }

    [Fact]
    public void Controllers_take_neither_the_database_nor_more_than_five_dependencies()
    {
        var controllers = typeof(Program).Assembly.GetTypes().Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        Assert.NotEmpty(controllers);
        var deciding = controllers
            .Select(c => (c.Name, Parameters: c.GetConstructors(BindingFlags.Public | BindingFlags.Instance).SelectMany(k => k.GetParameters()).Select(p => p.ParameterType).ToList()))
            .Where(c => c.Parameters.Count > 5 || c.Parameters.Any(p => typeof(RegistryDbContext).IsAssignableFrom(p)))
            .Select(c => $"{c.Name} ({c.Parameters.Count})").ToList();
        Assert.True(deciding.Count == 0, "Controllers that take the database or more than five dependencies (put the work in a use case): " + string.Join(", ", deciding));
    }

    /// <summary>Every use of one feature's type by another's, from the compiled code (views included when they name a type).</summary>
    private static Dictionary<(string From, string To), SortedSet<string>> FeatureEdges()
    {
        var edges = new Dictionary<(string, string), SortedSet<string>>();
        foreach (var type in Registry.Types)
        {
            if (Feature(type.Namespace?.FullName) is not { } from)
            {
                continue;
            }

            foreach (var dependency in type.Dependencies ?? [])
            {
                if (Feature(dependency.Target?.Namespace?.FullName) is { } to && to != from)
                {
                    if (!edges.TryGetValue((from, to), out var why))
                    {
                        edges[(from, to)] = why = new(StringComparer.Ordinal);
                    }

                    why.Add($"{type.Name} uses {dependency.Target!.Name}");
                }
            }
        }

        return edges;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Registry.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Registry.sln not found above the test folder.");
    }

    private static string? Feature(string? ns)
    {
        const string Prefix = "Registry.Web.Features.";
        return ns is not null && ns.StartsWith(Prefix, StringComparison.Ordinal) ? ns[Prefix.Length..].Split('.')[0] : null;
    }
}
