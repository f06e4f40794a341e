using ArchUnitNET.Loader;
using Xunit.Abstractions;

namespace Registry.UnitTests.Architecture;

public sealed class ArchitectureTests(ITestOutputHelper output)
{
    private static readonly ArchUnitNET.Domain.Architecture Registry = new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build();

    [Fact]
    public void Dump()
    {
        var edges = new SortedDictionary<string, SortedDictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var type in Registry.Types)
        {
            var from = type.Namespace?.FullName is { } source ? Feature(source) : null;
            if (from is null) continue;
            foreach (var dependency in type.Dependencies ?? [])
            {
                var to = dependency.Target?.Namespace?.FullName is { } target ? Feature(target) : null;
                if (to is null || to == from) continue;
                if (!edges.TryGetValue(from, out var targets)) edges[from] = targets = new(StringComparer.Ordinal);
                if (!targets.TryGetValue(to, out var why)) targets[to] = why = new(StringComparer.Ordinal);
                why.Add($"{type.Name} -> {dependency.Target?.Name}");
            }
        }
        foreach (var (from, targets) in edges)
            foreach (var (to, why) in targets)
                output.WriteLine($"{from} -> {to}: {string.Join("; ", why.Take(6))}");
    }

    private static string? Feature(string ns)
    {
        const string prefix = "Registry.Web.Features.";
        if (!ns.StartsWith(prefix, StringComparison.Ordinal)) return ns.StartsWith("Registry.Web.", StringComparison.Ordinal) ? ns["Registry.Web.".Length..].Split('.')[0] is var top && top != "Features" ? null : null : null;
        return ns[prefix.Length..].Split('.')[0];
    }
}
