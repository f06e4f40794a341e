namespace Registry.BrowserTests;

/// <summary>
/// A test that needs Debian's Chromium. Where it is missing (a laptop) the test is skipped with a
/// message saying how to install it; with REGISTRY_REQUIRE_BROWSER=1 (set by .ci/run) it runs and
/// fails instead, so CI can never pass without the browser.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && Environment.GetEnvironmentVariable("REGISTRY_REQUIRE_BROWSER") != "1")
        {
            Skip = $"Chromium is not installed at {ChromiumPath}: install it with `sudo apt-get install -y chromium` to run the browser tests (CI requires it).";
        }
    }
}
