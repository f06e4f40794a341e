using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Training;

namespace Registry.IntegrationTests.Training;

/// <summary>Professional development through the forms, totals judged against a fixed clock (1 November 2026).</summary>
public sealed class TrainingTests : IClassFixture<ClockAppFactory>
{
    private readonly ClockAppFactory _app;

    public TrainingTests(ClockAppFactory app) => _app = app;

    private static Dictionary<string, string> Training(string title, string date, string hours)
    {
        var d = date.Split('-');
        return new()
        {
            ["Title"] = title, ["Sponsor"] = "SF Child Care Council",
            ["AttendedYear"] = d[0], ["AttendedMonth"] = d[1], ["AttendedDay"] = d[2],
            ["ClockHours"] = hours, ["TopicArea"] = "", ["Language"] = "Spanish",
        };
    }

    [Fact]
    public async Task Hours_add_up_for_the_year_and_the_permit_renewal_with_verified_hours_apart()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.FindAsync(professionalId);
            professional!.AddCredential(new Credential(CredentialType.ChildDevelopmentTeacherPermit, null, "CTC", new DateOnly(2024, 7, 1), new DateOnly(2029, 7, 1)));
            professional.AddTrainingRecord(new TrainingRecord("Posted by sponsor", "First 5 SF", new DateOnly(2026, 3, 1), 6m, null, null, null, TrainingTrustLevel.SponsorVerified));
            await db.SaveChangesAsync();
        }

        var driver = new SignUpDriver(client);
        SignUpDriver.Expect("/my-registry/training", await driver.SubmitAsync("/my-registry/training/add", "/my-registry/training/add", Training("Positive guidance", "2026-02-07", "3.5")));
        SignUpDriver.Expect("/my-registry/training", await driver.SubmitAsync("/my-registry/training/add", "/my-registry/training/add", Training("Health and safety", "2025-05-10", "15")));

        var page = await client.GetPageAsync("/my-registry/training");
        Assert.Equal("9.5", page.QuerySelector("#hours-this-year")?.TextContent);
        Assert.Equal("6", page.QuerySelector("#hours-this-year-verified")?.TextContent);
        Assert.Equal("3.5", page.QuerySelector("#hours-this-year-self")?.TextContent);
        var renewal = page.QuerySelector(".renewal")!.TextContent;
        Assert.Contains("24.5 of 105 hours", renewal, StringComparison.Ordinal);
        Assert.Contains("80.5 hours still needed.", renewal, StringComparison.Ordinal);

        var sponsorPosted = page.QuerySelectorAll(".training").Single(t => t.TextContent.Contains("Posted by sponsor", StringComparison.Ordinal));
        Assert.Null(sponsorPosted.QuerySelector("a, form"));
    }

    [Fact]
    public async Task Hours_a_sponsor_posted_cannot_be_edited_or_removed_by_the_attendee()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        int recordId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.FindAsync(professionalId);
            var record = new TrainingRecord("Posted", "First 5 SF", new DateOnly(2026, 3, 1), 6m, null, null, null, TrainingTrustLevel.SponsorVerified);
            professional!.AddTrainingRecord(record);
            await db.SaveChangesAsync();
            recordId = record.Id;
        }

        await client.GetPageAsync($"/my-registry/training/{recordId}/edit", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Title", "", "Title", "Enter the training's title.")]
    [InlineData("Sponsor", "", "Sponsor", "Enter who gave the training.")]
    [InlineData("ClockHours", "0", "ClockHours", "Enter clock hours as a number from 0.25 to 100, like 3 or 1.5.")]
    [InlineData("ClockHours", "many", "ClockHours", "Enter clock hours as a number from 0.25 to 100, like 3 or 1.5.")]
    [InlineData("AttendedYear", "2027", "Attended", "Add training once you have attended it: the date cannot be in the future.")]
    [InlineData("AttendedMonth", "", "Attended", "Enter a real date, for example 7 2 2026.")]
    [InlineData("DeliveryMode", "Telepathy", "DeliveryMode", "Choose in person, online or both.")]
    public async Task Bad_input_is_answered_beside_the_field(string field, string value, string errorField, string message)
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var values = Training("Positive guidance", "2026-02-07", "3");
        values[field] = value;

        var response = await new SignUpDriver(client).SubmitAsync("/my-registry/training/add", "/my-registry/training/add", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector($"#{errorField}-error")?.TextContent, StringComparison.Ordinal);
    }
}
