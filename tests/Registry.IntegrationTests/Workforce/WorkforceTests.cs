using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Synthetic;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Workforce;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Workforce;

/// <summary>
/// The workforce picture through the real app on real SQLite: snapshots taken by the background
/// worker on request, what they hold for hand-built people, reports equal to direct counts,
/// small cells withheld on the public pages and in the CSV, who sees what, the extract against
/// its schema, and the synthetic state's documented shares.
/// </summary>
public sealed partial class WorkforceTests
{
    private static DateOnly Today => TestClock.Today;

    private static string? Error(IHtmlDocument page, string field) =>
        page.GetElementById(field + "-error")?.TextContent.Replace("Error:", string.Empty, StringComparison.Ordinal).Trim();

    [Fact]
    public async Task A_snapshot_holds_one_de_identified_row_per_person_working_on_the_day_classified_as_built()
    {
        await using var app = new RegistryAppFactory();
        var center = await app.EmployerIdAsync("380500086");
        int otherCenter;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            otherCenter = await db.Employers.Where(e => e.Id != center && e.FacilityType == Registry.Web.Domain.Employers.FacilityType.DayCareCenter).Select(e => e.Id).FirstAsync();
        }

        // Two current jobs: counted once, as the teacher's job (more hours), with the highest current permit.
        await AddPersonAsync(app, new DateOnly(1990, 5, 1), p =>
        {
            p.HighestEducationLevel = EducationLevel.Bachelor;
            p.SetRaceEthnicity([new(RaceEthnicityCategory.Asian, null), new(RaceEthnicityCategory.White, null)], declined: false);
            p.SetLanguagesSpoken(["Cantonese", "English"]);
            var teacher = Employment.AtListedEmployer(center, EmploymentRole.Teacher, Today.AddYears(-3), new EmploymentSchedule(5, 8));
            teacher.Describe(false, AgeGroups.Preschool, 23.50m, null);
            p.AddEmployment(teacher);
            p.AddEmployment(Employment.AtListedEmployer(otherCenter, EmploymentRole.Assistant, Today.AddYears(-1), new EmploymentSchedule(2, 5)));
            p.AddCredential(new Credential(CredentialType.ChildDevelopmentTeacherPermit, null, "CTC", Today.AddYears(-2), Today.AddYears(3)));
            p.AddCredential(new Credential(CredentialType.ChildDevelopmentMasterTeacherPermit, null, "CTC", Today.AddYears(-7), Today.AddYears(-2)));
        });

        // Not yet matched to a site: the county comes from the person; race and ethnicity declined.
        await AddPersonAsync(app, Today.AddYears(-22), p =>
        {
            p.County = "Fresno";
            p.SetRaceEthnicity([], declined: true);
            p.AddEmployment(Employment.AtUnlistedEmployer(new UnlistedEmployer("Casa Feliz", null, "Fresno"), EmploymentRole.Assistant, Today.AddMonths(-3), new EmploymentSchedule(5, 6)));
        });

        // Left the field, and not started yet: in no census of today.
        await AddPersonAsync(app, new DateOnly(1980, 1, 1), p =>
        {
            var job = Employment.AtListedEmployer(center, EmploymentRole.Teacher, Today.AddYears(-5), new EmploymentSchedule(5, 8));
            job.End(Today.AddDays(-1));
            p.AddEmployment(job);
        });
        await AddPersonAsync(app, new DateOnly(1985, 1, 1), p => p.AddEmployment(Employment.AtListedEmployer(center, EmploymentRole.Teacher, Today.AddDays(7), new EmploymentSchedule(5, 8))));

        var (analyst, _) = await app.SignedInWithRoleAsync(Roles.Analyst);
        var id = await TakeSnapshotAsync(app, analyst);

        List<CensusRecord> rows;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            rows = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().CensusRecords.Where(r => r.SnapshotId == id).OrderBy(r => r.Id).ToListAsync();
        }

        Assert.Equal(2, rows.Count);
        var teacherRow = Assert.Single(rows, r => r.Role == EmploymentRole.Teacher);
        Assert.Equal(CensusSetting.Center, teacherRow.Setting);
        Assert.Equal("San Francisco", Census.CountyName(teacherRow.County));
        Assert.Equal((int)EducationLevel.Bachelor, teacherRow.Education);
        Assert.Equal(PermitLevel.Teacher, teacherRow.Permit); // the expired Master Teacher permit does not count
        Assert.Equal(WageBand.From22To26, teacherRow.Wage);
        Assert.Equal(Race2024.TwoOrMore, teacherRow.Race);
        Assert.Equal(Ethnicity1997.NotHispanicOrLatino, teacherRow.Ethnicity1997);
        Assert.Equal(Race1997.TwoOrMoreRaces, teacherRow.Race1997);
        Assert.Equal((int)(LanguageGroups.Chinese | LanguageGroups.English), teacherRow.Languages);
        Assert.Equal(Census.Age(new DateOnly(1990, 5, 1), Today), teacherRow.Age);

        var assistantRow = Assert.Single(rows, r => r.Role == EmploymentRole.Assistant);
        Assert.Equal(CensusSetting.NotYetMatched, assistantRow.Setting);
        Assert.Equal("Fresno", Census.CountyName(assistantRow.County));
        Assert.Equal(Race2024.NotReported, assistantRow.Race);
        Assert.Equal(AgeBand.Under25, assistantRow.Age);
        Assert.Equal(WageBand.NotReported, assistantRow.Wage);

        // Nothing in a census row can name a person.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var columns = scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Model.FindEntityType(typeof(CensusRecord))!.GetProperties().Select(p => p.Name).ToList();
            Assert.DoesNotContain(columns, c => c.Contains("Professional", StringComparison.Ordinal) || c.Contains("Name", StringComparison.Ordinal) || c.Contains("Birth", StringComparison.Ordinal) || c.Contains("Employer", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Published_figures_are_public_with_small_groups_withheld_and_a_second_figure_withheld_so_the_first_cannot_be_worked_out()
    {
        await using var app = new RegistryAppFactory();
        var anonymous = app.CreateBrowserLikeClient();
        Assert.NotNull((await anonymous.GetPageAsync("/workforce")).GetElementById("nothing-published"));

        // A crafted small county: ages 25-34 (12), 35-44 (11), 45-54 (10), 55-64 (13), 65+ (10), and 4 under 25.
        var center = await app.EmployerIdAsync("380500086");
        (int Age, int Count)[] groups = [(20, 4), (30, 12), (40, 11), (50, 10), (60, 13), (70, 10)];
        foreach (var (age, count) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                await AddPersonAsync(app, Today.AddYears(-age).AddDays(-10), p =>
                    p.AddEmployment(Employment.AtListedEmployer(center, EmploymentRole.Teacher, Today.AddYears(-1), new EmploymentSchedule(5, 8))));
            }
        }

        var (analyst, _) = await app.SignedInWithRoleAsync(Roles.Analyst);
        var id = await TakeSnapshotAsync(app, analyst);

        // Not public until published.
        Assert.NotNull((await anonymous.GetPageAsync("/workforce")).GetElementById("nothing-published"));
        var snapshots = await analyst.GetPageAsync("/workforce/snapshots");
        var publish = snapshots.Forms.First(f => f.GetAttribute("action") == $"/workforce/snapshots/{id}/publish");
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostFormAsync(publish)).StatusCode);

        var page = await anonymous.GetPageAsync("/workforce?rows=Age&by=None&county=San+Francisco");
        long? Figure(string key)
        {
            var cell = page.QuerySelector($"#report-table tr[data-key='{key}'] td[data-column='total']")!;
            return cell.QuerySelector(".visually-hidden") is not null ? null : long.Parse(cell.TextContent.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        }

        Assert.Null(Figure(((int)AgeBand.Under25).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(60, Figure("total"));
        var others = new[] { AgeBand.From25To34, AgeBand.From35To44, AgeBand.From45To54, AgeBand.From55To64, AgeBand.SixtyFiveOrOlder }
            .Select(a => Figure(((int)a).ToString(CultureInfo.InvariantCulture))).ToList();
        // Exactly one complementary figure, one of the two tens (the smallest), so 4 cannot be had as 60 minus the rest.
        Assert.Equal(1, others.Count(f => f is null));
        Assert.True(others[2] is null || others[4] is null, "The complementary figure is one of the smallest.");
        Assert.Equal([12L, 11L, 13L], new[] { others[0], others[1], others[3] });
        Assert.DoesNotContain(page.QuerySelectorAll("#report-table td"), td => td.TextContent.Trim() is "4" or "14");

        // The state's table says the same: the county's small figure is not the state's minus the others'.
        var state = await anonymous.GetPageAsync("/workforce?rows=Age&by=None");
        Assert.NotNull(state.QuerySelector($"#report-table tr[data-key='{(int)AgeBand.Under25}'] td[data-column='total'] .visually-hidden"));

        // The CSV withholds the same figures, never as a number.
        using var csv = await anonymous.GetAsync(new Uri("/workforce/table.csv?rows=Age&by=None&county=San+Francisco", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Age,Total", lines[0]);
        Assert.Equal("Under 25,suppressed", lines[1]);
        Assert.Equal(2, lines.Count(l => l.EndsWith(",suppressed", StringComparison.Ordinal)));
        Assert.Equal("Total,60", lines[^1]);

        // The map: San Francisco has 60 people, every other county none (withheld).
        var map = await anonymous.GetPageAsync("/workforce/map");
        Assert.Equal("60", map.QuerySelector("#map-table tr[data-county='San Francisco'] td")!.TextContent.Trim());
        Assert.Equal(58, map.QuerySelectorAll("#county-map path").Length);
        Assert.NotNull(map.QuerySelector("#county-map title"));
        Assert.NotNull(map.QuerySelector("#map-table tr[data-county='Alpine'] td .visually-hidden"));
        using var mapCsv = await anonymous.GetAsync(new Uri("/workforce/map.csv?measure=People", UriKind.Relative));
        var mapLines = (await mapCsv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("County,fips,Number of people", mapLines[0]);
        Assert.Contains("San Francisco,06075,60", mapLines);
        Assert.Contains("Alpine,06003,suppressed", mapLines);
        Assert.Equal(59, mapLines.Length);
    }

    [Fact]
    public async Task Bad_choices_are_named_beside_their_field_and_finer_cuts_are_for_analysts()
    {
        await using var app = new RegistryAppFactory();
        var center = await app.EmployerIdAsync("380500086");
        await app.StaffAtAsync(center, 30);
        var (analyst, _) = await app.SignedInWithRoleAsync(Roles.Analyst);
        var id = await TakeSnapshotAsync(app, analyst);
        var anonymous = app.CreateBrowserLikeClient();

        // Analysts see an unpublished snapshot, any two dimensions, filters; the public does not.
        var analysis = await analyst.GetPageAsync($"/workforce/analysis?snapshot={id}&rows=Role&by=Age&role=Teacher");
        Assert.Equal("30", analysis.QuerySelector("#report-table tr[data-key='total'] td[data-column='total']")!.TextContent.Trim());
        var trend = await analyst.GetPageAsync("/workforce/trend?rows=Role");
        Assert.Equal("30", trend.QuerySelector($"#trend-table tr[data-key='{(int)EmploymentRole.Teacher}'] td[data-snapshot='{id}']")!.TextContent.Trim());
        using (var trendCsv = await analyst.GetAsync(new Uri(trend.GetElementById("download-csv")!.GetAttribute("href")!, UriKind.Relative)))
        {
            var trendLines = (await trendCsv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal($"Role,{Today:yyyy-MM-dd}", trendLines[0]);
            Assert.Contains("Teacher,30", trendLines);
            Assert.Contains("Assistant,suppressed", trendLines);
        }

        using (var signIn = await anonymous.GetAsync(new Uri("/workforce/analysis", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Contains("/account/sign-in", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var (professional, _) = await app.SignedInProfessionalAsync();
        using (var forbidden = await professional.GetAsync(new Uri("/workforce/snapshots", UriKind.Relative)))
        {
            Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
        }

        var snapshots = await analyst.GetPageAsync("/workforce/snapshots");
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostFormAsync(snapshots.Forms.First(f => f.GetAttribute("action") == $"/workforce/snapshots/{id}/publish"))).StatusCode);

        // Bad values in the address: named beside the field, the page still answers.
        var bad = await anonymous.GetPageAsync("/workforce?rows=Bogus&by=Age&county=Atlantis");
        Assert.Equal("Choose what to count by from the list.", Error(bad, "Rows"));
        Assert.Equal("Choose how to break the figures down from the list.", Error(bad, "By")); // Age is for analysts
        Assert.Equal("Choose a county from the list.", Error(bad, "County"));
        Assert.NotNull(bad.GetElementById("report-table"));
        var counties = await anonymous.GetPageAsync("/workforce?rows=County&county=Fresno");
        Assert.Equal("Counting by county needs the whole state: choose California, or another dimension.", Error(counties, "Rows"));
        var spanish = await analyst.GetPageAsync("/workforce/analysis?rows=99&role=Nobody&snapshot=x");
        Assert.NotNull(Error(spanish, "Rows"));
        Assert.Equal("Choose a role from the list.", Error(spanish, "Role"));
        Assert.Equal("Choose a snapshot from the list.", Error(spanish, "Snapshot"));
        using (var badCsv = await anonymous.GetAsync(new Uri("/workforce/table.csv?rows=Nope", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, badCsv.StatusCode);
            Assert.Equal("text/html", badCsv.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal("Choose a measure from the list.", Error(await anonymous.GetPageAsync("/workforce/map?measure=Height"), "measure"));

        // A snapshot cannot be taken without the form's antiforgery token.
        using var forged = await analyst.PostAsync(new Uri("/workforce/snapshots", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // In Spanish.
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var es = await anonymous.GetPageAsync("/workforce?rows=Bogus");
        Assert.Equal("Elija de la lista por qué contar.", Error(es, "Rows"));
        Assert.Contains("Puesto", es.GetElementById("report-table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_synthetic_state_has_the_documented_shares_and_reports_equal_direct_counts_and_the_extract_matches_its_schema()
    {
        await using var app = new RegistryAppFactory();
        var size = new SyntheticStateSize(People: 3000, Employers: 400, TrainingRecords: 30_000, Courses: 10_000, Seed: 7);
        SyntheticState.Result result;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            result = await ActivatorUtilities.CreateInstance<SyntheticState>(scope.ServiceProvider).GenerateAsync(size, CancellationToken.None);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            Assert.Equal(3000, await db.Professionals.CountAsync());
            Assert.Equal(30_000, await db.TrainingRecords.CountAsync());
            Assert.Equal(10_000, await db.Courses.CountAsync());
            Assert.True(await db.Employers.CountAsync(e => e.Source == "CCLD") >= 400);

            var active = await db.Employments.Where(e => e.EndDate == null && e.StartDate <= Today).Select(e => e.ProfessionalId).Distinct().CountAsync();
            Assert.Equal(result.Active, active);
            AssertShare(SyntheticState.ActiveShare, active, 3000, 0.025);

            var answered = await db.Professionals.CountAsync(p => !p.RaceEthnicityDeclined);
            AssertShare(1 - SyntheticState.RaceDeclinedShare, answered, 3000, 0.015);
            var hispanicOnly = await db.Professionals.CountAsync(p => p.RaceEthnicities.Count() == 1 && p.RaceEthnicities.Any(r => r.Category == RaceEthnicityCategory.HispanicOrLatino));
            AssertShare(0.43, hispanicOnly, answered, 0.035);
            var permits = await db.Credentials.Where(c => c.Type <= CredentialType.ChildDevelopmentProgramDirectorPermit).Select(c => c.ProfessionalId).Distinct().CountAsync();
            AssertShare(SyntheticState.PermitShare, permits, 3000, 0.035);
            var bachelorOrMore = await db.Professionals.CountAsync(p => p.HighestEducationLevel >= EducationLevel.Bachelor);
            AssertShare(0.25 * 0.97, bachelorOrMore, 3000, 0.03);
            var wages = await db.Employments.CountAsync(e => e.EndDate == null && e.HourlyWage != null);
            AssertShare(SyntheticState.WageReportedShare, wages, await db.Employments.CountAsync(e => e.EndDate == null), 0.05);
            var losAngeles = await db.Employers.CountAsync(e => e.Source == "CCLD" && e.County == "Los Angeles");
            var alpine = await db.Employers.CountAsync(e => e.Source == "CCLD" && e.County == "Alpine");
            Assert.True(losAngeles > 60 && alpine < 5, $"Sites follow population: {losAngeles} in Los Angeles, {alpine} in Alpine.");
        }

        var (analyst, _) = await app.SignedInWithRoleAsync(Roles.Analyst);
        var id = await TakeSnapshotAsync(app, analyst);

        // Every figure shown equals a direct count of the snapshot's rows.
        var page = await analyst.GetPageAsync($"/workforce/analysis?snapshot={id}&rows=Role&by=Race");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            Assert.Equal(result.Active, await db.CensusRecords.CountAsync(r => r.SnapshotId == id));
            var shown = 0;
            foreach (var row in page.QuerySelectorAll("#report-table tbody tr"))
            {
                var role = (EmploymentRole)int.Parse(row.GetAttribute("data-key")!, CultureInfo.InvariantCulture);
                foreach (var cell in row.QuerySelectorAll("td[data-column]").Where(c => c.QuerySelector(".visually-hidden") is null))
                {
                    var value = long.Parse(cell.TextContent.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                    var column = cell.GetAttribute("data-column");
                    var direct = column == "total"
                        ? await db.CensusRecords.CountAsync(r => r.SnapshotId == id && r.Role == role)
                        : await db.CensusRecords.CountAsync(r => r.SnapshotId == id && r.Role == role && (int)r.Race == int.Parse(column!, CultureInfo.InvariantCulture));
                    Assert.Equal(direct, value);
                    Assert.True(value >= Suppression.Threshold);
                    shown++;
                }
            }

            Assert.True(shown > 20, $"Only {shown} figures shown: the comparison would prove little.");
        }

        // The extract: one row per person in the snapshot, every value as its schema says.
        using var extract = await analyst.GetAsync(new Uri($"/workforce/snapshots/{id}/extract.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, extract.StatusCode);
        var text = await extract.Content.ReadAsStringAsync();
        var schema = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "docs", "schemas", "workforce-extract-1.0.json")));
        var fields = schema.RootElement.GetProperty("fields").EnumerateArray().ToList();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(fields.Select(f => f.GetProperty("name").GetString()), lines[0].Split(','));
        Assert.Equal(result.Active, lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var values = lines[i].Split(',');
            Assert.Equal(fields.Count, values.Length);
            for (var f = 0; f < fields.Count; f++)
            {
                AssertConforms(fields[f], values[f], i);
            }
        }

        Assert.Equal(Enumerable.Range(1, result.Active).Select(n => n.ToString(CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[3]));
    }

    [Fact]
    public async Task The_data_quality_dashboard_shows_the_share_passing_by_rule_and_county_and_staff_open_the_lists_to_fix()
    {
        await using var app = new RegistryAppFactory();
        var center = await app.EmployerIdAsync("380500086");
        await AddPersonAsync(app, new DateOnly(1990, 1, 1), p =>
        {
            p.County = "San Francisco";
            p.HighestEducationLevel = EducationLevel.Associate;
            p.SetRaceEthnicity([new(RaceEthnicityCategory.HispanicOrLatino, null)], declined: false);
            p.AddEmployment(Employment.AtListedEmployer(center, EmploymentRole.Teacher, Today.AddYears(-1), new EmploymentSchedule(5, 8)));
        });
        var failing = await AddPersonAsync(app, new DateOnly(1991, 1, 1), p =>
        {
            p.HighestEducationLevel = EducationLevel.Associate;
            p.SetRaceEthnicity([], declined: true);
            p.AddEmployment(Employment.AtListedEmployer(center, EmploymentRole.Teacher, Today.AddYears(-1), new EmploymentSchedule(5, 8)));
        });

        var (analyst, _) = await app.SignedInWithRoleAsync(Roles.Analyst);
        var dashboard = await analyst.GetPageAsync("/data-quality");
        Assert.NotNull(dashboard.GetElementById("no-run"));
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostFormAsync(dashboard.Forms.First(f => f.GetAttribute("action") == "/data-quality/run"))).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((dashboard = await analyst.GetPageAsync("/data-quality")).GetElementById("passing-share") is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal("1 of 2 records pass every rule (50.0%).", dashboard.GetElementById("passing-share")!.TextContent.Trim());
        Assert.Equal("1", dashboard.QuerySelector("#by-rule tr[data-rule='RequiredFields'] td[data-failing]")!.GetAttribute("data-failing"));
        Assert.Equal("0", dashboard.QuerySelector("#by-rule tr[data-rule='PlausibleDates'] td[data-failing]")!.GetAttribute("data-failing"));
        Assert.Equal("1", dashboard.QuerySelector("#by-county tr[data-county='San Francisco'] td[data-passing]")!.GetAttribute("data-passing"));
        Assert.Equal("0", dashboard.QuerySelector("#by-county tr[data-county='none'] td[data-passing]")!.GetAttribute("data-passing"));

        // Analysts see the shares; registry staff open the records to fix.
        using (var forbidden = await analyst.GetAsync(new Uri("/data-quality/RequiredFields", UriKind.Relative)))
        {
            Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
        }

        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var list = await staff.GetPageAsync("/data-quality/RequiredFields");
        var registryId = await RegistryIdAsync(app, failing);
        Assert.Equal(["County"], list.QuerySelectorAll($"#failures tr[data-registry-id='{registryId}']").Select(r => r.GetAttribute("data-code")!));
        Assert.Empty((await staff.GetPageAsync("/data-quality/RequiredFields?county=San+Francisco")).QuerySelectorAll("#failures tbody tr"));
        Assert.Equal("Choose a county from the list.", Error(await staff.GetPageAsync("/data-quality/RequiredFields?county=Atlantis"), "county"));
        await staff.GetPageAsync("/data-quality/NoSuchRule", HttpStatusCode.NotFound);
    }

    private static void AssertShare(double expected, int part, int whole, double tolerance)
    {
        var share = part / (double)whole;
        Assert.True(Math.Abs(share - expected) <= tolerance, $"Share {share:P1} ({part} of {whole}), documented {expected:P1} ± {tolerance:P1}.");
    }

    private static void AssertConforms(JsonElement field, string value, int line)
    {
        var name = field.GetProperty("name").GetString();
        var constraints = field.GetProperty("constraints");
        var required = constraints.TryGetProperty("required", out var r) && r.GetBoolean();
        if (value.Length == 0)
        {
            Assert.False(required, $"Line {line}: {name} is required.");
            return;
        }

        switch (field.GetProperty("type").GetString())
        {
            case "integer":
                Assert.True(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number), $"Line {line}: {name} '{value}' is not an integer.");
                if (constraints.TryGetProperty("enum", out var allowed))
                {
                    Assert.Contains(number, allowed.EnumerateArray().Select(a => a.GetInt32()));
                }

                if (constraints.TryGetProperty("minimum", out var minimum))
                {
                    Assert.True(number >= minimum.GetInt32());
                }

                break;
            case "date":
                Assert.True(DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"Line {line}: {name} '{value}' is not a date.");
                break;
            default:
                if (constraints.TryGetProperty("enum", out var strings))
                {
                    Assert.Contains(value, strings.EnumerateArray().Select(a => a.GetString()));
                }

                if (constraints.TryGetProperty("pattern", out var pattern))
                {
                    Assert.Matches(new Regex(pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)), value);
                }

                break;
        }
    }

    private static async Task<int> TakeSnapshotAsync(RegistryAppFactory app, HttpClient analyst)
    {
        var page = await analyst.GetPageAsync("/workforce/snapshots");
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostFormAsync(page.Forms.First(f => f.GetAttribute("action") == "/workforce/snapshots"))).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var latest = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().CensusSnapshots.OrderByDescending(s => s.Id).FirstOrDefaultAsync();
                if (latest is { CompletedAt: not null })
                {
                    return latest.Id;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The snapshot was not taken within a minute.");
    }

    private static async Task<int> AddPersonAsync(RegistryAppFactory app, DateOnly born, Action<Professional> build)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var email = $"census.{Guid.NewGuid():N}@example.org";
        var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        var person = new Professional(await TestRegistryIds.NextAsync(db), user.Id, new PersonName("Census", null, "Person"), born, email, DateTimeOffset.UtcNow);
        build(person);
        db.Professionals.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }

    private static async Task<string> RegistryIdAsync(RegistryAppFactory app, int professionalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.Where(p => p.Id == professionalId).Select(p => p.RegistryId).SingleAsync();
    }
}
