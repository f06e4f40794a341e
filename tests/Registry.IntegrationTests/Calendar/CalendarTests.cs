using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Infrastructure.Rules;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Calendar;

/// <summary>
/// The training calendar through its forms on real SQLite: sponsor and instructor approvals, an
/// event's life, registration with a waitlist, attendance that posts verified hours (roster, CSV,
/// QR check-in) with the state's rules on top, the iCalendar feed and the search filters.
/// </summary>
public sealed class CalendarTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public CalendarTests(RegistryAppFactory app) => _app = app;

    private static DateOnly Today => TestClock.Today;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IHtmlFormElement Form(IHtmlDocument page, string actionEnd) =>
        page.Forms.First(f => f.GetAttribute("action")!.EndsWith(actionEnd, StringComparison.Ordinal));

    private static string? Error(IHtmlDocument page, string field) =>
        page.GetElementById(field + "-error")?.TextContent.Replace("Error:", string.Empty, StringComparison.Ordinal).Trim();

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    private async Task<string> RegistryIdAsync(int professionalId) =>
        RegistryId.Format(await DbAsync(db => db.Professionals.Where(p => p.Id == professionalId).Select(p => p.RegistryId).SingleAsync()));

    [Fact]
    public async Task A_sponsor_applies_staff_approve_it_and_it_approves_an_instructor_who_may_then_post_events()
    {
        var (manager, managerId) = await _app.SignedInProfessionalAsync();
        var apply = await manager.GetPageAsync("/sponsors/apply");

        using (var bad = await manager.PostFormAsync(Form(apply, "/sponsors/apply"), values: new Dictionary<string, string> { ["Name"] = "", ["ContactEmail"] = "not an email", ["Website"] = "ftp://x" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var page = await bad.ReadPageAsync();
            Assert.Equal("Enter the organisation's name.", Error(page, "Name"));
            Assert.Equal("Enter an email address like name@example.org.", Error(page, "ContactEmail"));
            Assert.Equal("Enter a web address starting with https://.", Error(page, "Website"));
            Assert.Equal("not an email", ((IHtmlInputElement)page.GetElementById("ContactEmail")!).Value);
        }

        var name = $"Bay Area R&R {Guid.NewGuid():N}"[..24];
        using (await manager.PostFormAsync(Form(apply, "/sponsors/apply"), values: new Dictionary<string, string> { ["Name"] = name, ["ContactEmail"] = "training@example.org", ["County"] = "San Francisco" }))
        {
        }

        var sponsorId = await DbAsync(db => db.Sponsors.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());
        Assert.Contains("Waiting for registry staff's decision", (await manager.GetPageAsync("/sponsors")).QuerySelector(".membership")?.TextContent, StringComparison.Ordinal);
        await manager.GetPageAsync($"/sponsors/{sponsorId}", HttpStatusCode.NotFound);

        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var queue = await staff.GetPageAsync("/staff/sponsors");
        using (var noReason = await staff.PostFormAsync(Form(queue, $"/staff/sponsors/{sponsorId}/deny")))
        {
            Assert.Equal("Say why, in words the person will read.", Error(await noReason.ReadPageAsync(), $"reason-{sponsorId}"));
        }

        using (var approved = await staff.PostFormAsync(Form(queue, $"/staff/sponsors/{sponsorId}/approve")))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var subjects = await DbAsync(db => db.OutboxMessages.Where(m => m.Kind.StartsWith("sponsor")).Select(m => m.Kind + ": " + m.Subject).ToListAsync());
        Assert.True(await DbAsync(db => db.OutboxMessages.AnyAsync(m => m.Kind == "sponsor-approved" && m.Subject.Contains(name))), string.Join(" | ", subjects) + " / " + name);
        await _app.SetUpThroughTheFormsAsync(manager, await _app.UserIdAsync(managerId));
        var home = await manager.GetPageAsync($"/sponsors/{sponsorId}");
        Assert.NotNull(home.GetElementById("new-event"));

        // An instructor asks to join; the manager approves, allowing event management.
        var (instructor, instructorId) = await _app.SignedInProfessionalAsync();
        var join = await instructor.GetPageAsync("/sponsors/join?q=" + Uri.EscapeDataString(name[..10]));
        using (await instructor.PostFormAsync((IHtmlFormElement)join.QuerySelector(".sponsor form")!))
        {
        }

        await instructor.GetPageAsync($"/sponsors/{sponsorId}", HttpStatusCode.NotFound);
        home = await manager.GetPageAsync($"/sponsors/{sponsorId}");
        var approve = home.QuerySelectorAll(".member").Single(m => m.TextContent.Contains("Asks to join", StringComparison.Ordinal)).QuerySelector("form")!;
        using (await manager.PostFormAsync((IHtmlFormElement)approve, values: new Dictionary<string, string> { ["canManageEvents"] = "true" }))
        {
        }

        // The manager's approval is a request: until registry staff approve, the instructor has no sponsor page.
        await instructor.GetPageAsync($"/sponsors/{sponsorId}", HttpStatusCode.NotFound);
        var (registryStaff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var waiting = await registryStaff.GetPageAsync("/staff/instructors");
        var staffApprove = waiting.QuerySelectorAll(".instructor").Single(i => i.TextContent.Contains(name, StringComparison.Ordinal)).QuerySelector("form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await registryStaff.PostFormAsync((IHtmlFormElement)staffApprove)).StatusCode);

        using (var gate = await instructor.GetAsync(new Uri($"/sponsors/{sponsorId}", UriKind.Relative)))
        {
            Assert.StartsWith("/account/two-factor", gate.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        await _app.SetUpThroughTheFormsAsync(instructor, await _app.UserIdAsync(instructorId));
        Assert.NotNull((await instructor.GetPageAsync($"/sponsors/{sponsorId}")).GetElementById("new-event"));
        await instructor.GetPageAsync($"/sponsors/{sponsorId}/events/new");
    }

    [Fact]
    public async Task A_sponsor_posts_edits_copies_and_cancels_an_event_and_everyone_registered_is_emailed()
    {
        var (manager, managerId) = await _app.SignedInProfessionalAsync();
        var sponsorId = await _app.SponsorAsync(managerId);
        var form = Form(await manager.GetPageAsync($"/sponsors/{sponsorId}/events/new"), "/events/new");
        var day = Today.AddDays(14);
        var good = new Dictionary<string, string>
        {
            ["Title"] = "Observing Infants", ["Description"] = "How to observe and record.", ["Topic"] = "ObservationAndAssessment", ["Language"] = "es",
            ["Audience"] = "InfantToddler", ["Address"] = "50 Fell St", ["City"] = "San Francisco", ["County"] = "San Francisco", ["Capacity"] = "20", ["Cost"] = "0",
            ["RegistrationDeadline"] = Iso(day.AddDays(-1)), ["WithdrawalDays"] = "2",
            ["Sessions[0].Day"] = Iso(day), ["Sessions[0].Starts"] = "09:00", ["Sessions[0].Ends"] = "12:00",
            ["Sessions[1].Day"] = Iso(day.AddDays(7)), ["Sessions[1].Starts"] = "09:00", ["Sessions[1].Ends"] = "11:30",
        };

        using (var bad = await manager.PostFormAsync(form, values: new Dictionary<string, string>(good)
        {
            ["Title"] = "", ["County"] = "", ["Capacity"] = "0", ["Sessions[1].Ends"] = "08:00", ["RegistrationDeadline"] = Iso(day.AddDays(3)),
        }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var page = await bad.ReadPageAsync();
            Assert.Equal("Enter the event's title.", Error(page, "Title"));
            Assert.Equal("Choose a county from the list.", Error(page, "County"));
            Assert.Equal("Enter how many people can come, a whole number from 1 to 10000.", Error(page, "Capacity"));
            Assert.True(Error(page, "Sessions[1].Day") == "The session must end after it starts.", string.Join(" | ", page.QuerySelectorAll("#error-summary a").Select(a => a.GetAttribute("href") + " " + a.TextContent)));
            Assert.Equal("Registration must close on or before the first session.", Error(page, "RegistrationDeadline"));
            Assert.Equal("Observing Infants", ((IHtmlInputElement)page.GetElementById("Sessions[0].Day")!).Value is var kept && kept == Iso(day) ? "Observing Infants" : kept);
        }

        Assert.Equal(0, await DbAsync(db => db.TrainingEvents.CountAsync(e => e.SponsorId == sponsorId)));
        using (var created = await manager.PostFormAsync(form, values: good))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var eventId = await DbAsync(db => db.TrainingEvents.Where(e => e.SponsorId == sponsorId).Select(e => e.Id).SingleAsync());
        var page1 = await manager.GetPageAsync($"/training/events/{eventId}");
        Assert.Equal("5.5", page1.GetElementById("clock-hours")?.TextContent);
        Assert.Equal(2, page1.QuerySelectorAll(".session").Length);

        // Edit: a third of the places, the second session dropped.
        var edit = Form(await manager.GetPageAsync($"/sponsors/events/{eventId}/edit"), "/edit");
        using (await manager.PostFormAsync(edit, values: new Dictionary<string, string> { ["Capacity"] = "7", ["Sessions[1].Day"] = "", ["Sessions[1].Starts"] = "", ["Sessions[1].Ends"] = "" }))
        {
        }

        var saved = await DbAsync(db => db.TrainingEvents.Include(e => e.Sessions).SingleAsync(e => e.Id == eventId));
        Assert.Equal((7, 3m, 1), (saved.Capacity, saved.ClockHours, saved.Sessions.Count));

        // Copy: the same details, new dates to fill in.
        var copy = await manager.GetPageAsync($"/sponsors/events/{eventId}/copy");
        Assert.Equal("Observing Infants", ((IHtmlInputElement)copy.GetElementById("Title")!).Value);
        Assert.Equal(string.Empty, ((IHtmlInputElement)copy.GetElementById("Sessions[0].Day")!).Value ?? string.Empty);

        // Someone registers; cancelling emails them and closes registration.
        var (person, _) = await _app.SignedInProfessionalAsync();
        using (await person.PostFormAsync(Form(await person.GetPageAsync($"/training/events/{eventId}"), "/register")))
        {
        }

        var before = await DbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "event-cancelled"));
        using (await manager.PostFormAsync(Form(await manager.GetPageAsync($"/sponsors/events/{eventId}/edit"), "/cancel")))
        {
        }

        Assert.Equal(before + 1, await DbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "event-cancelled")));
        var cancelled = await person.GetPageAsync($"/training/events/{eventId}");
        Assert.NotNull(cancelled.GetElementById("cancelled"));
        Assert.Null(cancelled.GetElementById("register"));
        Assert.Equal(RegistrationStatus.EventCancelled, await DbAsync(db => db.Registrations.Where(r => r.EventId == eventId).Select(r => r.Status).SingleAsync()));
        Assert.DoesNotContain((await _app.CreateBrowserLikeClient().GetPageAsync("/training?Q=observing")).QuerySelectorAll(".event a"), a => a.GetAttribute("href") == $"/training/events/{eventId}");
    }

    [Fact]
    public async Task A_full_event_offers_a_waitlist_that_promotes_the_next_person_and_late_withdrawal_is_refused()
    {
        var (_, managerId) = await _app.SignedInProfessionalAsync();
        var sponsorId = await _app.SponsorAsync(managerId);
        var eventId = await _app.EventAsync(sponsorId, "Music and Movement", capacity: 1, withdrawalDays: 2);
        var (first, _) = await _app.SignedInProfessionalAsync();
        var (second, secondId) = await _app.SignedInProfessionalAsync();

        using (await first.PostFormAsync(Form(await first.GetPageAsync($"/training/events/{eventId}"), "/register")))
        {
        }

        var full = await second.GetPageAsync($"/training/events/{eventId}");
        Assert.Equal("Join the waitlist", full.GetElementById("register")?.TextContent);
        using (await second.PostFormAsync(Form(full, "/register")))
        {
        }

        Assert.Equal("You are number 1 on the waitlist.", (await second.GetPageAsync($"/training/events/{eventId}")).GetElementById("my-status")?.TextContent);
        using (await first.PostFormAsync(Form(await first.GetPageAsync($"/training/events/{eventId}"), "/withdraw")))
        {
        }

        Assert.Equal("You are registered.", (await second.GetPageAsync($"/training/events/{eventId}")).GetElementById("my-status")?.TextContent);
        var secondUser = await DbAsync(db => db.Professionals.Where(p => p.Id == secondId).Select(p => p.Email).SingleAsync());
        Assert.True(await DbAsync(db => db.OutboxMessages.AnyAsync(m => m.Kind == "event-promoted" && m.ToAddress == secondUser)));

        // An event starting tomorrow with a two-day window: too late to withdraw.
        var soon = await _app.EventAsync(sponsorId, "Tomorrow's Workshop", day: Today.AddDays(1), withdrawalDays: 2);
        using (await first.PostFormAsync(Form(await first.GetPageAsync($"/training/events/{soon}"), "/register")))
        {
        }

        var page = await first.GetPageAsync($"/training/events/{soon}");
        Assert.Null(page.GetElementById("withdraw"));
        var token = ((IHtmlInputElement)page.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        using var late = await first.PostAsync(new Uri($"/training/events/{soon}/withdraw", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal("It is too late to withdraw yourself from this event: write to the sponsor.", (await first.GetPageAsync($"/training/events/{soon}")).QuerySelector("[role=status]")?.TextContent);
        Assert.Equal(RegistrationStatus.Registered, await DbAsync(db => db.Registrations.Where(r => r.EventId == soon).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Attendance_by_roster_csv_and_check_in_posts_verified_hours_once_with_the_daily_cap_and_repeat_rule()
    {
        var (manager, managerId) = await _app.SignedInProfessionalAsync();
        var (instructor, instructorId) = await _app.SignedInProfessionalAsync();
        var sponsorId = await _app.SponsorAsync(managerId, (instructorId, false));
        var eventId = await _app.EventAsync(sponsorId, "Positive Guidance", day: Today);
        var (ana, anaId) = await _app.SignedInProfessionalAsync();
        var (_, benId) = await _app.SignedInProfessionalAsync();
        var (carla, carlaId) = await _app.SignedInProfessionalAsync();
        using (await ana.PostFormAsync(Form(await ana.GetPageAsync($"/training/events/{eventId}"), "/register")))
        {
        }

        // Ben and Carla registered too (hours are posted only for people registered or checked in).
        await _app.RegisterAsync(eventId, benId);
        await _app.RegisterAsync(eventId, carlaId);

        // The instructor marks Ana on the roster: 3 verified hours on her profile at once, counted by the rules.
        var sheet = await instructor.GetPageAsync($"/sponsors/events/{eventId}/attendance");
        var roster = sheet.QuerySelector("form.roster-form") as IHtmlFormElement ?? throw new InvalidOperationException("form.roster-form");
        using (await instructor.PostFormAsync(roster, values: new Dictionary<string, string> { ["present"] = anaId.ToString(CultureInfo.InvariantCulture) }))
        {
        }

        var record = await DbAsync(db => db.TrainingRecords.SingleAsync(t => t.ProfessionalId == anaId));
        Assert.Equal((TrainingTrustLevel.SponsorVerified, 3m, "Positive Guidance"), (record.TrustLevel, record.ClockHours, record.Title));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var evidence = (await scope.ServiceProvider.GetRequiredService<RuleResults.Handler>().LoadAsync([anaId], CancellationToken.None))[anaId];
            Assert.Contains(evidence.Training, t => t.Title == "Positive Guidance" && t.Hours == 3 && t.Verified);
        }

        // Posting her again changes nothing.
        using (await instructor.PostFormAsync(roster, values: new Dictionary<string, string> { ["present"] = anaId.ToString(CultureInfo.InvariantCulture) }))
        {
        }

        Assert.Equal(1, await DbAsync(db => db.TrainingRecords.CountAsync(t => t.ProfessionalId == anaId)));

        // A CSV: Ben (good), a bad row, an unknown id, Ben again, and Ana (already posted).
        var sessionId = await DbAsync(db => db.TrainingSessions.Where(s => s.EventId == eventId).Select(s => s.Id).SingleAsync());
        var csv = $"registry_id,name,hours\n{await RegistryIdAsync(benId)},Ben,3\n{await RegistryIdAsync(benId)},Ben again,3\nnot-an-id,Someone,2\n{RegistryId.FromSerial(9_999_998)},Nobody,3\n{await RegistryIdAsync(anaId)},Ana,3\n";
        sheet = await instructor.GetPageAsync($"/sponsors/events/{eventId}/attendance");
        var upload = sheet.QuerySelector("form.csv-form") as IHtmlFormElement ?? throw new InvalidOperationException("form.csv-form");
        using (var content = new MultipartFormDataContent())
        {
            content.Add(new StringContent(((IHtmlInputElement)upload.QuerySelector("input[name=__RequestVerificationToken]")!).Value), "__RequestVerificationToken");
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "attendance.csv");
            using var posted = await instructor.PostAsync(new Uri(upload.GetAttribute("action")!, UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        sheet = await instructor.GetPageAsync($"/sponsors/events/{eventId}/attendance");
        Assert.Equal("Posted: 1. Already posted before: 1. Held as unmatched: 3.", sheet.GetElementById("posted")?.TextContent);

        // A file that is not an attendance CSV is refused beside the field, and nothing is posted or held.
        using (var content = new MultipartFormDataContent())
        {
            var form = sheet.QuerySelector("form.csv-form") as IHtmlFormElement ?? throw new InvalidOperationException("form.csv-form");
            content.Add(new StringContent(((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value), "__RequestVerificationToken");
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("name,email\nAna,ana@example.org\n")), "file", "people.csv");
            using var refused = await instructor.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("The file needs a header row with registry_id and hours columns.", Error(await refused.ReadPageAsync(), $"file-{sessionId}"));
        }

        Assert.Equal(3, (await instructor.GetPageAsync($"/sponsors/events/{eventId}/attendance")).QuerySelectorAll(".unmatched-row").Length);
        var held = sheet.QuerySelectorAll(".unmatched-row .problem").Select(p => p.TextContent).Order().ToList();
        Assert.Equal(["Listed twice in the file", "No one has this registry id", "Not a registry id"], held);
        Assert.Equal(3m, await DbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == benId).SumAsync(t => t.ClockHours)));

        // The sponsor fixes the unknown row with Carla's id.
        var unknown = sheet.QuerySelectorAll(".unmatched-row").Single(r => r.TextContent.Contains("No one has this registry id", StringComparison.Ordinal)).QuerySelector("form")!;
        using (var wrong = await instructor.PostFormAsync((IHtmlFormElement)unknown, values: new Dictionary<string, string> { ["registryId"] = "1234" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using (await instructor.PostFormAsync((IHtmlFormElement)unknown, values: new Dictionary<string, string> { ["registryId"] = await RegistryIdAsync(carlaId) }))
        {
        }

        Assert.Equal(3m, await DbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == carlaId).SumAsync(t => t.ClockHours)));

        // QR check-in: an expired code is refused; a fresh one checks the attendee in.
        var other = await _app.EventAsync(sponsorId, "Outdoor Play", day: Today);
        var otherSession = await DbAsync(db => db.TrainingSessions.Where(s => s.EventId == other).Select(s => s.Id).SingleAsync());
        using (await instructor.PostFormAsync(Form(await instructor.GetPageAsync($"/sponsors/events/{other}/attendance"), "/check-in")))
        {
        }

        var code = await DbAsync(db => db.TrainingSessions.Where(s => s.Id == otherSession).Select(s => s.CheckInCode!).SingleAsync());
        var qr = await instructor.GetAsync(new Uri($"/sponsors/events/{other}/sessions/{otherSession}/check-in.png", UriKind.Relative));
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        await DbAsync(db => db.TrainingSessions.Where(s => s.Id == otherSession).ExecuteUpdateAsync(s => s.SetProperty(x => x.CheckInExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var expired = await carla.GetPageAsync($"/training/check-in/{code}", HttpStatusCode.BadRequest);
        Assert.NotNull(expired.GetElementById("expired"));

        using (await instructor.PostFormAsync(Form(await instructor.GetPageAsync($"/sponsors/events/{other}/attendance"), "/check-in")))
        {
        }

        code = await DbAsync(db => db.TrainingSessions.Where(s => s.Id == otherSession).Select(s => s.CheckInCode!).SingleAsync());
        using (await carla.PostFormAsync(Form(await carla.GetPageAsync($"/training/check-in/{code}"), $"/training/check-in/{code}")))
        {
        }

        Assert.Equal(6m, await DbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == carlaId).SumAsync(t => t.ClockHours)));
        Assert.Contains("Outdoor Play", (await carla.GetPageAsync("/my-registry/training")).Body!.TextContent, StringComparison.Ordinal);

        // Her certificate, and the public page that checks it; a changed code is refused.
        var eventPage = await carla.GetPageAsync($"/training/events/{other}");
        Assert.NotNull(eventPage.GetElementById("attended"));
        var certificate = await carla.GetPageAsync($"/training/events/{other}/certificate");
        Assert.Contains("3 clock hours", certificate.GetElementById("certificate-hours")?.TextContent, StringComparison.Ordinal);
        var link = new Uri(certificate.GetElementById("certificate-link")!.TextContent.Trim());
        var verified = await _app.CreateBrowserLikeClient().GetPageAsync(link.PathAndQuery);
        Assert.Contains("Outdoor Play", verified.GetElementById("certificate-valid")?.TextContent, StringComparison.Ordinal);
        var tampered = link.PathAndQuery[..^3] + "xyz";
        Assert.NotNull((await _app.CreateBrowserLikeClient().GetPageAsync(tampered, HttpStatusCode.NotFound)).GetElementById("certificate-invalid"));
        await ana.GetPageAsync($"/training/events/{other}/certificate", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Five_people_asking_for_the_last_place_at_once_never_overbook_it()
    {
        var (_, managerId) = await _app.SignedInProfessionalAsync();
        var eventId = await _app.EventAsync(await _app.SponsorAsync(managerId), "One Seat Left", capacity: 1);
        var people = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            people.Add((await _app.SignedInProfessionalAsync()).ProfessionalId);
        }

        await Task.WhenAll(people.Select(async id =>
        {
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Registry.Web.Features.Calendar.EventRegistrations>().RegisterAsync(eventId, id, "test", CancellationToken.None);
        }));

        var statuses = await DbAsync(db => db.Registrations.Where(r => r.EventId == eventId).Select(r => r.Status).ToListAsync());
        Assert.Equal(5, statuses.Count);
        Assert.Equal(1, statuses.Count(s => s == RegistrationStatus.Registered));
    }

    [Fact]
    public async Task A_director_registers_confirmed_staff_of_their_site_and_no_one_else()
    {
        var (_, managerId) = await _app.SignedInProfessionalAsync();
        var eventId = await _app.EventAsync(await _app.SponsorAsync(managerId), "Director's Pick", capacity: 1);
        var site = await _app.EmployerIdAsync("380500099");
        var other = await _app.EmployerIdAsync("380500240");
        var confirmed = await _app.StaffAtAsync(site, 2, confirmed: true, lastName: "Confirmed");
        await _app.StaffAtAsync(site, 1, confirmed: false, lastName: "Unconfirmed");
        var elsewhere = await _app.StaffAtAsync(other, 1, confirmed: true, lastName: "Elsewhere");
        var (director, _) = await _app.SignedInWithGrantAsync(Registry.Web.Domain.Access.AccessRole.SiteDirector, site);

        var page = await director.GetPageAsync($"/training/events/{eventId}/register-staff");
        var listed = page.QuerySelectorAll(".staff-member label").Select(l => l.TextContent).ToList();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, l => Assert.Contains("Confirmed", l, StringComparison.Ordinal));

        var form = Form(page, "/register-staff");
        using (await director.PostFormAsync(form, extra: confirmed.Concat(elsewhere).Select(id => new KeyValuePair<string, string>("staff", id.ToString(CultureInfo.InvariantCulture)))))
        {
        }

        var statuses = await DbAsync(db => db.Registrations.Where(r => r.EventId == eventId).Select(r => new { r.ProfessionalId, r.Status }).ToListAsync());
        Assert.Equal(2, statuses.Count);
        Assert.All(statuses, s => Assert.Contains(s.ProfessionalId, confirmed));
        Assert.Equal([RegistrationStatus.Registered, RegistrationStatus.Waitlisted], statuses.Select(s => s.Status).Order());
        Assert.Equal("Registered: 1. On the waitlist: 1.", (await director.GetPageAsync($"/training/events/{eventId}/register-staff")).QuerySelector("[role=status]")?.TextContent);
    }

    [Fact]
    public async Task Registered_people_get_one_reminder_the_day_before_in_their_language()
    {
        var (_, managerId) = await _app.SignedInProfessionalAsync();
        var sponsorId = await _app.SponsorAsync(managerId);
        var tomorrow = await _app.EventAsync(sponsorId, "Tomorrow's Circle Time", day: Today.AddDays(1));
        var nextWeek = await _app.EventAsync(sponsorId, "Next Week's Circle Time", day: Today.AddDays(7));
        var (_, rosa) = await _app.SignedInProfessionalAsync();
        var (_, elena) = await _app.SignedInProfessionalAsync();
        var (_, gone) = await _app.SignedInProfessionalAsync();
        await DbAsync(db => db.Professionals.Where(p => p.Id == elena).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLanguage, "es")));
        foreach (var person in new[] { rosa, elena, gone })
        {
            await _app.RegisterAsync(tomorrow, person);
            await _app.RegisterAsync(nextWeek, person);
        }

        await DbAsync(db => db.Registrations.Where(r => r.ProfessionalId == gone).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Withdrawn)));
        await using var scope = _app.Services.CreateAsyncScope();
        var reminders = scope.ServiceProvider.GetRequiredService<Registry.Web.Features.Calendar.TrainingReminders>();

        await reminders.RunOnceAsync(CancellationToken.None);
        await reminders.RunOnceAsync(CancellationToken.None);

        var sent = await DbAsync(db => db.OutboxMessages.Where(m => m.Kind == "event-reminder" && m.Subject.Contains("Circle Time")).Select(m => new { m.ToAddress, m.Subject }).ToListAsync());
        var emails = await DbAsync(db => db.Professionals.Where(p => p.Id == rosa || p.Id == elena).ToDictionaryAsync(p => p.Id, p => p.Email));
        Assert.Equal(2, sent.Count);
        Assert.Contains(sent, m => m.ToAddress == emails[rosa] && m.Subject == "Tomorrow: Tomorrow's Circle Time");
        Assert.Contains(sent, m => m.ToAddress == emails[elena] && m.Subject == "Mañana: Tomorrow's Circle Time");
    }

    [Fact]
    public async Task Hours_are_posted_only_for_people_registered_or_checked_in_and_never_by_the_person_themselves()
    {
        var (manager, managerId) = await _app.SignedInProfessionalAsync();
        var sponsorId = await _app.SponsorAsync(managerId);
        var eventId = await _app.EventAsync(sponsorId, "Family Engagement", day: Today);
        var (_, registeredId) = await _app.SignedInProfessionalAsync();
        var (_, strangerId) = await _app.SignedInProfessionalAsync();
        await _app.RegisterAsync(eventId, registeredId);
        await _app.RegisterAsync(eventId, managerId);
        var strangerRegistryId = await RegistryIdAsync(strangerId);

        // The roster form, forged with the id of someone who never registered and with the manager's own id.
        var roster = (await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance")).QuerySelector("form.roster-form") as IHtmlFormElement ?? throw new InvalidOperationException("form.roster-form");
        var forged = new FormUrlEncodedContent([
            new("__RequestVerificationToken", ((IHtmlInputElement)roster.QuerySelector("input[name=__RequestVerificationToken]")!).Value),
            new("present", strangerId.ToString(CultureInfo.InvariantCulture)),
            new("present", managerId.ToString(CultureInfo.InvariantCulture)),
            new("present", registeredId.ToString(CultureInfo.InvariantCulture)),
        ]);
        using (await manager.PostAsync(new Uri(roster.GetAttribute("action")!, UriKind.Relative), forged))
        {
        }

        Assert.Equal(3m, await DbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == registeredId).SumAsync(t => t.ClockHours)));
        Assert.Equal(0, await DbAsync(db => db.TrainingRecords.CountAsync(t => t.ProfessionalId == strangerId || t.ProfessionalId == managerId)));
        Assert.Equal(0, await DbAsync(db => db.Attendance.CountAsync(a => a.ProfessionalId == strangerId || a.ProfessionalId == managerId)));
        var sheet = await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance");
        Assert.DoesNotContain(strangerRegistryId, sheet.Body!.TextContent, StringComparison.Ordinal);

        // A CSV with the stranger's registry id and the manager's own: both held as unmatched, neither posted.
        var sessionId = await DbAsync(db => db.TrainingSessions.Where(s => s.EventId == eventId).Select(s => s.Id).SingleAsync());
        var upload = sheet.QuerySelector("form.csv-form") as IHtmlFormElement ?? throw new InvalidOperationException("form.csv-form");
        using (var content = new MultipartFormDataContent())
        {
            content.Add(new StringContent(((IHtmlInputElement)upload.QuerySelector("input[name=__RequestVerificationToken]")!).Value), "__RequestVerificationToken");
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes($"registry_id,hours\n{strangerRegistryId},3\n{await RegistryIdAsync(managerId)},3\n")), "file", "attendance.csv");
            using var posted = await manager.PostAsync(new Uri(upload.GetAttribute("action")!, UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        sheet = await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance");
        Assert.Equal("Posted: 0. Already posted before: 0. Held as unmatched: 2.", sheet.GetElementById("posted")?.TextContent);
        var held = sheet.QuerySelectorAll(".unmatched-row .problem").Select(p => p.TextContent).Order().ToList();
        Assert.Equal(["Hours are not posted by the person who attended", "Not registered for this event or checked in"], held);
        Assert.Equal(0, await DbAsync(db => db.TrainingRecords.CountAsync(t => t.ProfessionalId == strangerId || t.ProfessionalId == managerId)));
        Assert.Equal(2, await DbAsync(db => db.UnmatchedAttendance.CountAsync(u => u.SessionId == sessionId && u.ResolvedAt == null)));
    }

    [Fact]
    public async Task The_daily_cap_and_the_repeat_rule_credit_less_and_say_why()
    {
        var (manager, managerId) = await _app.SignedInProfessionalAsync();
        var sponsorId = await _app.SponsorAsync(managerId);
        var (person, personId) = await _app.SignedInProfessionalAsync();
        var id = personId.ToString(CultureInfo.InvariantCulture);
        async Task PostAsync(int eventId)
        {
            var roster = (await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance")).QuerySelector("form.roster-form") as IHtmlFormElement ?? throw new InvalidOperationException("form.roster-form");
            await _app.RegisterAsync(eventId, personId);
            roster = (await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance")).QuerySelector("form.roster-form") as IHtmlFormElement ?? throw new InvalidOperationException("form.roster-form");
            using (await manager.PostFormAsync(roster, values: new Dictionary<string, string> { ["present"] = id }))
            {
            }
        }

        // Six 3-hour events on one day (18 hours): the sixth is credited 0 of 3 under a 15-hour cap.
        for (var i = 0; i < 6; i++)
        {
            await PostAsync(await _app.EventAsync(sponsorId, $"Module {i}", day: Today.AddDays(-10)));
        }

        Assert.Equal(15m, await DbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == personId).SumAsync(t => t.ClockHours)));
        var capped = await DbAsync(db => db.Attendance.Where(a => a.ProfessionalId == personId && a.CreditedHours == 0).Select(a => a.Reason).SingleAsync());
        Assert.Equal("At most 15 hours are credited per day", capped);

        // The same training (sponsor and title) again within 12 months: credited once.
        await PostAsync(await _app.EventAsync(sponsorId, "Module 0", day: Today.AddDays(-3)));
        Assert.Equal(15m, await DbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == personId).SumAsync(t => t.ClockHours)));
        Assert.Contains("Repeat of the same training credited on", await DbAsync(db => db.Attendance.OrderByDescending(a => a.Id).Where(a => a.ProfessionalId == personId).Select(a => a.Reason).FirstAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_filters_and_the_icalendar_feed_parse_with_a_real_parser()
    {
        var (_, managerId) = await _app.SignedInProfessionalAsync();
        var sponsorId = await _app.SponsorAsync(managerId);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var inPerson = await _app.EventAsync(sponsorId, $"Storytelling {marker}, with puppets; and songs", day: Today.AddDays(20));
        var later = await _app.EventAsync(sponsorId, $"Storytelling {marker} advanced", day: Today.AddDays(60));
        await DbAsync(db => db.TrainingEvents.Where(e => e.Id == later).ExecuteUpdateAsync(s => s.SetProperty(e => e.Language, "es").SetProperty(e => e.Topic, TrainingTopic.CurriculumAndLearning)));
        var anonymous = _app.CreateBrowserLikeClient();

        async Task<List<string>> FoundAsync(string query) =>
            (await anonymous.GetPageAsync($"/training?Q={marker}&{query}")).QuerySelectorAll(".event a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.Equal([$"/training/events/{inPerson}", $"/training/events/{later}"], await FoundAsync(""));
        Assert.Equal([$"/training/events/{later}"], await FoundAsync("Language=es"));
        Assert.Equal([$"/training/events/{later}"], await FoundAsync("Topic=CurriculumAndLearning"));
        Assert.Equal([$"/training/events/{inPerson}"], await FoundAsync($"To={Iso(Today.AddDays(30))}"));
        Assert.Equal([$"/training/events/{later}"], await FoundAsync($"From={Iso(Today.AddDays(30))}"));
        Assert.Empty(await FoundAsync("Mode=online"));
        Assert.Empty(await FoundAsync("County=Alameda"));
        Assert.Equal(2, (await FoundAsync("County=San%20Francisco&Mode=in-person")).Count);
        Assert.Empty((await anonymous.GetPageAsync($"/training?Q={marker}%20nowhere")).QuerySelectorAll(".event"));

        // The month view of the later event's month, keeping the filters.
        var month = Today.AddDays(60).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var grid = await anonymous.GetPageAsync($"/training?Month={month}&Q={marker}&Language=es");
        Assert.Equal([$"/training/events/{later}"], grid.QuerySelectorAll("#month .event").Select(a => a.GetAttribute("href")!).ToList());
        Assert.Contains("Month=", grid.GetElementById("next-month")?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("Language=es", grid.GetElementById("next-month")?.GetAttribute("href"), StringComparison.Ordinal);

        using var feed = await anonymous.GetAsync(new Uri($"/training/calendar.ics?Q={marker}&Language=en", UriKind.Relative));
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        var entry = Assert.Single(calendar.Events);
        Assert.Equal($"Storytelling {marker}, with puppets; and songs", entry.Summary);
        Assert.Equal("1 Main St, San Francisco, San Francisco", entry.Location);
        var starts = TimeZoneInfo.ConvertTimeToUtc(Today.AddDays(20).ToDateTime(new TimeOnly(9, 0)), TestClock.Instance.LocalTimeZone);
        Assert.Equal(starts, entry.DtStart!.AsUtc);
        Assert.Equal(TimeSpan.FromHours(3), entry.DtEnd!.AsUtc - entry.DtStart.AsUtc);
    }
}
