namespace Registry.Benchmarks;

/// <summary>What the benchmarks share: the repository's rule files, and percentiles of sorted timings.</summary>
internal static class Repository
{
    public static string RulesFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Registry.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Registry.sln not found."), "src", "Registry.Web", "Rules");
    }

    public static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
