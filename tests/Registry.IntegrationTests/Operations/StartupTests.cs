using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Operations;

/// <summary>
/// Starting a new version on a database that has not been migrated (a server database, where the
/// app does not migrate by itself) stops at once with a message naming what is missing and how to
/// apply it, not a stack trace from the first query; so does starting in Production without the
/// registry's public address.
/// </summary>
[Trait("Servers", "Own")]
public sealed class StartupTests : IDisposable
{
    private readonly ScratchFolder _folder = new("startup");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_database_without_the_migrations_stops_the_app_with_a_message_saying_how_to_apply_them()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Registry"] = $"Data Source={_folder["registry.db"]}",
            ["Database:MigrateOnStartup"] = "false",
            ["Storage:DocumentsPath"] = _folder["documents"],
            ["Email:PickupFolder"] = _folder["mail"],
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };

        var (exit, output) = await RegistryProcess.RunAsync(settings);

        Assert.Equal(1, exit);
        Assert.Contains("The database lacks", output, StringComparison.Ordinal);
        Assert.Contains("_Initial", output, StringComparison.Ordinal);
        Assert.Contains("Database__MigrateOnStartup=true", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Site:PublicUrl is not set")]
    [InlineData("registry.example.gov", "is not an absolute http or https address")]
    public async Task Production_without_its_public_address_stops_with_a_message_naming_the_setting(string? publicUrl, string message)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Registry"] = $"Data Source={_folder["registry.db"]}",
            ["Storage:DocumentsPath"] = _folder["documents"],
            ["Email:PickupFolder"] = _folder["mail"],
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        if (publicUrl is not null)
        {
            settings["Site:PublicUrl"] = publicUrl;
        }

        var (exit, output) = await RegistryProcess.RunAsync(settings);

        Assert.Equal(1, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Contains("Site__PublicUrl", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
