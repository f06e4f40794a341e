using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Professionals;

namespace Registry.IntegrationTests.Profile;

/// <summary>Personal information and demographics, edited through the forms.</summary>
public sealed class ProfileTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public ProfileTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task Personal_information_is_edited_and_the_form_keeps_it()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);

        var response = await driver.SubmitAsync("/my-registry/personal", "/my-registry/personal", new Dictionary<string, string>
        {
            ["FirstName"] = "Rosa María", ["LastName"] = "Ortiz-Núñez", ["FormerLastNames"] = "Ortiz",
            ["AddressLine1"] = "1 Valencia St", ["City"] = "San Francisco", ["State"] = "ca", ["Zip"] = "94110",
            ["County"] = "San Francisco", ["PreferredLanguage"] = "es", ["FirstYearInField"] = "2009",
        });

        Assert.Equal("/my-registry", response.Headers.Location?.OriginalString, ignoreCase: true);
        await using var scope = _app.Services.CreateAsyncScope();
        var p = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.SingleAsync(x => x.Id == professionalId);
        Assert.Equal("ORTIZ NUNEZ", p.NormalizedLastName);
        Assert.Equal(new Address("1 Valencia St", null, "San Francisco", "CA", "94110"), p.MailingAddress);
        Assert.Equal("San Francisco", p.County);
        Assert.Equal("es", p.PreferredLanguage);
        Assert.Equal(2009, p.FirstYearInField);
    }

    [Theory]
    [InlineData("Zip", "9411", "Zip", "Enter a ZIP code like 94110.")]
    [InlineData("County", "Atlantis", "County", "Choose a county from the list.")]
    [InlineData("PreferredLanguage", "fr", "PreferredLanguage", "Choose a language from the list.")]
    [InlineData("FirstYearInField", "2999", "FirstYearInField", "Enter the year as four digits, not in the future.")]
    [InlineData("City", "San Francisco", "AddressLine1", "Enter the street address, or leave the whole address empty.")]
    [InlineData("FirstName", "", "FirstName", "Enter your legal first name.")]
    public async Task Bad_personal_information_is_answered_beside_the_field(string field, string value, string errorField, string message)
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var values = new Dictionary<string, string> { [field] = value };

        var response = await new SignUpDriver(client).SubmitAsync("/my-registry/personal", "/my-registry/personal", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector($"#{errorField}-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demographics_take_several_answers_with_detail_and_map_to_the_1997_form()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var page = await client.GetPageAsync("/my-registry/demographics");
        var form = page.Forms.Single(f => f.Action.EndsWith("/my-registry/demographics", StringComparison.Ordinal));

        var response = await client.PostFormAsync(form, values: new Dictionary<string, string>
        {
            ["Detail[HispanicOrLatino]"] = "Mexican", ["Gender"] = "Woman", ["Languages"] = "Spanish, English",
        }, extra: [new("RaceEthnicity", "HispanicOrLatino"), new("RaceEthnicity", "MiddleEasternOrNorthAfrican")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = _app.Services.CreateAsyncScope();
        var p = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals
            .Include(x => x.RaceEthnicities).Include(x => x.LanguagesSpoken).SingleAsync(x => x.Id == professionalId);
        Assert.Equal("Mexican", p.RaceEthnicities.Single(r => r.Category == RaceEthnicityCategory.HispanicOrLatino).Detail);
        Assert.Equal(Gender.Woman, p.Gender);
        Assert.Equal(["English", "Spanish"], p.LanguagesSpoken.Select(l => l.Language).Order());
        Assert.Equal((Ethnicity1997.HispanicOrLatino, Race1997.White), RaceEthnicity1997Mapping.Map(p.RaceEthnicities.Select(r => r.Category).ToList(), p.RaceEthnicityDeclined));
    }

    [Fact]
    public async Task Prefer_not_to_say_cannot_be_combined_with_categories()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var form = (await client.GetPageAsync("/my-registry/demographics")).Forms.Single(f => f.Action.EndsWith("/my-registry/demographics", StringComparison.Ordinal));

        var response = await client.PostFormAsync(form, values: new Dictionary<string, string> { ["RaceEthnicityDeclined"] = "true" }, extra: [new("RaceEthnicity", "Asian")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not both", (await response.ReadPageAsync()).QuerySelector("#RaceEthnicity-error")?.TextContent, StringComparison.Ordinal);
    }
}
