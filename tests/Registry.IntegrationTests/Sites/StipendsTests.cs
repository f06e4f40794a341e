using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;

namespace Registry.IntegrationTests.Sites;

/// <summary>
/// A stipend program's rules as data (California's AB 212 example): an eligible site the
/// program's administrators list, months and hours there, a permit held or applied for, training
/// or coursework completed in the last 12 months, a wage cap. Who meets them, who misses one and
/// which, for the administrator and for the person.
/// </summary>
public sealed class StipendsTests : IClassFixture<RegistryAppFactory>
{
    private const string Program = "ab212-example-county";
    private const string Page = "/stipends?program=ab212-example-county&county=San%20Francisco";
    private readonly RegistryAppFactory _app;

    public StipendsTests(RegistryAppFactory app) => _app = app;

    private static DateOnly Today => TestClock.Today;

    /// <summary>A teacher at the site for 14 months, 40 hours a week, at the wage given; with a permit and 16 hours of recent training unless told otherwise.</summary>
    private async Task<(HttpClient Client, string RegistryId)> WorkerAsync(int site, decimal wage, bool permit = true, bool training = true)
    {
        var (client, id) = await _app.SignedInProfessionalAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var professional = await db.Professionals.SingleAsync(p => p.Id == id);
        var job = Employment.AtListedEmployer(site, EmploymentRole.Teacher, Today.AddMonths(-14), new EmploymentSchedule(5, 8));
        job.Describe(false, AgeGroups.Preschool, wage, null);
        professional.AddEmployment(job);
        if (permit)
        {
            professional.AddCredential(new Credential(CredentialType.ChildDevelopmentTeacherPermit, null, "CTC", Today.AddYears(-1), Today.AddYears(4)));
        }

        if (training)
        {
            professional.AddTrainingRecord(new TrainingRecord("Workshop", "R&R", Today.AddMonths(-2), 16, null, "English", null, TrainingTrustLevel.SponsorVerified));
        }

        await db.SaveChangesAsync();
        return (client, RegistryId.Format(professional.RegistryId));
    }

    private static IHtmlFormElement AddSitesForm(IHtmlDocument page) => (IHtmlFormElement)page.QuerySelector("#add-sites")!;

    private static string? Missing(IHtmlDocument page, string registryId) =>
        page.QuerySelectorAll(".applicant").Single(a => a.TextContent.Contains(registryId, StringComparison.Ordinal)).QuerySelector(".missing")?.TextContent;

    private static string Group(IHtmlDocument page, string registryId) =>
        page.QuerySelectorAll(".applicant").Single(a => a.TextContent.Contains(registryId, StringComparison.Ordinal)).ParentElement!.Id!;

    /// <summary>How many sites the program lists, other than the one the other test lists.</summary>
    private async Task<int> ListedCountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var other = await _app.EmployerIdAsync("380500240");
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().StipendEligibleSites.CountAsync(s => s.Program == Program && s.EmployerId != other);
    }

    [Fact]
    public async Task The_administrator_lists_eligible_sites_and_sees_who_meets_the_rules_who_misses_one_and_which()
    {
        var listed = await _app.EmployerIdAsync("380500086");
        var unlisted = await _app.EmployerIdAsync("380500099");
        var (_, eligible) = await WorkerAsync(listed, 25m);
        var (overCap, overCapId) = await WorkerAsync(listed, 35m);
        var (elsewhere, elsewhereId) = await WorkerAsync(unlisted, 25m);
        var (admin, _) = await _app.SignedInWithGrantAsync(AccessRole.StipendAdministrator, null, "San Francisco");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.Employers.Add(new Employer("019900001", new EmployerDetails("OAKLAND TEST CENTER", FacilityType.DayCareCenter, null, "OAKLAND", "CA", null, "Alameda", 20, EmployerStatus.Licensed), "test", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        // Before any site is listed, nobody meets the rules, and the months ask for an eligible site.
        var page = await admin.GetPageAsync(Page);
        Assert.Equal("nearly", Group(page, eligible));
        Assert.Equal("Would miss: 9 months at an eligible site (yours is not on the program's list)", Missing(page, eligible));

        // Bad input: nothing, a number that is no license, a site in another county. Nothing is added.
        foreach (var (input, message) in new[]
        {
            ("  ", "Enter one or more license numbers."),
            ("380500086 12AB", "Not a licensed site in San Francisco: 12AB. Nothing was added."),
            ("380500086, 019900001", "Not a licensed site in San Francisco: 019900001. Nothing was added."),
        })
        {
            using var bad = await admin.PostFormAsync(AddSitesForm(page), values: new Dictionary<string, string> { ["LicenseNumbers"] = input });
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
            var shown = await bad.ReadPageAsync();
            Assert.Equal(message, shown.QuerySelector("#LicenseNumbers-error")?.TextContent.Replace("Error:", string.Empty, StringComparison.Ordinal).Trim());
            Assert.Equal(input.Trim(), (shown.QuerySelector("#LicenseNumbers") as IHtmlTextAreaElement)?.Value.Trim());
            Assert.Equal(0, await ListedCountAsync());
        }

        using (var added = await admin.PostFormAsync(AddSitesForm(page), values: new Dictionary<string, string> { ["LicenseNumbers"] = "380500086\n380500086" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, added.StatusCode);
        }

        page = await admin.GetPageAsync(Page);
        Assert.Contains("Added 1 sites", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll(".eligible-site"), s => s.TextContent.Contains("380500086", StringComparison.Ordinal));
        Assert.Equal(1, await ListedCountAsync());
        Assert.Equal("eligible", Group(page, eligible));
        Assert.Equal("nearly", Group(page, overCapId));
        Assert.Equal("Would miss: a wage at or under $30.00 an hour", Missing(page, overCapId));
        Assert.Equal("Would miss: 9 months at an eligible site (yours is not on the program's list)", Missing(page, elsewhereId));
        using (var csv = await admin.GetAsync(new Uri($"/stipends/export.csv?program={Program}&county=San%20Francisco", UriKind.Relative)))
        {
            var lines = (await csv.Content.ReadAsStringAsync()).Split('\n');
            Assert.Contains(lines, l => l.StartsWith(overCapId, StringComparison.Ordinal) && l.Contains(",no,a wage at or under $30.00 an hour", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith(eligible, StringComparison.Ordinal) && l.Contains(",yes,", StringComparison.Ordinal));
        }

        // The people see it themselves before applying.
        var own = await overCap.GetPageAsync("/my-registry/qualifications");
        Assert.Contains("a wage at or under $30.00 an hour", own.QuerySelector($"#rule-{Program} .missing")?.TextContent, StringComparison.Ordinal);
        own = await elsewhere.GetPageAsync("/my-registry/qualifications");
        Assert.Contains("yours is not on the program's list", own.QuerySelector($"#rule-{Program} .missing")?.TextContent, StringComparison.Ordinal);

        // Taking the site off the list takes the eligibility with it.
        var remove = (IHtmlFormElement)page.QuerySelectorAll(".eligible-site").Single(s => s.TextContent.Contains("380500086", StringComparison.Ordinal)).QuerySelector("form")!;
        using (await admin.PostFormAsync(remove))
        {
        }

        Assert.Equal(0, await ListedCountAsync());
        Assert.Equal("nearly", Group(await admin.GetPageAsync(Page), eligible));

        // Another county's administrator can neither see nor change San Francisco's list.
        var (otherCounty, _) = await _app.SignedInWithGrantAsync(AccessRole.StipendAdministrator, null, "Alameda");
        await otherCounty.GetPageAsync(Page, System.Net.HttpStatusCode.NotFound);
        var theirToken = ((IHtmlInputElement)(await otherCounty.GetPageAsync("/account/change-password")).QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        using var refused = await otherCounty.PostFormAsync(AddSitesForm(page), values: new Dictionary<string, string> { ["LicenseNumbers"] = "380500086", ["__RequestVerificationToken"] = theirToken });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(0, await ListedCountAsync());
    }

    [Fact]
    public async Task A_permit_applied_for_and_coursework_completed_this_year_meet_the_rules_through_the_forms()
    {
        var site = await _app.EmployerIdAsync("380500240");
        var (person, registryId) = await WorkerAsync(site, 20m, permit: false, training: false);
        var (admin, _) = await _app.SignedInWithGrantAsync(AccessRole.StipendAdministrator, null, "San Francisco");
        var page = await admin.GetPageAsync(Page);
        using (await admin.PostFormAsync(AddSitesForm(page), values: new Dictionary<string, string> { ["LicenseNumbers"] = "380500240" }))
        {
        }

        var own = await person.GetPageAsync("/my-registry/qualifications");
        var before = own.QuerySelector($"#rule-{Program} .missing")!.TextContent;
        Assert.Contains("held or applied for in the last 12 months", before[before.IndexOf("Missing:", StringComparison.Ordinal)..], StringComparison.Ordinal);

        // The permit applied for, through the permits page: bad input first.
        var permits = await person.GetPageAsync("/my-registry/permits");
        var form = (IHtmlFormElement)permits.QuerySelector("#application-form")!;
        var iso = Today.AddMonths(-1);
        foreach (var (values, field, message) in new[]
        {
            (new Dictionary<string, string> { ["Type"] = "", ["AppliedDay"] = "1", ["AppliedMonth"] = "1", ["AppliedYear"] = "2026" }, "Type", "Choose the permit you applied for."),
            (new Dictionary<string, string> { ["Type"] = "MultipleSubjectTeachingCredential", ["AppliedDay"] = "1", ["AppliedMonth"] = "1", ["AppliedYear"] = "2026" }, "Type", "Choose the permit you applied for."),
            (new Dictionary<string, string> { ["Type"] = "ChildDevelopmentAssistantPermit", ["AppliedDay"] = "", ["AppliedMonth"] = "", ["AppliedYear"] = "" }, "Applied", "Enter the date you applied."),
            (new Dictionary<string, string> { ["Type"] = "ChildDevelopmentAssistantPermit", ["AppliedDay"] = "31", ["AppliedMonth"] = "2", ["AppliedYear"] = "2026" }, "Applied", "Enter a real date you applied."),
            (new Dictionary<string, string> { ["Type"] = "ChildDevelopmentAssistantPermit", ["AppliedDay"] = Today.AddDays(3).Day.ToString(System.Globalization.CultureInfo.InvariantCulture), ["AppliedMonth"] = Today.AddDays(3).Month.ToString(System.Globalization.CultureInfo.InvariantCulture), ["AppliedYear"] = Today.AddDays(3).Year.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "Applied", "The date you applied cannot be in the future."),
        })
        {
            using var bad = await person.PostFormAsync(form, values: values);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
            var shown = await bad.ReadPageAsync();
            Assert.Equal(message, shown.QuerySelector($"#{field}-error")?.TextContent.Replace("Error:", string.Empty, StringComparison.Ordinal).Trim());
        }

        var good = new Dictionary<string, string>
        {
            ["Type"] = "ChildDevelopmentAssistantPermit",
            ["AppliedDay"] = iso.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AppliedMonth"] = iso.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AppliedYear"] = iso.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using (var saved = await person.PostFormAsync(form, values: good))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var again = await person.PostFormAsync(form, values: good))
        {
            var shown = await again.ReadPageAsync();
            Assert.Equal("An application for this permit is already recorded.", shown.QuerySelector("#Type-error")?.TextContent.Replace("Error:", string.Empty, StringComparison.Ordinal).Trim());
        }

        Assert.Single((await person.GetPageAsync("/my-registry/permits")).QuerySelectorAll("#applications .application"));

        // Now only the training or coursework is missing; a course that ended last month, through the course form, meets it.
        own = await person.GetPageAsync("/my-registry/qualifications");
        var closest = own.QuerySelector($"#rule-{Program} .missing")!.TextContent;
        var missing = closest[closest.IndexOf("Missing:", StringComparison.Ordinal)..];
        Assert.DoesNotContain("held or applied for", missing, StringComparison.Ordinal);
        Assert.EndsWith("Missing: 15 hours of professional development.", missing, StringComparison.Ordinal);
        var courseForm = (await person.GetPageAsync("/my-registry/education/courses/add")).Forms.Single(f => f.GetAttribute("action") == "/my-registry/education/courses/add");
        var course = new Dictionary<string, string>
        {
            ["Institution"] = "City College of San Francisco", ["Title"] = "Child Growth and Development", ["Units"] = "3", ["UnitType"] = "Semester",
            ["Grade"] = "A", ["Category"] = "ChildGrowthAndDevelopment", ["CompletedDay"] = "40", ["CompletedMonth"] = "1", ["CompletedYear"] = "2026",
        };
        using (var bad = await person.PostFormAsync(courseForm, values: course))
        {
            Assert.Equal("Enter a real date the course ended, or leave it empty.", (await bad.ReadPageAsync()).QuerySelector("#Completed-error")?.TextContent.Replace("Error:", string.Empty, StringComparison.Ordinal).Trim());
        }

        course["CompletedDay"] = iso.Day.ToString(System.Globalization.CultureInfo.InvariantCulture);
        course["CompletedMonth"] = iso.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);
        course["CompletedYear"] = iso.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var saved = await person.PostFormAsync(courseForm, values: course))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        }

        own = await person.GetPageAsync("/my-registry/qualifications");
        Assert.Null(own.QuerySelector($"#rule-{Program} .missing"));
        Assert.Contains("Assistant", own.QuerySelector($"#rule-{Program}")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("eligible", Group(await admin.GetPageAsync(Page), registryId));

        // An application stops counting a year after it was made.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await db.PermitApplications.Where(a => a.Type == CredentialType.ChildDevelopmentAssistantPermit)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.AppliedOn, Today.AddYears(-1)));

            // The date moved behind the change tracker (only a test does that): the stored summaries are worked out again, as the year passing would have.
            var applicants = await db.PermitApplications.Where(a => a.Type == CredentialType.ChildDevelopmentAssistantPermit).Select(a => a.ProfessionalId).ToListAsync();
            await scope.ServiceProvider.GetRequiredService<Registry.Web.Infrastructure.Rules.QualificationSummaries>().StageAsync(db, applicants, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        Assert.Contains("held or applied for in the last 12 months", Missing(await admin.GetPageAsync(Page), registryId), StringComparison.Ordinal);
    }
}
