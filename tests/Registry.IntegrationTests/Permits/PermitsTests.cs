using System.Net;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Permits;

/// <summary>Permits and credentials through the forms, with expiry judged against a fixed clock (1 November 2026).</summary>
public sealed class PermitsTests : IClassFixture<ClockAppFactory>
{
    private readonly ClockAppFactory _app;

    public PermitsTests(ClockAppFactory app) => _app = app;

    private static Dictionary<string, string> Permit(string type, string issued, string? expires = null, string body = "Commission on Teacher Credentialing")
    {
        var i = issued.Split('-');
        var e = expires?.Split('-');
        return new()
        {
            ["Type"] = type,
            ["Description"] = "",
            ["Number"] = "240012345",
            ["IssuingBody"] = body,
            ["IssuedYear"] = i[0], ["IssuedMonth"] = i[1], ["IssuedDay"] = i[2],
            ["ExpiresYear"] = e?[0] ?? "", ["ExpiresMonth"] = e?[1] ?? "", ["ExpiresDay"] = e?[2] ?? "",
        };
    }

    [Fact]
    public async Task Expired_and_expiring_permits_are_shown_plainly_and_CPR_without_a_printed_expiry_counts_two_years()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);

        // CPR issued 2024-12-15 with no printed expiry: expires 2026-12-15, within 90 days of 1 November 2026.
        SignUpDriver.Expect("/my-registry/permits", await driver.SubmitAsync("/my-registry/permits/add", "/my-registry/permits/add", Permit("PediatricCprAndFirstAid", "2024-12-15", body: "American Red Cross")));
        // A Teacher permit that expired on 2026-06-30.
        SignUpDriver.Expect("/my-registry/permits", await driver.SubmitAsync("/my-registry/permits/add", "/my-registry/permits/add", Permit("ChildDevelopmentTeacherPermit", "2021-07-01", "2026-06-30")));
        // A Site Supervisor permit good until 2030.
        SignUpDriver.Expect("/my-registry/permits", await driver.SubmitAsync("/my-registry/permits/add", "/my-registry/permits/add", Permit("ChildDevelopmentSiteSupervisorPermit", "2025-07-01", "2030-07-01")));

        var page = await client.GetPageAsync("/my-registry/permits");
        var items = page.QuerySelectorAll(".permit").ToList();
        string Standing(string name) => items.Single(i => i.TextContent.Contains(name, StringComparison.Ordinal)).QuerySelector(".standing")?.TextContent ?? "current";

        Assert.Equal("Expires within 90 days: time to renew", Standing("Pediatric CPR"));
        Assert.Contains("no expiry printed: assumed", items.Single(i => i.TextContent.Contains("Pediatric CPR", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
        Assert.Contains("12/15/2026", items.Single(i => i.TextContent.Contains("Pediatric CPR", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
        Assert.Equal("Expired", Standing("Permit: Teacher"));
        Assert.Equal("current", Standing("Site Supervisor"));
    }

    [Fact]
    public async Task A_permit_is_edited_and_removed()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);
        await driver.SubmitAsync("/my-registry/permits/add", "/my-registry/permits/add", Permit("ChildDevelopmentTeacherPermit", "2021-07-01", "2026-06-30"));
        var edit = (await client.GetPageAsync("/my-registry/permits")).QuerySelector(".permit a")!.GetAttribute("href")!;

        SignUpDriver.Expect("/my-registry/permits", await driver.SubmitAsync(edit, edit, Permit("ChildDevelopmentTeacherPermit", "2026-07-01", "2031-07-01")));
        var page = await client.GetPageAsync("/my-registry/permits");
        Assert.Null(page.QuerySelector(".permit .standing"));

        var remove = page.Forms.Single(f => f.Action.EndsWith("/remove", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(remove)).StatusCode);
        Assert.Empty((await client.GetPageAsync("/my-registry/permits")).QuerySelectorAll(".permit"));
    }

    [Theory]
    [InlineData("Type", "", "Type", "Choose the kind of permit or credential.")]
    [InlineData("Type", "Other", "Description", "Say what the certificate is.")]
    [InlineData("IssuingBody", "", "IssuingBody", "Enter who issued it.")]
    [InlineData("IssuedDay", "", "Issued", "Enter a real issue date, for example 1 3 2025.")]
    [InlineData("IssuedYear", "2027", "Issued", "The issue date cannot be in the future.")]
    [InlineData("ExpiresYear", "2020", "Expires", "The expiry date must be after the issue date.")]
    [InlineData("ExpiresMonth", "13", "Expires", "Enter a real expiry date, or leave it empty if none is printed.")]
    [InlineData("Number", "51", "Number", "Use at most 50 characters.")]
    [InlineData("EarnedIn", "Atlantis", "EarnedIn", "Choose a state or a country from the list.")]
    public async Task Bad_input_is_answered_beside_the_field(string field, string value, string errorField, string message)
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        var values = Permit("ChildDevelopmentTeacherPermit", "2021-07-01", "2026-06-30");
        values[field] = value == "51" ? new string('9', 51) : value;

        var response = await new SignUpDriver(client).SubmitAsync("/my-registry/permits/add", "/my-registry/permits/add", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector($"#{errorField}-error")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_person_s_permit_is_not_found()
    {
        var (owner, _) = await _app.SignedInProfessionalAsync();
        await new SignUpDriver(owner).SubmitAsync("/my-registry/permits/add", "/my-registry/permits/add", Permit("ChildDevelopmentTeacherPermit", "2021-07-01", "2026-06-30"));
        var edit = (await owner.GetPageAsync("/my-registry/permits")).QuerySelector(".permit a")!.GetAttribute("href")!;
        var (stranger, _) = await _app.SignedInProfessionalAsync();

        await stranger.GetPageAsync(edit, HttpStatusCode.NotFound);
    }
}
