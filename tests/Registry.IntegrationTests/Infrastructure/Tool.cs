using System.Diagnostics;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>Runs a command-line tool the tests need (initdb, pg_ctl, mount…) to its end.</summary>
public static class Tool
{
    /// <summary>Runs <paramref name="file"/>; a non-zero exit throws with what it printed.</summary>
    public static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await output} {await error}");
        }
    }
}
