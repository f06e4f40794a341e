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
/// never reach a feature; features never form a cycle, and a feature uses another only where
/// <see cref="StillReaching"/> says so (a list that may only shrink); a controller translates HTTP and
/// takes neither the database nor more than five dependencies.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly ArchUnitNET.Domain.Architecture Registry = new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build();

    /// <summary>A feature's use of another that is still to be moved into the shared core or cut (issue 22). Remove a line when its edge goes.</summary>
    private static readonly string[] StillReaching =
    [
        "Calendar -> Sponsors",
        "Education -> Documents",
        "Instructors -> Sponsors",
        "MyRegistry -> Announcements",
        "MyRegistry -> DataQuality",
        "Profile -> Facts",
        "Ratings -> Sites",
        "Staff -> Access",
        "Staff -> Documents",
        "Staff -> Sponsors",
        "Staff -> TwoFactor",
        "TwoFactor -> Account",
    ];

    /// <summary>Controllers that still take the database or more than five dependencies (issue 22: their decisions move into use cases).</summary>
    private static readonly string[] StillDeciding =
    [
        "CalendarController",
        "RatingsController",
        "SitesController",
        "SponsorEventsController",
        "StaffController",
        "StipendsController",
        "WorkforceController",
    ];

    [Fact]
    public void Domain_depends_on_nothing_of_the_app_or_of_EF_Core() =>
        Types().That().ResideInNamespaceMatching(@"^Registry\.Web\.Domain(\..*)?$").Should()
            .NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^(Registry\.Web\.(Data|Infrastructure|Features)|Microsoft\.EntityFrameworkCore)(\..*)?$")
            .Check(Registry);

    /// <summary>The synthetic-state generator (Data.Synthetic) still fills a state through two features; it is to become a tool under tools/ (issue 22).</summary>
    [Fact]
    public void Data_and_the_shared_core_never_reach_a_feature() =>
        Types().That().ResideInNamespaceMatching(@"^Registry\.Web\.(Data(?!\.Synthetic)|Infrastructure)(\..*)?$").Should()
            .NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Registry\.Web\.Features(\..*)?$")
            .Check(Registry);

    [Fact]
    public void Features_form_no_cycle() =>
        Slices().Matching("Registry.Web.Features.(*)..").Should().BeFreeOfCycles().Check(Registry);

    [Fact]
    public void A_feature_uses_another_only_where_still_listed()
    {
        var edges = FeatureEdges();
        var found = edges.Select(e => $"{e.Key.From} -> {e.Key.To}").ToHashSet(StringComparer.Ordinal);
        var unlisted = edges.Where(e => !StillReaching.Contains($"{e.Key.From} -> {e.Key.To}", StringComparer.Ordinal))
            .Select(e => $"{e.Key.From} -> {e.Key.To} ({string.Join(", ", e.Value.Take(4))})").ToList();
        Assert.True(unlisted.Count == 0, "A feature reaches into another (use the shared core instead): " + string.Join(" | ", unlisted));
        var gone = StillReaching.Where(s => !found.Contains(s)).ToList();
        Assert.True(gone.Count == 0, "No longer reached; take these off the list: " + string.Join(" | ", gone));
    }

    [Fact]
    public void Controllers_take_neither_the_database_nor_more_than_five_dependencies()
    {
        var controllers = typeof(Program).Assembly.GetTypes().Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract).ToList();
        Assert.NotEmpty(controllers);
        var deciding = controllers
            .Select(c => (c.Name, Parameters: c.GetConstructors(BindingFlags.Public | BindingFlags.Instance).SelectMany(k => k.GetParameters()).Select(p => p.ParameterType).ToList()))
            .Where(c => c.Parameters.Count > 5 || c.Parameters.Any(p => typeof(RegistryDbContext).IsAssignableFrom(p)))
            .Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var unlisted = deciding.Where(d => !StillDeciding.Contains(d, StringComparer.Ordinal)).ToList();
        Assert.True(unlisted.Count == 0, "Controllers that take the database or more than five dependencies (put the work in a use case): " + string.Join(", ", unlisted));
        var gone = StillDeciding.Where(s => !deciding.Contains(s)).ToList();
        Assert.True(gone.Count == 0, "These controllers now only translate HTTP; take them off the list: " + string.Join(", ", gone));
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

    private static string? Feature(string? ns)
    {
        const string Prefix = "Registry.Web.Features.";
        return ns is not null && ns.StartsWith(Prefix, StringComparison.Ordinal) ? ns[Prefix.Length..].Split('.')[0] : null;
    }
}
