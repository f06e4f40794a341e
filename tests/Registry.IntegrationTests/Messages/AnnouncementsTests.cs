using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Messages;
using Registry.Web.Domain.Professionals;
using Registry.Web.Features.Announcements;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Messages;

/// <summary>The app sending over SMTP, with seven hand-built people (A to G) and two sites, one in San Francisco and one in Alameda.</summary>
public sealed class AnnouncementsApp : IAsyncLifetime
{
    private readonly Dictionary<char, (HttpClient Client, int Id)> _people = [];

    public MailAppFactory App { get; } = new();

    public IReadOnlyDictionary<char, (HttpClient Client, int Id)> People => _people;

    public int SiteSf { get; private set; }

    public int SiteAlameda { get; private set; }

    public async Task InitializeAsync()
    {
        foreach (var name in "ABCDEFG")
        {
            _people[name] = await App.SignedInProfessionalAsync();
        }

        SiteSf = await App.EmployerIdAsync("380500086");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var alameda = new Employer("019900001", new EmployerDetails("Fruitvale Family Child Care", FacilityType.LargeFamilyChildCareHome, "1 Fruitvale Ave", "Oakland", "CA", "94601", "Alameda", 14, EmployerStatus.Licensed), "test", DateTimeOffset.UtcNow);
        db.Employers.Add(alameda);
        await db.SaveChangesAsync();
        SiteAlameda = alameda.Id;

        var people = await db.Professionals.Where(p => _people.Values.Select(v => v.Id).Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        Professional P(char name) => people[_people[name].Id];
        var start = new DateOnly(2020, 1, 1);
        static EmploymentSchedule Schedule() => new(5, 8);
        var today = TestClock.Today;

        // A: English, teacher in San Francisco (a centre), current Teacher permit.
        P('A').AddEmployment(Employment.AtListedEmployer(SiteSf, EmploymentRole.Teacher, start, Schedule()));
        P('A').AddCredential(new Credential(CredentialType.ChildDevelopmentTeacherPermit, null, "CTC", today.AddYears(-1), today.AddYears(4)));
        // B: Spanish, assistant in San Francisco.
        P('B').PreferredLanguage = "es";
        P('B').AddEmployment(Employment.AtListedEmployer(SiteSf, EmploymentRole.Assistant, start, Schedule()));
        // C: Spanish, teacher at the Alameda family child care home; her Teacher permit expired.
        P('C').PreferredLanguage = "es";
        P('C').AddEmployment(Employment.AtListedEmployer(SiteAlameda, EmploymentRole.Teacher, start, Schedule()));
        P('C').AddCredential(new Credential(CredentialType.ChildDevelopmentTeacherPermit, null, "CTC", today.AddYears(-6), today.AddDays(-10)));
        // D: English, no job, lives in Alameda.
        P('D').County = "Alameda";
        // E: English, director in Alameda with a Site Supervisor permit; her San Francisco job ended.
        P('E').AddEmployment(Employment.AtListedEmployer(SiteAlameda, EmploymentRole.Director, start, Schedule()));
        var ended = Employment.AtListedEmployer(SiteSf, EmploymentRole.Teacher, new DateOnly(2015, 1, 1), Schedule());
        ended.End(new DateOnly(2019, 12, 31));
        P('E').AddEmployment(ended);
        P('E').AddCredential(new Credential(CredentialType.ChildDevelopmentSiteSupervisorPermit, null, "CTC", today.AddYears(-1), today.AddYears(4)));
        // F: Spanish, no job, lives in San Francisco, turned news off.
        P('F').PreferredLanguage = "es";
        P('F').County = "San Francisco";
        db.MessageOptOuts.Add(new MessageOptOut(P('F').UserId, MessageKind.News, DateTimeOffset.UtcNow, byLink: false));
        // G: English, lives in Alameda, works at a site not yet matched to the licensing list.
        P('G').County = "Alameda";
        P('G').AddEmployment(Employment.AtUnlistedEmployer(new UnlistedEmployer("Little Acorns", null, "Oakland"), EmploymentRole.Teacher, start, Schedule()));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Announcements against hand-built people on real SQLite, sent over a real SMTP exchange: every
/// audience filter and their combinations, the count before sending, each person's language (and
/// the English when there is no Spanish), the notices in My Registry, the record by language,
/// the unsubscribe link, a director's scope, and bad input beside its field.
/// </summary>
public sealed class AnnouncementsTests(AnnouncementsApp fixture) : IClassFixture<AnnouncementsApp>
{
    private readonly MailAppFactory _app = fixture.App;
    private readonly IReadOnlyDictionary<char, (HttpClient Client, int Id)> _people = fixture.People;
    private readonly int _siteSf = fixture.SiteSf;
    private readonly int _siteAlameda = fixture.SiteAlameda;


    [Fact]
    public async Task Every_filter_and_their_combinations_reach_exactly_the_people_meant()
    {
        async Task<string> WhoAsync(Audience audience, int? scopeEmployerId = null)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var ids = await Announcing.People(db, scopeEmployerId, null, audience, TestClock.Today).Select(p => p.Id).ToListAsync();
            return new string(_people.Where(p => ids.Contains(p.Value.Id)).Select(p => p.Key).Order().ToArray());
        }

        Assert.Equal("ABCDEFG", await WhoAsync(new Audience()));
        Assert.Equal("CDEG", await WhoAsync(new Audience(County: "Alameda")));
        Assert.Equal("ABF", await WhoAsync(new Audience(County: "San Francisco")));
        Assert.Equal("AC", await WhoAsync(new Audience(Role: EmploymentRole.Teacher)));
        Assert.Equal("C", await WhoAsync(new Audience(County: "Alameda", Role: EmploymentRole.Teacher)));
        Assert.Equal("CE", await WhoAsync(new Audience(Setting: FacilityType.LargeFamilyChildCareHome)));
        Assert.Equal("AB", await WhoAsync(new Audience(EmployerId: _siteSf)));
        Assert.Equal("B", await WhoAsync(new Audience(EmployerId: _siteSf, Role: EmploymentRole.Assistant)));
        Assert.Equal("A", await WhoAsync(new Audience(Permit: CredentialType.ChildDevelopmentTeacherPermit)));
        Assert.Equal("BCF", await WhoAsync(new Audience(Language: "es")));
        Assert.Equal("C", await WhoAsync(new Audience(County: "Alameda", Language: "es")));
        Assert.Equal("E", await WhoAsync(new Audience("Alameda", EmploymentRole.Director, FacilityType.LargeFamilyChildCareHome, _siteAlameda, CredentialType.ChildDevelopmentSiteSupervisorPermit, "en")));
        Assert.Equal(string.Empty, await WhoAsync(new Audience(County: "San Francisco", Setting: FacilityType.LargeFamilyChildCareHome)));
        // A director's scope: only the people working at the site, whatever else is chosen.
        Assert.Equal("AB", await WhoAsync(new Audience(), _siteSf));
        Assert.Equal(string.Empty, await WhoAsync(new Audience(County: "Alameda"), _siteSf));
    }

    [Fact]
    public async Task Staff_see_the_count_send_and_everyone_gets_it_once_in_their_language_with_a_notice_and_a_record()
    {
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var form = (await staff.GetPageAsync("/announcements/new")).Forms.Single(f => f.Action.EndsWith("/announcements/new", StringComparison.Ordinal));
        using var saved = await staff.PostFormAsync(form, values: new Dictionary<string, string>
        {
            ["Kind"] = "News",
            ["SubjectEnglish"] = "Stipend applications open",
            ["BodyEnglish"] = "Applications open on 1 December.\n\nApply from My Registry.",
            ["SubjectSpanish"] = "Se abren las solicitudes de estipendio",
            ["BodySpanish"] = "Las solicitudes se abren el 1 de diciembre.",
        });
        Assert.True(saved.StatusCode == System.Net.HttpStatusCode.Redirect, string.Join(" | ", (await saved.ReadPageAsync()).QuerySelectorAll(".invalid-feedback").Select(e => e.Id + ": " + e.TextContent)));
        var page = await staff.GetPageAsync(saved.Headers.Location!.OriginalString);
        // Everyone but F, who turned news off: four in English (A, D, E, G), two in Spanish (B, C).
        Assert.Contains("It will reach 6 people now: 4 in English and 2 in Spanish.", page.QuerySelector("#reach")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 more people in this audience turned this kind of message off", page.Body!.TextContent, StringComparison.Ordinal);

        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var emails = await EmailsAsync();
        using (var sent = await staff.PostFormAsync(page.Forms.Single(f => f.Action.EndsWith("/send", StringComparison.Ordinal))))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, sent.StatusCode);
        }

        await _app.Smtp.WaitForAsync(m => m.Subject is "Stipend applications open" or "Se abren las solicitudes de estipendio", 6, TimeSpan.FromSeconds(60));

        // Exactly once, judged when the outbox has drained for these six (none due, none held by a sender), per message id and per person.
        var six = "ABCDEG".Select(c => emails[c]).ToList();
        await OutboxDrain.WaitAsync(async query =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
        }, six, TimeSpan.FromSeconds(60));
        var announced = _app.Smtp.Received.Where(m => m.Subject is "Stipend applications open" or "Se abren las solicitudes de estipendio").ToList();
        OutboxDrain.AssertExactlyOnce(announced, six);
        var received = announced.ToDictionary(m => m.To.Mailboxes.Single().Address, m => m);
        Assert.Equal(6, received.Count);
        Assert.Equal("Stipend applications open", received[emails['A']].Subject);
        Assert.Equal("Se abren las solicitudes de estipendio", received[emails['B']].Subject);
        Assert.Equal("Se abren las solicitudes de estipendio", received[emails['C']].Subject);
        Assert.DoesNotContain(emails['F'], received.Keys);
        Assert.Contains("Apply from My Registry.", received[emails['D']].TextBody, StringComparison.Ordinal);
        Assert.Contains("/my-registry/notices/" + id, received[emails['D']].TextBody, StringComparison.Ordinal);
        var unsubscribe = received[emails['A']].Headers["List-Unsubscribe"];
        Assert.StartsWith("<http", unsubscribe, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", received[emails['A']].Headers["List-Unsubscribe-Post"]);

        // The notice in My Registry, in the person's language; F has none.
        var mine = await _people['B'].Client.GetPageAsync("/my-registry");
        Assert.Contains("Se abren las solicitudes de estipendio", mine.QuerySelector("#my-notices")!.TextContent, StringComparison.Ordinal);
        var notice = await _people['B'].Client.GetPageAsync($"/my-registry/notices/{id}");
        Assert.Equal("Las solicitudes se abren el 1 de diciembre.", notice.QuerySelector("#notice-body")!.TextContent.Trim());
        await _people['F'].Client.GetPageAsync($"/my-registry/notices/{id}", System.Net.HttpStatusCode.NotFound);
        Assert.Null((await _people['F'].Client.GetPageAsync("/my-registry")).QuerySelector("#my-notices"));

        // A unsubscribes with the email's one-click link: counted in the record, and news is off for A.
        using (var oneClick = await _app.CreateClient().PostAsync(new Uri(new Uri(unsubscribe!.Trim('<', '>')).PathAndQuery, UriKind.Relative), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, oneClick.StatusCode);
        }

        await WaitUntilAsync(async () => (await RecordAsync(staff, id))["en"].Delivered == 4);
        var record = await RecordAsync(staff, id);
        Assert.Equal((4, 0, 4, 0, 1), record["en"]);
        Assert.Equal((2, 0, 2, 0, 0), record["es"]);
        Assert.Equal(6, _app.Smtp.Received.Count(m => m.Subject is "Stipend applications open" or "Se abren las solicitudes de estipendio"));

        // A second announcement with no Spanish: Spanish speakers get the English; A (now unsubscribed from news) gets nothing.
        var second = (await staff.GetPageAsync("/announcements/new")).Forms.Single(f => f.Action.EndsWith("/announcements/new", StringComparison.Ordinal));
        using var saved2 = await staff.PostFormAsync(second, values: new Dictionary<string, string>
        {
            ["Kind"] = "News", ["SubjectEnglish"] = "Registry is closed on Thursday", ["BodyEnglish"] = "Closed for the holiday.", ["County"] = "San Francisco",
        });
        var page2 = await staff.GetPageAsync(saved2.Headers.Location!.OriginalString);
        Assert.Contains("It will reach 1 people now: 0 in English and 1 in Spanish.", page2.QuerySelector("#reach")!.TextContent, StringComparison.Ordinal);
        using (await staff.PostFormAsync(page2.Forms.Single(f => f.Action.EndsWith("/send", StringComparison.Ordinal))))
        {
        }

        var closed = await _app.Smtp.WaitForAsync(m => m.Subject == "Registry is closed on Thursday", 1, TimeSpan.FromSeconds(60));
        Assert.Equal(emails['B'], Assert.Single(closed).To.Mailboxes.Single().Address);
    }

    private async Task<Dictionary<char, string>> EmailsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var ids = _people.Values.Select(p => p.Id).ToList();
        var emails = await db.Professionals.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Email);
        return _people.ToDictionary(p => p.Key, p => emails[p.Value.Id]);
    }

    private static async Task<Dictionary<string, (int Notices, int Queued, int Delivered, int Failed, int Unsubscribed)>> RecordAsync(HttpClient staff, int id)
    {
        var page = await staff.GetPageAsync($"/announcements/{id}");
        return page.QuerySelectorAll("#record tbody tr").ToDictionary(
            row => row.GetAttribute("data-language")!,
            row =>
            {
                int Cell(string name) => int.Parse(row.QuerySelector("." + name)!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
                return (Cell("notices"), Cell("queued"), Cell("delivered"), Cell("failed"), Cell("unsubscribed"));
            });
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the outbox.");
            await Task.Delay(100);
        }
    }
}

/// <summary>Who may write to whom (a director's scope), and bad input beside its field; on their own app, so the people they add do not change the counts above.</summary>
public sealed class AnnouncementScopeTests(AnnouncementsApp fixture) : IClassFixture<AnnouncementsApp>
{
    private readonly MailAppFactory _app = fixture.App;
    private readonly IReadOnlyDictionary<char, (HttpClient Client, int Id)> _people = fixture.People;
    private readonly int _siteSf = fixture.SiteSf;

    [Fact]
    public async Task A_director_writes_only_to_her_own_staff_and_cannot_open_other_announcements()
    {
        var (director, _) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, _siteSf);
        var form = (await director.GetPageAsync("/announcements/new")).Forms.Single(f => f.Action.EndsWith("/announcements/new", StringComparison.Ordinal));
        using var saved = await director.PostFormAsync(form, values: new Dictionary<string, string>
        {
            ["Kind"] = "Deadlines", ["SubjectEnglish"] = "Staff meeting", ["BodyEnglish"] = "Monday at 4.", ["Scope"] = "registry",
        });
        // Asking for the whole registry is not hers to ask: the form says so beside the field.
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.NotNull((await saved.ReadPageAsync()).QuerySelector("#Scope-error"));

        using var ok = await director.PostFormAsync(form, values: new Dictionary<string, string>
        {
            ["Kind"] = "Deadlines", ["SubjectEnglish"] = "Staff meeting", ["BodyEnglish"] = "Monday at 4.", ["County"] = "Alameda",
        });
        var page = await director.GetPageAsync(ok.Headers.Location!.OriginalString);
        Assert.Contains("It will reach 0 people now", page.QuerySelector("#reach")!.TextContent, StringComparison.Ordinal);
        var edit = (await director.GetPageAsync(ok.Headers.Location!.OriginalString + "/edit")).Forms.Single(f => f.Action.EndsWith("/edit", StringComparison.Ordinal));
        using var everyone = await director.PostFormAsync(edit, values: new Dictionary<string, string>
        {
            ["Kind"] = "Deadlines", ["SubjectEnglish"] = "Staff meeting", ["BodyEnglish"] = "Monday at 4.", ["County"] = string.Empty,
        });
        page = await director.GetPageAsync(everyone.Headers.Location!.OriginalString);
        Assert.Contains("It will reach 2 people now: 1 in English and 1 in Spanish.", page.QuerySelector("#reach")!.TextContent, StringComparison.Ordinal);

        // A staff member's announcement is not hers to see; a professional has no announcements page.
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var staffForm = (await staff.GetPageAsync("/announcements/new")).Forms.Single(f => f.Action.EndsWith("/announcements/new", StringComparison.Ordinal));
        using var staffSaved = await staff.PostFormAsync(staffForm, values: new Dictionary<string, string> { ["Kind"] = "News", ["SubjectEnglish"] = "Hi", ["BodyEnglish"] = "Hello." });
        await director.GetPageAsync(staffSaved.Headers.Location!.OriginalString, System.Net.HttpStatusCode.NotFound);
        using var forbidden = await _people['A'].Client.GetAsync(new Uri("/announcements", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.Equal("/error/403", forbidden.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Bad_input_is_named_beside_its_field_in_the_writers_language_and_nothing_is_saved()
    {
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        async Task<int> CountAsync()
        {
            await using var scope = _app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Announcements.CountAsync();
        }

        var count = await CountAsync();
        var form = (await staff.GetPageAsync("/announcements/new")).Forms.Single(f => f.Action.EndsWith("/announcements/new", StringComparison.Ordinal));
        async Task<IHtmlDocument> PostAsync(Dictionary<string, string> values, string expectedField)
        {
            using var response = await staff.PostFormAsync(form, values: values);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            var page = await response.ReadPageAsync();
            Assert.NotNull(page.QuerySelector($"#{expectedField}-error"));
            return page;
        }

        var good = new Dictionary<string, string> { ["Kind"] = "News", ["SubjectEnglish"] = "Subject", ["BodyEnglish"] = "Body." };
        Assert.Contains("Enter a subject in English.", (await PostAsync(new(good) { ["SubjectEnglish"] = " " }, "SubjectEnglish")).QuerySelector("#SubjectEnglish-error")!.TextContent, StringComparison.Ordinal);
        await PostAsync(new(good) { ["BodyEnglish"] = string.Empty }, "BodyEnglish");
        await PostAsync(new(good) { ["SubjectSpanish"] = "Asunto" }, "BodySpanish");
        await PostAsync(new(good) { ["Kind"] = "Account" }, "Kind");
        await PostAsync(new(good) { ["County"] = "Atlantis" }, "County");
        await PostAsync(new(good) { ["Permit"] = "MultipleSubjectTeachingCredential" }, "Permit");
        await PostAsync(new(good) { ["Language"] = "fr" }, "Language");
        Assert.Contains("No licensed site has this number.", (await PostAsync(new(good) { ["LicenseNumber"] = "999999999" }, "LicenseNumber")).QuerySelector("#LicenseNumber-error")!.TextContent, StringComparison.Ordinal);
        await PostAsync(new(good) { ["SubjectEnglish"] = new string('x', 201) }, "SubjectEnglish");

        // In Spanish.
        var language = (await staff.GetPageAsync("/")).Forms.Single(f => f.Action.EndsWith("/language", StringComparison.Ordinal));
        using (await staff.PostFormAsync(language, values: new Dictionary<string, string> { ["culture"] = "es", ["returnUrl"] = "/" }))
        {
        }

        var spanish = (await staff.GetPageAsync("/announcements/new")).Forms.Single(f => f.Action.EndsWith("/announcements/new", StringComparison.Ordinal));
        using (var response = await staff.PostFormAsync(spanish, values: new Dictionary<string, string>(good) { ["SubjectEnglish"] = string.Empty }))
        {
            Assert.Contains("Escriba un asunto en inglés.", (await response.ReadPageAsync()).QuerySelector("#SubjectEnglish-error")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(count, await CountAsync());

        // A schedule in the past or not a date: said beside the date, nothing scheduled.
        using var saved = await staff.PostFormAsync(form, values: good);
        var page = await staff.GetPageAsync(saved.Headers.Location!.OriginalString);
        var schedule = page.Forms.Single(f => f.Action.EndsWith("/schedule", StringComparison.Ordinal));
        foreach (var (date, time) in new[] { ("2020-01-01", "09:00"), ("tomorrow", "09:00"), ("2030-01-01", "25:00") })
        {
            using var response = await staff.PostFormAsync(schedule, values: new Dictionary<string, string> { ["date"] = date, ["time"] = time });
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await response.ReadPageAsync()).QuerySelector("#date-error"));
        }

        using (var ok = await staff.PostFormAsync(schedule, values: new Dictionary<string, string> { ["date"] = TestClock.Now.Date.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["time"] = "09:00" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, ok.StatusCode);
        }

        Assert.Contains("Programado", (await staff.GetPageAsync(saved.Headers.Location!.OriginalString)).QuerySelector("#announcement-status")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_address_asks_its_owner_to_fix_it_in_My_Registry()
    {
        string email;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            email = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.Where(p => p.Id == _people['G'].Id).Select(p => p.Email).SingleAsync();
        }

        _app.Smtp.Refused[email] = true;
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var form = (await staff.GetPageAsync("/announcements/new")).Forms.Single(f => f.Action.EndsWith("/announcements/new", StringComparison.Ordinal));
        using var saved = await staff.PostFormAsync(form, values: new Dictionary<string, string>
        {
            ["Kind"] = "Deadlines", ["SubjectEnglish"] = "Renew your permit", ["BodyEnglish"] = "Renew it soon.", ["County"] = "Alameda", ["Role"] = "Teacher",
        });
        var page = await staff.GetPageAsync(saved.Headers.Location!.OriginalString);
        using (await staff.PostFormAsync(page.Forms.Single(f => f.Action.EndsWith("/send", StringComparison.Ordinal))))
        {
        }

        // C (a teacher in Alameda) gets it; G's teaching job is at a site not yet matched, so G is reached by where she lives only without a role.
        await _app.Smtp.WaitForAsync(m => m.Subject == "Renew your permit", 1, TimeSpan.FromSeconds(60));
        Assert.Null((await _people['G'].Client.GetPageAsync("/my-registry")).QuerySelector("#email-problem"));

        using var everyone = await staff.PostFormAsync(form, values: new Dictionary<string, string>
        {
            ["Kind"] = "Deadlines", ["SubjectEnglish"] = "Registry survey", ["BodyEnglish"] = "Tell us how we are doing.", ["County"] = "Alameda",
        });
        page = await staff.GetPageAsync(everyone.Headers.Location!.OriginalString);
        using (await staff.PostFormAsync(page.Forms.Single(f => f.Action.EndsWith("/send", StringComparison.Ordinal))))
        {
        }

        await _app.Smtp.WaitForAsync(m => m.Subject == "Registry survey", 3, TimeSpan.FromSeconds(60));
        var id = everyone.Headers.Location!.OriginalString.Split('/').Last();
        IHtmlDocument mine;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((mine = await _people['G'].Client.GetPageAsync("/my-registry")).QuerySelector("#email-problem") is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The refused address was never recorded.");
            await Task.Delay(100);
        }

        Assert.Contains(email, mine.QuerySelector("#email-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1", (await staff.GetPageAsync($"/announcements/{id}")).QuerySelector("#record tr[data-language=en] .failed")!.TextContent, StringComparison.Ordinal);

        // She says the address is right: the prompt goes.
        _app.Smtp.Refused.Clear();
        using (await _people['G'].Client.PostFormAsync(mine.Forms.Single(f => f.Action.EndsWith("/email-is-right", StringComparison.Ordinal))))
        {
        }

        Assert.Null((await _people['G'].Client.GetPageAsync("/my-registry")).QuerySelector("#email-problem"));
    }

    [Fact]
    public async Task A_directors_scheduled_announcement_is_not_sent_once_her_access_has_lapsed()
    {
        var (_, directorId) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, _siteSf);
        int id;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var userId = await db.Professionals.Where(p => p.Id == directorId).Select(p => p.UserId).SingleAsync();
            foreach (var grant in await db.AccessGrants.Where(g => g.UserId == userId).ToListAsync())
            {
                grant.Revoke(DateTimeOffset.UtcNow);
            }

            var announcement = new Announcement(userId, _siteSf, null, DateTimeOffset.UtcNow);
            announcement.Write(MessageKind.News, "Picnic", "Saturday.", null, null, new Audience());
            announcement.Schedule(DateTimeOffset.UtcNow.AddMinutes(-1));
            db.Announcements.Add(announcement);
            await db.SaveChangesAsync();
            id = announcement.Id;
            await scope.ServiceProvider.GetRequiredService<AnnouncementQueuing>().RunDueAsync(CancellationToken.None);
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            Assert.Equal(AnnouncementStatus.Draft, await db.Announcements.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
            Assert.Equal(0, await db.AnnouncementRecipients.CountAsync(r => r.AnnouncementId == id));
            Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.AnnouncementId == id));
        }
    }
}
