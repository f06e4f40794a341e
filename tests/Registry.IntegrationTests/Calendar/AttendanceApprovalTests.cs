using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.History;
using Registry.Web.Domain.Training;
using Registry.Web.Features.Export;
using Registry.Web.Infrastructure.Security;
using Registry.Web.Infrastructure.Training;

namespace Registry.IntegrationTests.Calendar;

/// <summary>
/// Attendance only for people who were there (issue 19, item 1; decision 0030), the rest: sessions
/// long past wait for registry staff, staff undo a posting with a reason and its hours count
/// nowhere, and a sponsor checks someone in at the door with what a sign-in sheet shows.
/// </summary>
public sealed class AttendanceApprovalTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private static DateOnly Today => TestClock.Today;

    [Fact]
    public async Task Hours_for_a_session_long_past_count_only_once_registry_staff_approve_and_a_refusal_says_why()
    {
        var (manager, managerId) = await app.SignedInProfessionalAsync();
        var sponsorId = await app.SponsorAsync(managerId);
        var eventId = await app.EventAsync(sponsorId, "Back-dated Workshop", day: Today.AddDays(-45));
        var (_, approvedId) = await app.SignedInProfessionalAsync();
        var (_, refusedId) = await app.SignedInProfessionalAsync();
        await app.RegisterAsync(eventId, approvedId);
        await app.RegisterAsync(eventId, refusedId);

        var roster = (IHtmlFormElement)(await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance")).QuerySelector("form.roster-form")!;
        using (var posted = await manager.PostFormAsync(roster, extra: [new("present", approvedId.ToString(CultureInfo.InvariantCulture)), new("present", refusedId.ToString(CultureInfo.InvariantCulture))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }

        // Posted, but waiting: no hours on either record yet, and the sponsor is told why.
        var sheet = await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance");
        Assert.Equal("Posted: 2. Already posted before: 0. Held as unmatched: 0. 2 of these wait for registry staff's approval before the hours count: the session is long past.", sheet.GetElementById("posted")?.TextContent);
        Assert.Equal(2, sheet.QuerySelectorAll(".posted").Count(p => p.TextContent.Contains("Waiting for registry staff's approval", StringComparison.Ordinal)));
        Assert.Equal(0, await DbAsync(db => db.TrainingRecords.CountAsync(t => t.ProfessionalId == approvedId || t.ProfessionalId == refusedId)));

        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var queue = await staff.GetPageAsync("/staff/attendance");
        var approve = LineForm(queue, approvedId, "/approve", await AttendanceIdAsync(approvedId));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(approve)).StatusCode);
        Assert.Equal((3m, TrainingTrustLevel.SponsorVerified), await DbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == approvedId).Select(t => new ValueTuple<decimal, TrainingTrustLevel>(t.ClockHours, t.TrustLevel)).SingleAsync()));

        // A refusal needs a reason, beside its field; without one nothing changes.
        queue = await staff.GetPageAsync("/staff/attendance");
        var refusedAttendance = await AttendanceIdAsync(refusedId);
        var refuse = LineForm(queue, refusedId, "/refuse", refusedAttendance);
        using (var noReason = await staff.PostFormAsync(refuse))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Equal("Say why, in words the sponsor and the person will read.", (await noReason.ReadPageAsync()).GetElementById($"reason-{refusedAttendance}-error")?.TextContent);
        }

        Assert.Equal(AttendanceStatus.AwaitingApproval, await DbAsync(db => db.Attendance.Where(a => a.Id == refusedAttendance).Select(a => a.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(refuse, values: new Dictionary<string, string> { ["reason"] = "The session was not held on that day." })).StatusCode);
        Assert.Equal(0, await DbAsync(db => db.TrainingRecords.CountAsync(t => t.ProfessionalId == refusedId)));
        sheet = await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance");
        Assert.Contains(sheet.QuerySelectorAll(".posted"), p => p.TextContent.Contains("Refused by registry staff: The session was not held on that day.", StringComparison.Ordinal));

        // Decided once: posting the same forms again finds nothing to decide.
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostFormAsync(approve)).StatusCode);
        Assert.Equal(1, await DbAsync(db => db.TrainingRecords.CountAsync(t => t.ProfessionalId == approvedId)));
    }

    [Fact]
    public async Task Staff_undo_a_posting_with_a_reason_and_its_hours_count_nowhere()
    {
        var (manager, managerId) = await app.SignedInProfessionalAsync();
        var sponsorId = await app.SponsorAsync(managerId);
        var eventId = await app.EventAsync(sponsorId, "Positive Guidance", day: Today.AddDays(-3));
        var (_, personId) = await app.SignedInProfessionalAsync();
        await app.RegisterAsync(eventId, personId);
        var roster = (IHtmlFormElement)(await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance")).QuerySelector("form.roster-form")!;
        using (await manager.PostFormAsync(roster, values: new Dictionary<string, string> { ["present"] = personId.ToString(CultureInfo.InvariantCulture) }))
        {
        }

        Assert.Equal(3m, await DbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == personId).SumAsync(t => t.ClockHours)));
        Assert.NotNull(await CertificateAsync(eventId, personId));

        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var registryId = await DbAsync(db => db.Professionals.Where(p => p.Id == personId).Select(p => p.RegistryId).SingleAsync());
        var found = await staff.GetPageAsync($"/staff/attendance?registryId={registryId}");
        var attendanceId = await AttendanceIdAsync(personId);
        var undo = LineForm(found, personId, "/undo", attendanceId);

        // A reason is needed, and too long a reason is refused too; nothing changes either way.
        foreach (var (reason, message) in new[] { (string.Empty, "Say why, in words the sponsor and the person will read."), (new string('x', 501), "Use at most 500 characters.") })
        {
            using var refused = await staff.PostFormAsync(undo, values: new Dictionary<string, string> { ["reason"] = reason });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(message, (await refused.ReadPageAsync()).GetElementById($"reason-{attendanceId}-error")?.TextContent);
        }

        Assert.Equal(3m, await DbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == personId).SumAsync(t => t.ClockHours)));

        using (var done = await staff.PostFormAsync(undo, values: new Dictionary<string, string> { ["reason"] = "Posted to the wrong person." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        }

        // Gone everywhere it counted: the training record (so every rule, rating and stipend), the certificate;
        // the person's history says it was removed and their export says why.
        Assert.Equal(0, await DbAsync(db => db.TrainingRecords.CountAsync(t => t.ProfessionalId == personId)));
        Assert.Null(await CertificateAsync(eventId, personId));
        Assert.True(await DbAsync(db => db.RecordChanges.AnyAsync(c => c.ProfessionalId == personId && c.Kind == RecordChangeKind.Removed && c.Section == "TrainingRecord")));
        var attended = (await ExportAsync(personId))["events"]!.AsArray().Single()!["attended"]!.AsArray().Single()!;
        Assert.Equal((0m, "Undone by registry staff: Posted to the wrong person."), (attended["creditedHours"]!.GetValue<decimal>(), attended["reason"]!.GetValue<string>()));

        // Posting the person again does not bring the hours back, and the sponsor sees why.
        using (await manager.PostFormAsync(roster, values: new Dictionary<string, string> { ["present"] = personId.ToString(CultureInfo.InvariantCulture) }))
        {
        }

        Assert.Equal(0, await DbAsync(db => db.TrainingRecords.CountAsync(t => t.ProfessionalId == personId)));
        Assert.Contains((await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance")).QuerySelectorAll(".posted"), p => p.TextContent.Contains("Undone by registry staff: Posted to the wrong person.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_the_door_a_sponsor_checks_someone_in_with_their_registry_id_last_name_and_date_of_birth()
    {
        var (manager, managerId) = await app.SignedInProfessionalAsync();
        var sponsorId = await app.SponsorAsync(managerId);
        var eventId = await app.EventAsync(sponsorId, "Walk-in Workshop", day: Today);
        var sessionId = await DbAsync(db => db.TrainingSessions.Where(s => s.EventId == eventId).Select(s => s.Id).SingleAsync());
        var (_, walkInId) = await app.SignedInProfessionalAsync();
        var walkIn = await DbAsync(db => db.Professionals.Where(p => p.Id == walkInId).Select(p => new { p.RegistryId, p.LastName, p.DateOfBirth }).SingleAsync());
        var me = await DbAsync(db => db.Professionals.Where(p => p.Id == managerId).Select(p => new { p.RegistryId, p.LastName, p.DateOfBirth }).SingleAsync());
        var checkIn = $"/sponsors/events/{eventId}/sessions/{sessionId}/check-in";
        var door = (IHtmlFormElement)(await manager.GetPageAsync(checkIn)).GetElementById("door-form")!;
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Bad input: each message beside its field, nothing posted; a wrong date of birth never says which part was wrong.
        var cases = new (Dictionary<string, string> Values, string Field, string Message)[]
        {
            (new() { ["RegistryId"] = string.Empty, ["LastName"] = walkIn.LastName, ["DateOfBirth"] = Day(walkIn.DateOfBirth) }, "RegistryId", "Type the registry id on the attendee's card."),
            (new() { ["RegistryId"] = walkIn.RegistryId, ["LastName"] = " ", ["DateOfBirth"] = Day(walkIn.DateOfBirth) }, "LastName", "Type the attendee's last name."),
            (new() { ["RegistryId"] = walkIn.RegistryId, ["LastName"] = walkIn.LastName, ["DateOfBirth"] = "31/02/1990" }, "DateOfBirth", "Enter the date of birth as a date, such as 1990-04-23."),
            (new() { ["RegistryId"] = walkIn.RegistryId, ["LastName"] = walkIn.LastName, ["DateOfBirth"] = Day(walkIn.DateOfBirth.AddDays(1)) }, "RegistryId", "No one has this registry id with this last name and date of birth. Check them with the attendee."),
            (new() { ["RegistryId"] = walkIn.RegistryId, ["LastName"] = "Someone Else", ["DateOfBirth"] = Day(walkIn.DateOfBirth) }, "RegistryId", "No one has this registry id with this last name and date of birth. Check them with the attendee."),
            (new() { ["RegistryId"] = me.RegistryId, ["LastName"] = me.LastName, ["DateOfBirth"] = Day(me.DateOfBirth) }, "RegistryId", "You cannot check yourself in: another member of the sponsor does, or scan the code."),
        };
        foreach (var (values, field, message) in cases)
        {
            using var refused = await manager.PostFormAsync(door, values: values);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await refused.ReadPageAsync();
            Assert.Equal(message, page.GetElementById($"door-{field}-error")?.TextContent);
            Assert.Equal(values["LastName"].Trim(), page.QuerySelector<IHtmlInputElement>("#door-LastName")!.Value);
        }

        Assert.Equal(0, await DbAsync(db => db.Attendance.CountAsync(a => a.SessionId == sessionId)));

        // What the card and the person say, typed as a sign-in sheet shows it (lower case, spaces): checked in, hours posted.
        using (var checkedIn = await manager.PostFormAsync(door, values: new Dictionary<string, string> { ["RegistryId"] = " " + walkIn.RegistryId.ToLowerInvariant(), ["LastName"] = walkIn.LastName.ToLowerInvariant() + " ", ["DateOfBirth"] = Day(walkIn.DateOfBirth) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, checkedIn.StatusCode);
        }

        Assert.Equal("Posted: 1. Already posted before: 0. Held as unmatched: 0.", (await manager.GetPageAsync(checkIn)).GetElementById("notice")?.TextContent);
        Assert.Equal(AttendanceSource.Door, await DbAsync(db => db.Attendance.Where(a => a.SessionId == sessionId && a.ProfessionalId == walkInId).Select(a => a.Source).SingleAsync()));
        Assert.Equal(3m, await DbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == walkInId).SumAsync(t => t.ClockHours)));
        Assert.Equal(0, await DbAsync(db => db.TrainingRecords.CountAsync(t => t.ProfessionalId == managerId)));
    }

    /// <summary>The line's form whose action ends with <paramref name="action"/> for the attendance id, from the staff page.</summary>
    private static IHtmlFormElement LineForm(IHtmlDocument page, int professionalId, string action, int attendanceId) =>
        page.Forms.SingleOrDefault(f => f.Action.EndsWith($"/staff/attendance/{attendanceId}{action}", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No {action} form for professional {professionalId} (attendance {attendanceId}).");

    private Task<int> AttendanceIdAsync(int professionalId) => DbAsync(db => db.Attendance.Where(a => a.ProfessionalId == professionalId).Select(a => a.Id).SingleAsync());

    private async Task<TrainingCertificates.Certificate?> CertificateAsync(int eventId, int professionalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrainingCertificates>().ForAsync(eventId, professionalId, CancellationToken.None);
    }

    private async Task<JsonObject> ExportAsync(int professionalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var zip = (await scope.ServiceProvider.GetRequiredService<ExportRecord.Handler>().HandleAsync(professionalId, CancellationToken.None))!.Value.Zip;
        using var archive = new ZipArchive(new MemoryStream(zip));
        await using var json = archive.GetEntry("record.json")!.Open();
        var record = (await JsonNode.ParseAsync(json))!.AsObject();
        ExportSchema.AssertValid(record);
        return record;
    }

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}
