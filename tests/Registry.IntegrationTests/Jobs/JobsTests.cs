using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Jobs;

/// <summary>Employment history through the forms (fixed clock: 1 November 2026).</summary>
public sealed class JobsTests : IClassFixture<ClockAppFactory>
{
    private readonly ClockAppFactory _app;

    public JobsTests(ClockAppFactory app) => _app = app;

    private static Dictionary<string, string> Job(string role = "Teacher", string start = "2022-08-15", string? end = null, string days = "5", string hours = "7.5")
    {
        var s = start.Split('-');
        var e = end?.Split('-');
        return new()
        {
            ["Role"] = role, ["RoleDescription"] = "",
            ["StartYear"] = s[0], ["StartMonth"] = s[1], ["StartDay"] = s[2],
            ["EndYear"] = e?[0] ?? "", ["EndMonth"] = e?[1] ?? "", ["EndDay"] = e?[2] ?? "",
            ["DaysPerWeek"] = days, ["HoursPerDay"] = hours, ["HourlyWage"] = "",
        };
    }

    [Fact]
    public async Task A_job_is_added_at_a_listed_employer_found_by_the_look_up()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();

        var search = await client.GetPageAsync("/my-registry/employment/add?q=380500086");
        var select = search.QuerySelector("a.select-employer")!.GetAttribute("href")!;
        var response = await new SignUpDriver(client).SubmitAsync(select, "/my-registry/employment/add", Job(), ["Preschool"]);

        SignUpDriver.Expect("/my-registry/employment", response);
        var page = await client.GetPageAsync("/my-registry/employment");
        var job = page.QuerySelector(".job")!.TextContent;
        Assert.Contains("JCCSF BROTHERHOOD WAY PRESCHOOL", job, StringComparison.Ordinal);
        Assert.Contains("5 days a week, 7.5 hours a day", job, StringComparison.Ordinal);
        Assert.Contains("not yet confirmed by the employer", job, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(professionalId));
    }

    [Fact]
    public async Task A_past_job_at_an_unlisted_employer_is_kept_as_typed()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var values = Job(start: "2015-01-05", end: "2019-06-30");
        values["UnlistedName"] = "Tiny Tots";
        values["UnlistedAddress"] = "";
        values["UnlistedCity"] = "Daly City";

        SignUpDriver.Expect("/my-registry/employment", await new SignUpDriver(client).SubmitAsync("/my-registry/employment/add?notFound=true", "/my-registry/employment/add", values, ["Infants"]));

        var text = (await client.GetPageAsync("/my-registry/employment")).QuerySelector(".job")!.TextContent;
        Assert.Contains("Tiny Tots", text, StringComparison.Ordinal);
        Assert.Contains("1/5/2015 to 6/30/2019", text, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(professionalId));
    }

    [Fact]
    public async Task A_role_change_adds_a_dated_row_and_keeps_the_earlier_role()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);
        var select = (await client.GetPageAsync("/my-registry/employment/add?q=380500086")).QuerySelector("a.select-employer")!.GetAttribute("href")!;
        await driver.SubmitAsync(select, "/my-registry/employment/add", Job(), ["Preschool"]);
        var changeRole = (await client.GetPageAsync("/my-registry/employment")).QuerySelectorAll("a").Single(a => a.TextContent == "Change role").GetAttribute("href")!;

        var response = await driver.SubmitAsync(changeRole, changeRole, new Dictionary<string, string> { ["Role"] = "LeadTeacher", ["RoleDescription"] = "", ["FromDay"] = "1", ["FromMonth"] = "9", ["FromYear"] = "2024" });

        SignUpDriver.Expect("/my-registry/employment", response);
        var jobs = (await client.GetPageAsync("/my-registry/employment")).QuerySelectorAll(".job").Select(j => j.TextContent).ToList();
        Assert.Equal(2, jobs.Count);
        Assert.True(jobs[0].Contains("Lead teacher", StringComparison.Ordinal) && jobs[0].Contains("since 9/1/2024", StringComparison.Ordinal), jobs[0]);
        Assert.True(jobs[1].Contains("Teacher", StringComparison.Ordinal) && jobs[1].Contains("8/15/2022 to 8/31/2024", StringComparison.Ordinal), jobs[1]);
        Assert.Equal(2, await CountAsync(professionalId));

        // Recent changes: the earlier role ended the day before, and the new role was added.
        var history = (await client.GetPageAsync("/my-registry/history")).QuerySelectorAll(".change > div:last-child")
            .Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Contains("Job: JCCSF BROTHERHOOD WAY PRESCHOOL End date: — → changed to 8/31/2024", history);
        Assert.Equal(2, history.Count(h => h == "Job: JCCSF BROTHERHOOD WAY PRESCHOOL — added"));
    }

    [Fact]
    public async Task Editing_a_confirmed_job_s_dates_makes_it_unconfirmed_and_a_confirmed_job_cannot_be_removed()
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var driver = new SignUpDriver(client);
        var select = (await client.GetPageAsync("/my-registry/employment/add?q=380500086")).QuerySelector("a.select-employer")!.GetAttribute("href")!;
        await driver.SubmitAsync(select, "/my-registry/employment/add", Job(), ["Preschool"]);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var job = await db.Employments.SingleAsync(e => e.ProfessionalId == professionalId);
            job.ConfirmByEmployer("director-of-the-site", _app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var page = await client.GetPageAsync("/my-registry/employment");
        Assert.Contains("confirmed by the employer", page.QuerySelector(".job .confirmation")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".job form"));

        var edit = page.QuerySelectorAll(".job a")[0].GetAttribute("href")!;
        var response = await driver.SubmitAsync(edit, edit, Job(start: "2022-08-01"), ["Preschool"]);
        SignUpDriver.Expect("/my-registry/employment", response);
        var after = await client.GetPageAsync("/my-registry/employment");
        Assert.Contains("it now waits for them to confirm the change", after.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("not yet confirmed by the employer", after.QuerySelector(".job .confirmation")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Role", "", "Role", "Choose your role.")]
    [InlineData("StartYear", "2027", "Start", "The start date cannot be in the future.")]
    [InlineData("EndYear", "2020", "End", "The end date cannot be before the start date.")]
    [InlineData("EndMonth", "13", "End", "Enter a real end date, or leave it empty for a current job.")]
    [InlineData("DaysPerWeek", "9", "DaysPerWeek", "Enter a whole number of days from 1 to 7.")]
    [InlineData("HoursPerDay", "25", "HoursPerDay", "Enter hours a day from 0.5 to 24.")]
    [InlineData("HourlyWage", "lots", "HourlyWage", "Enter the hourly wage in dollars, like 24.50, or leave it empty.")]
    public async Task Bad_input_is_answered_beside_the_field(string field, string value, string errorField, string message)
    {
        var (client, professionalId) = await _app.SignedInProfessionalAsync();
        var select = (await client.GetPageAsync("/my-registry/employment/add?q=380500086")).QuerySelector("a.select-employer")!.GetAttribute("href")!;
        var values = Job();
        values[field] = value;
        if (field == "EndYear")
        {
            values["EndMonth"] = "1";
            values["EndDay"] = "1";
        }

        var response = await new SignUpDriver(client).SubmitAsync(select, "/my-registry/employment/add", values, ["Preschool"]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector($"#{errorField}-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(professionalId));
    }

    [Fact]
    public async Task Another_person_s_job_is_not_found()
    {
        var (owner, _) = await _app.SignedInProfessionalAsync();
        var select = (await owner.GetPageAsync("/my-registry/employment/add?q=380500086")).QuerySelector("a.select-employer")!.GetAttribute("href")!;
        await new SignUpDriver(owner).SubmitAsync(select, "/my-registry/employment/add", Job(), ["Preschool"]);
        var edit = (await owner.GetPageAsync("/my-registry/employment")).QuerySelectorAll(".job a")[0].GetAttribute("href")!;
        var (stranger, _) = await _app.SignedInProfessionalAsync();

        await stranger.GetPageAsync(edit, HttpStatusCode.NotFound);
    }

    private async Task<int> CountAsync(int professionalId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Employments.CountAsync(e => e.ProfessionalId == professionalId);
    }
}
