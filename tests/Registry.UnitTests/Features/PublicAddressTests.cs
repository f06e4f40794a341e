using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Registry.Web.Infrastructure.Web;

namespace Registry.UnitTests.Features;

/// <summary>The public address: which setting wins, what start-up refuses, and how a path is joined to it.</summary>
public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("https://registry.example.gov", null, "https://registry.example.gov")]
    [InlineData(null, "https://old.example.gov/", "https://old.example.gov/")]
    [InlineData("  ", "https://old.example.gov", "https://old.example.gov")]
    [InlineData("https://new.example.gov", "https://old.example.gov", "https://new.example.gov")]
    [InlineData(null, null, null)]
    public void Site_PublicUrl_wins_and_Access_SiteAddress_is_its_older_name(string? publicUrl, string? siteAddress, string? expected) =>
        Assert.Equal(expected, SiteOptions.Configured(Configuration(publicUrl, siteAddress)));

    [Theory]
    [InlineData("Production", null, "Site:PublicUrl is not set")]
    [InlineData("Staging", null, "Site:PublicUrl is not set")]
    [InlineData("Production", "registry.example.gov", "is not an absolute http or https address")]
    [InlineData("Production", "ftp://registry.example.gov", "is not an absolute http or https address")]
    [InlineData("Production", "https://registry.example.gov/?x=1", "is not an absolute http or https address")]
    [InlineData("Development", "localhost:5080", "is not an absolute http or https address")]
    [InlineData("Production", "https://registry.example.gov", null)]
    [InlineData("Development", null, null)]
    [InlineData("Testing", null, null)]
    public void Start_up_needs_an_absolute_address_outside_Development(string environment, string? publicUrl, string? problem)
    {
        var found = SiteOptions.Problem(Configuration(publicUrl, null), new Environment(environment));

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
            Assert.Contains("Site__PublicUrl", found, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://registry.example.gov", "/my-registry", "https://registry.example.gov/my-registry")]
    [InlineData("https://registry.example.gov/", "my-registry", "https://registry.example.gov/my-registry")]
    [InlineData("https://state.example.gov/registry/", "/verify/12345678?certificate=a", "https://state.example.gov/registry/verify/12345678?certificate=a")]
    [InlineData("https://registry.example.gov:443", "/training", "https://registry.example.gov/training")]
    [InlineData("http://localhost:5080", "/", "http://localhost:5080/")]
    public void A_path_is_joined_to_the_public_address(string publicUrl, string path, string expected) =>
        Assert.Equal(expected, Address(publicUrl, "Production").Link(path));

    [Fact]
    public void Development_without_a_setting_links_to_the_launch_profile_address() =>
        Assert.Equal("http://localhost:5080/training", Address(null, "Development").Link("/training"));

    private static PublicAddress Address(string? publicUrl, string environment)
    {
        using var services = new ServiceCollection().AddLogging().AddRouting().BuildServiceProvider();
        var options = Options.Create(new SiteOptions { PublicUrl = publicUrl });
        return new PublicAddress(options, new Environment(environment), services.GetRequiredService<LinkGenerator>());
    }

    private static IConfiguration Configuration(string? publicUrl, string? siteAddress) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:PublicUrl"] = publicUrl,
            ["Access:SiteAddress"] = siteAddress,
        }).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Registry.Web";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
