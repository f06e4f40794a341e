namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test's own (Debian's postgresql package: initdb, pg_ctl) in a temporary
/// folder, reached by a Unix socket in that folder and no TCP port at all (so no other process can take
/// its address, and a restart finds it free), that the test can stop and start again to play a
/// database restart. As root, the cluster belongs to the postgres user (initdb refuses root).
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "registry-pg-" + Guid.NewGuid().ToString("N"));
    private readonly string _bin;

    private PrivatePostgres(string bin) => _bin = bin;

    public string ConnectionString(string database) => $"Host={_folder};Port=5432;Username=postgres;Database={database};Timeout=3";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        Assert.True(bin is not null, "This test needs Debian's postgresql package (apt-get install -y postgresql); .ci/run installs it.");
        var server = new PrivatePostgres(bin!);
        Directory.CreateDirectory(server._folder);
        if (Environment.UserName == "root")
        {
            await Tool.RunAsync("chown", "postgres", server._folder);
        }

        await server.AsOwnerAsync("initdb", "-D", Path.Combine(server._folder, "data"), "--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C.UTF-8");
        await server.StartAgainAsync();
        return server;
    }

    public Task StartAgainAsync() => AsOwnerAsync("pg_ctl", "-D", Path.Combine(_folder, "data"), "-l", Path.Combine(_folder, "server.log"), "-w",
        "-o", $"-c listen_addresses='' -p 5432 -k {_folder} -c fsync=off", "start");

    /// <summary>Stops the server at once, as a crash or a restart would (connections cut).</summary>
    public Task StopAsync() => AsOwnerAsync("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task AsOwnerAsync(string tool, params string[] args) =>
        Environment.UserName == "root"
            ? Tool.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : Tool.RunAsync(Path.Combine(_bin, tool), args);
}
