namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// A test that starts servers of its own from Debian's packages (PostgreSQL, nginx), or mounts a
/// small file system of its own (which needs root). Where one is missing (a laptop) the test is skipped with a message saying how to install it; with
/// REGISTRY_REQUIRE_SERVERS=1 (set by .ci/run, which installs them) it runs and fails instead, so CI
/// can never pass without them.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServerFactAttribute : FactAttribute
{
    public ServerFactAttribute(bool needsNginx = false, bool needsPostgres = true, bool needsRoot = false)
    {
        var missing = new List<string>();
        if (needsRoot && Environment.UserName != "root")
        {
            var reason = "Needs root, to mount a small tmpfs as a full or read-only disk (run the tests as root or in a container; CI requires it).";
            Skip = Environment.GetEnvironmentVariable("REGISTRY_REQUIRE_SERVERS") == "1" ? null : reason;
            return;
        }

        if (needsPostgres && (!Directory.Exists("/usr/lib/postgresql") || !Directory.EnumerateFiles("/usr/lib/postgresql", "initdb", SearchOption.AllDirectories).Any()))
        {
            missing.Add("postgresql");
        }

        if (needsNginx && !File.Exists("/usr/sbin/nginx"))
        {
            missing.Add("nginx");
        }

        if (missing.Count > 0 && Environment.GetEnvironmentVariable("REGISTRY_REQUIRE_SERVERS") != "1")
        {
            Skip = $"Needs {string.Join(" and ", missing)}: install with `sudo apt-get install -y {string.Join(' ', missing)}` to run it (CI requires it).";
        }
    }
}
