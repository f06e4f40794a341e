namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// A test that renders a PDF page to an image with pdftoppm (Debian's poppler-utils). Where it is
/// missing (a laptop) the test is skipped with a message saying how to install it; with
/// REGISTRY_REQUIRE_SERVERS=1 (set by .ci/run, which installs it) it runs and fails instead, so CI
/// can never pass without it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PdftoppmFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/pdftoppm";

    public PdftoppmFactAttribute()
    {
        if (!File.Exists(Path) && Environment.GetEnvironmentVariable("REGISTRY_REQUIRE_SERVERS") != "1")
        {
            Skip = "Needs pdftoppm to render the PDF summary: install with `sudo apt-get install -y poppler-utils` to run it (CI requires it).";
        }
    }
}
