using Registry.Web.Data.Licensing;

namespace Registry.Web.Features.Employers;

/// <summary>
/// <c>dotnet run --project src/Registry.Web -- import-employers FILE [--partial]</c>: imports a
/// licensing list from the command line and prints what it did, rejected rows included.
/// </summary>
public static class ImportEmployersCommand
{
    public const string Name = "import-employers";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var files = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var options = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var unknown = options.Where(o => o != "--partial").ToList();
        if (files.Count != 1 || unknown.Count > 0)
        {
            await output.WriteLineAsync($"Usage: {Name} FILE [--partial]");
            await output.WriteLineAsync("  FILE       the licensing agency's facility list (CCLD CSV layout)");
            await output.WriteLineAsync("  --partial  the file lists some sites only: do not mark unlisted sites");
            return 2;
        }

        var path = Path.GetFullPath(files[0]);
        if (!File.Exists(path))
        {
            await output.WriteLineAsync($"No such file: {path}");
            return 2;
        }

        var mode = options.Contains("--partial") ? ImportEmployers.Mode.Partial : ImportEmployers.Mode.Full;
        using var scope = services.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<ImportEmployers.Handler>();
        var result = await handler.HandleAsync(await File.ReadAllBytesAsync(path, cancellationToken), mode, cancellationToken);

        foreach (var row in result.Rejected)
        {
            await output.WriteLineAsync($"line {row.LineNumber}: rejected ({row.Reason})");
        }

        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"Nothing imported: {result.FileError}");
            return 1;
        }

        await output.WriteLineAsync(
            $"Imported {Path.GetFileName(path)} ({mode.ToString().ToLowerInvariant()}): {result.Added} added, {result.Updated} updated, " +
            $"{result.Unchanged} unchanged, {result.NoLongerListed} no longer listed, {result.Rejected.Count} rejected.");
        return 0;
    }
}
