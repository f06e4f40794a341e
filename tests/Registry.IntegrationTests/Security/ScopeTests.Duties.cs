using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Verifications;

namespace Registry.IntegrationTests.Security;

/// <summary>
/// Issue 19, items 2 and 3: directors act only on their sites' current staff (an ended job, another
/// site's job and a made-up id get one answer), and nobody decides their own case (registry staff
/// verifying their own entries, approving their own access or their own sponsor application).
/// </summary>
public sealed partial class ScopeTests
{
    private static readonly byte[] DutiesPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Jobs_that_are_not_a_sites_current_staff_answer_as_if_they_did_not_exist()
    {
        var w = DutiesWorld;
        await w.ReadyAsync();
        var v = w.Victim;
        var (endedJob, siteC) = await DutiesDbAsync(db => db.Employments.Where(e => e.ProfessionalId == v.ProfessionalId && e.EndDate != null).Select(e => new ValueTuple<int, int>(e.Id, e.EmployerId!.Value)).SingleAsync());
        var madeUp = await DutiesDbAsync(db => db.Employments.MaxAsync(e => e.Id)) + 100_000;
        var former = w.Outsiders().Single(o => o.Persona == "former employer").Client;

        // Site C's page lists someone, so its director has the form to alter.
        if (!await DutiesDbAsync(db => db.Employments.AnyAsync(e => e.EmployerId == siteC && e.EndDate == null)))
        {
            await w.App.StaffAtAsync(siteC, 1, lastName: "Colleague");
        }

        var attempts = new (string Persona, HttpClient Client, string Page, int[] Ids, bool SeesThePerson)[]
        {
            // The former employer: the job that ended at their site, and the person's current job at site A.
            ("former employer", former, $"/sites/{siteC}/staff", [madeUp, endedJob, v.JobId], false),

            // Site A's director (who sees the person, their current staff): the person's ended job at another site.
            ("site A's director", w.Director, $"/sites/{w.SiteA}/staff", [madeUp, endedJob], true),
        };
        var before = await w.ExportAsync();
        var failures = new List<string>();
        foreach (var (persona, client, page, ids, seesThePerson) in attempts)
        {
            var form = Form(await client.GetPageAsync(page), page);
            var answers = new List<(int Id, string Action, HttpStatusCode Status, string Body)>();
            foreach (var id in ids)
            {
                foreach (var (action, date) in new[] { ("End", TestClock.Now.Date.AddDays(30)), ("Confirm", TestClock.Now.Date), ("Correct", TestClock.Now.Date.AddYears(-9)) })
                {
                    using var response = await client.PostFormAsync(form, values: new Dictionary<string, string>
                    {
                        ["Rows[0].EmploymentId"] = id.ToString(CultureInfo.InvariantCulture), ["Rows[0].Action"] = action,
                        ["Rows[0].EndDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Rows[0].StartDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    });
                    var body = await response.Content.ReadAsStringAsync();
                    if (!seesThePerson && w.Leaks(body) is { } leak)
                    {
                        failures.Add($"{persona} {action} {id}: {leak}");
                    }

                    answers.Add((id, action, response.StatusCode, DutiesTokens().Replace(body, "")));
                }
            }

            foreach (var answer in answers.Where(a => a.Id != madeUp))
            {
                var unknown = answers.Single(a => a.Id == madeUp && a.Action == answer.Action);
                if (answer.Status != unknown.Status || answer.Body != unknown.Body)
                {
                    failures.Add($"{persona} {answer.Action}: job {answer.Id} answered {(int)answer.Status}, a made-up id {(int)unknown.Status}{(answer.Body == unknown.Body ? "" : ", with a different page")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await w.ExportAsync());
    }

    [Fact]
    public async Task Registry_staff_never_verify_their_own_entries()
    {
        var w = DutiesWorld;
        await w.ReadyAsync();
        var (staff, _, ownId) = await w.App.SignedInStaffWithRecordAsync();
        var ownCourse = await SubmittedCourseAsync(staff, ownId, "Own course for review");
        var (other, otherId) = await w.App.SignedInProfessionalAsync();
        var otherCourse = await SubmittedCourseAsync(other, otherId, "Someone else's course");

        var queue = await staff.GetPageAsync("/staff/review");

        // The three decisions of someone else's entry, pointed at one's own.
        var theirs = queue.QuerySelector($"#item-Course-{otherCourse}")!.ParentElement!;
        var reason = theirs.QuerySelector<IHtmlSelectElement>("select[name=reasonId]")!.Options.First(o => o.Value.Length > 0).Value;
        foreach (var form in theirs.QuerySelectorAll<IHtmlFormElement>("form"))
        {
            form.Action = form.Action.Replace($"/Course/{otherCourse}/", $"/Course/{ownCourse}/", StringComparison.Ordinal);
            using var response = await staff.PostFormAsync(form, values: new Dictionary<string, string> { ["reasonId"] = reason, ["note"] = "Send the transcript." });
            DutiesRefused(response);
        }

        Assert.Equal(VerificationStatus.PendingReview, await DutiesDbAsync(db => db.Courses.Where(c => c.Id == ownCourse).Select(c => c.Verification.Status).SingleAsync()));

        // The queue offers nothing for one's own entry, and says who decides it.
        var own = queue.QuerySelector($"#item-Course-{ownCourse}")!.ParentElement!;
        Assert.Equal("This is your own entry: another staff member decides it.", own.QuerySelector(".own-entry")?.TextContent);
        Assert.Empty(own.QuerySelectorAll("form"));

        // Another staff member decides it.
        var (colleague, _) = await w.App.SignedInWithRoleAsync(Registry.Web.Infrastructure.Security.Roles.RegistryStaff);
        var verify = (await colleague.GetPageAsync("/staff/review")).QuerySelector($"#item-Course-{ownCourse}")!.ParentElement!.QuerySelector<IHtmlFormElement>("form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.PostFormAsync(verify)).StatusCode);
        Assert.Equal(VerificationStatus.Verified, await DutiesDbAsync(db => db.Courses.Where(c => c.Id == ownCourse).Select(c => c.Verification.Status).SingleAsync()));
    }

    [Fact]
    public async Task Registry_staff_never_decide_their_own_access_request()
    {
        var w = DutiesWorld;
        await w.ReadyAsync();
        var (staff, staffUser, _) = await w.App.SignedInStaffWithRecordAsync();
        var (other, _) = await w.App.SignedInProfessionalAsync();
        await AccessRequestAsync(staff, "Own request director");
        await AccessRequestAsync(other, "Other request director");
        var ownRequest = await DutiesDbAsync(db => db.AccessRequests.Where(r => r.UserId == staffUser).Select(r => r.Id).SingleAsync());

        var page = await staff.GetPageAsync("/staff/access-requests");
        var theirs = page.QuerySelectorAll(".access-request").Single(r => r.TextContent.Contains("Other request director", StringComparison.Ordinal));
        var otherRequest = theirs.QuerySelector("h2")!.Id!["request-".Length..];
        foreach (var form in theirs.QuerySelectorAll<IHtmlFormElement>("form"))
        {
            form.Action = form.Action.Replace($"/access-requests/{otherRequest}/", $"/access-requests/{ownRequest}/", StringComparison.Ordinal);
            using var response = await staff.PostFormAsync(form, values: new Dictionary<string, string> { ["reason"] = "No." });
            DutiesRefused(response);
        }

        Assert.Equal(AccessRequestStatus.Pending, await DutiesDbAsync(db => db.AccessRequests.Where(r => r.Id == ownRequest).Select(r => r.Status).SingleAsync()));
        Assert.False(await DutiesDbAsync(db => db.AccessGrants.AnyAsync(g => g.UserId == staffUser)));
        var own = page.QuerySelector($"#request-{ownRequest}")!.ParentElement!;
        Assert.Equal("This is your own request: another staff member decides it.", own.QuerySelector(".own-request")?.TextContent);
        Assert.Empty(own.QuerySelectorAll("form"));
    }

    [Fact]
    public async Task Registry_staff_never_decide_their_own_sponsor_application()
    {
        var w = DutiesWorld;
        await w.ReadyAsync();
        var (staff, staffUser, _) = await w.App.SignedInStaffWithRecordAsync();
        var (other, _) = await w.App.SignedInProfessionalAsync();
        var ownName = "Own Sponsor " + Guid.NewGuid().ToString("N")[..6];
        var otherName = "Other Sponsor " + Guid.NewGuid().ToString("N")[..6];
        foreach (var (client, name) in new[] { (staff, ownName), (other, otherName) })
        {
            var apply = await client.GetPageAsync("/sponsors/apply");
            var response = await client.PostFormAsync(Form(apply, "/sponsors/apply"), values: new Dictionary<string, string> { ["Name"] = name, ["ContactEmail"] = "training@example.org", ["County"] = "San Francisco" });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var ownSponsor = await DutiesDbAsync(db => db.Sponsors.Where(s => s.Name == ownName).Select(s => s.Id).SingleAsync());
        var otherSponsor = await DutiesDbAsync(db => db.Sponsors.Where(s => s.Name == otherName).Select(s => s.Id).SingleAsync());
        var page = await staff.GetPageAsync("/staff/sponsors");
        foreach (var form in page.QuerySelector($"#application-{otherSponsor}")!.ParentElement!.QuerySelectorAll<IHtmlFormElement>("form"))
        {
            form.Action = form.Action.Replace($"/sponsors/{otherSponsor}/", $"/sponsors/{ownSponsor}/", StringComparison.Ordinal);
            using var response = await staff.PostFormAsync(form, values: new Dictionary<string, string> { ["reason"] = "No." });
            DutiesRefused(response);
        }

        Assert.Equal(SponsorStatus.Pending, await DutiesDbAsync(db => db.Sponsors.Where(s => s.Id == ownSponsor).Select(s => s.Status).SingleAsync()));
        Assert.False(await DutiesDbAsync(db => db.SponsorMembers.AnyAsync(m => m.SponsorId == ownSponsor && m.UserId == staffUser && m.ApprovedAt != null)));
        var own = page.QuerySelector($"#application-{ownSponsor}")!.ParentElement!;
        Assert.Equal("This is your own application: another staff member decides it.", own.QuerySelector(".own-application")?.TextContent);
        Assert.Empty(own.QuerySelectorAll("form"));
    }

    [Fact]
    public async Task Registry_staff_never_merge_or_keep_apart_their_own_profile()
    {
        var w = DutiesWorld;
        await w.ReadyAsync();
        var (staff, _, ownId) = await w.App.SignedInStaffWithRecordAsync();
        var (_, impostorId) = await w.App.SignedInProfessionalAsync();
        var (_, olderId) = await w.App.SignedInProfessionalAsync();
        var (_, newerId) = await w.App.SignedInProfessionalAsync();
        await DutiesDbAsync(async db =>
        {
            (await db.Professionals.SingleAsync(p => p.Id == impostorId)).FlagPossibleDuplicateOf(ownId);
            (await db.Professionals.SingleAsync(p => p.Id == newerId)).FlagPossibleDuplicateOf(olderId);
            return await db.SaveChangesAsync();
        });

        // The forms of another pair, pointed at the pair that holds the staff member's own profile.
        var page = await staff.GetPageAsync("/staff/duplicates");
        var forms = page.Forms.Where(f => f.Action.Contains($"/duplicates/{newerId}/", StringComparison.Ordinal))
            .Concat((await staff.GetPageAsync($"/staff/duplicates/{newerId}")).Forms.Where(f => f.Action.Contains($"/duplicates/{newerId}/", StringComparison.Ordinal))).ToList();
        Assert.Equal(3, forms.Count);
        foreach (var form in forms)
        {
            form.Action = form.Action.Replace($"/duplicates/{newerId}/", $"/duplicates/{impostorId}/", StringComparison.Ordinal);
            using var response = await staff.PostFormAsync(form);
            DutiesRefused(response);
        }

        Assert.Equal(ownId, await DutiesDbAsync(db => db.Professionals.Where(p => p.Id == impostorId).Select(p => p.PossibleDuplicateOfId).SingleAsync()));
        Assert.Equal(2, await DutiesDbAsync(db => db.Professionals.CountAsync(p => p.Id == impostorId || p.Id == ownId)));
        page = await staff.GetPageAsync("/staff/duplicates");
        Assert.DoesNotContain(page.Forms, f => f.Action.Contains($"/duplicates/{impostorId}/", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll(".own-case"), p => p.TextContent == "This is your own profile: another staff member decides it.");
        var own = await staff.GetPageAsync($"/staff/duplicates/{impostorId}");
        Assert.DoesNotContain(own.Forms, f => f.Action.Contains("/duplicates/", StringComparison.Ordinal));
        Assert.Equal("This is your own profile: another staff member decides it.", own.QuerySelector(".own-case")?.TextContent);
    }

    [Fact]
    public async Task Registry_staff_never_undo_a_merge_of_their_own_profile_and_an_undo_needs_a_reason()
    {
        var w = DutiesWorld;
        await w.ReadyAsync();
        var (_, _, ownId, signInAgainAsync) = await w.App.StaffWithRecordAsync();
        var (other, _) = await w.App.SignedInWithRoleAsync(Registry.Web.Infrastructure.Security.Roles.RegistryStaff);
        var (_, duplicateId) = await w.App.SignedInProfessionalAsync();
        var (_, olderId) = await w.App.SignedInProfessionalAsync();
        var (_, newerId) = await w.App.SignedInProfessionalAsync();
        await DutiesDbAsync(async db =>
        {
            (await db.Professionals.SingleAsync(p => p.Id == duplicateId)).FlagPossibleDuplicateOf(ownId);
            (await db.Professionals.SingleAsync(p => p.Id == newerId)).FlagPossibleDuplicateOf(olderId);
            return await db.SaveChangesAsync();
        });

        // Another member of staff merges the staff member's own pair, and a pair of strangers.
        foreach (var flagged in new[] { duplicateId, newerId })
        {
            var compare = await other.GetPageAsync($"/staff/duplicates/{flagged}");
            Assert.Equal(HttpStatusCode.Redirect, (await other.PostFormAsync((IHtmlFormElement)compare.GetElementById("merge-form")!)).StatusCode);
        }

        var ownMerge = await DutiesDbAsync(db => db.ProfileMerges.Where(m => m.MergedProfessionalId == duplicateId).Select(m => m.Id).SingleAsync());
        var strangersMerge = await DutiesDbAsync(db => db.ProfileMerges.Where(m => m.MergedProfessionalId == newerId).Select(m => m.Id).SingleAsync());

        // The staff member (signed in again: the merge of their pair ended their sessions) is offered no undo of
        // their own merge; the strangers' form, pointed at it, is refused.
        var staff = await signInAgainAsync();
        var page = await staff.GetPageAsync("/staff/merges");
        Assert.DoesNotContain(page.Forms, f => f.Action.Contains($"/merges/{ownMerge}/", StringComparison.Ordinal));
        var form = page.Forms.Single(f => f.Action.Contains($"/merges/{strangersMerge}/undo", StringComparison.Ordinal));
        form.QuerySelector<IHtmlInputElement>("input[name=reason]")!.Value = "Undoing my own merge";
        form.Action = form.Action.Replace($"/merges/{strangersMerge}/", $"/merges/{ownMerge}/", StringComparison.Ordinal);
        DutiesRefused(await staff.PostFormAsync(form));
        Assert.Equal(ownId, await DutiesDbAsync(db => db.Professionals.IgnoreQueryFilters().Where(p => p.Id == duplicateId).Select(p => p.MergedIntoId).SingleAsync()));
        Assert.Null(await DutiesDbAsync(db => db.ProfileMerges.Where(m => m.Id == ownMerge).Select(m => m.UndoneAt).SingleAsync()));

        // The strangers' own form with no reason: asked for beside the field, nothing undone.
        var empty = (await staff.GetPageAsync("/staff/merges")).Forms.Single(f => f.Action.Contains($"/merges/{strangersMerge}/undo", StringComparison.Ordinal));
        using var answer = await staff.PostFormAsync(empty);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("Say why the merge is undone.", (await answer.ReadPageAsync()).GetElementById($"reason-{strangersMerge}-error")?.TextContent);
        Assert.Null(await DutiesDbAsync(db => db.ProfileMerges.Where(m => m.Id == strangersMerge).Select(m => m.UndoneAt).SingleAsync()));
    }

    [Fact]
    public async Task Registry_staff_never_decide_or_undo_attendance_of_their_own_and_a_refusal_needs_a_reason()
    {
        var w = DutiesWorld;
        await w.ReadyAsync();
        var (staff, _, ownId) = await w.App.SignedInStaffWithRecordAsync();
        var (other, _) = await w.App.SignedInWithRoleAsync(Registry.Web.Infrastructure.Security.Roles.RegistryStaff);
        var (manager, managerId) = await w.App.SignedInProfessionalAsync();
        var sponsorId = await w.App.SponsorAsync(managerId);
        var eventId = await w.App.EventAsync(sponsorId, "Long-past Workshop", day: TestClock.Today.AddDays(-60));
        var (_, strangerId) = await w.App.SignedInProfessionalAsync();
        await w.App.RegisterAsync(eventId, ownId);
        await w.App.RegisterAsync(eventId, strangerId);
        var roster = (IHtmlFormElement)(await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance")).QuerySelector("form.roster-form")!;
        using (await manager.PostFormAsync(roster, extra: [new("present", ownId.ToString(CultureInfo.InvariantCulture)), new("present", strangerId.ToString(CultureInfo.InvariantCulture))]))
        {
        }

        var own = await DutiesDbAsync(db => db.Attendance.Where(a => a.ProfessionalId == ownId).Select(a => a.Id).SingleAsync());
        var strangers = await DutiesDbAsync(db => db.Attendance.Where(a => a.ProfessionalId == strangerId).Select(a => a.Id).SingleAsync());

        // The queue shows the staff member's own hours with no buttons; the stranger's forms, pointed at them, are refused.
        var page = await staff.GetPageAsync("/staff/attendance");
        Assert.DoesNotContain(page.Forms, f => f.Action.Contains($"/staff/attendance/{own}/", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll(".own-case"), p => p.TextContent == "These are your own hours, or you posted them: another member of registry staff decides.");
        foreach (var form in page.Forms.Where(f => f.Action.Contains($"/staff/attendance/{strangers}/", StringComparison.Ordinal)).ToList())
        {
            form.Action = form.Action.Replace($"/staff/attendance/{strangers}/", $"/staff/attendance/{own}/", StringComparison.Ordinal);
            DutiesRefused(await staff.PostFormAsync(form, values: new Dictionary<string, string> { ["reason"] = "Refusing my own" }));
        }

        Assert.Equal(AttendanceStatus.AwaitingApproval, await DutiesDbAsync(db => db.Attendance.Where(a => a.Id == own).Select(a => a.Status).SingleAsync()));
        Assert.Equal(0, await DutiesDbAsync(db => db.TrainingRecords.CountAsync(t => t.ProfessionalId == ownId)));

        // Another member of staff approves both; the undo form for the stranger, pointed at the staff member's own, is refused too.
        foreach (var id in new[] { own, strangers })
        {
            var approve = (await other.GetPageAsync("/staff/attendance")).Forms.Single(f => f.Action.EndsWith($"/staff/attendance/{id}/approve", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.Redirect, (await other.PostFormAsync(approve)).StatusCode);
        }

        var strangerRegistryId = await DutiesDbAsync(db => db.Professionals.Where(p => p.Id == strangerId).Select(p => p.RegistryId).SingleAsync());
        var ownRegistryId = await DutiesDbAsync(db => db.Professionals.Where(p => p.Id == ownId).Select(p => p.RegistryId).SingleAsync());
        Assert.DoesNotContain((await staff.GetPageAsync($"/staff/attendance?registryId={ownRegistryId}")).Forms, f => f.Action.Contains($"/staff/attendance/{own}/", StringComparison.Ordinal));
        var undo = (await staff.GetPageAsync($"/staff/attendance?registryId={strangerRegistryId}")).Forms.Single(f => f.Action.EndsWith($"/staff/attendance/{strangers}/undo", StringComparison.Ordinal));
        undo.Action = undo.Action.Replace($"/staff/attendance/{strangers}/", $"/staff/attendance/{own}/", StringComparison.Ordinal);
        DutiesRefused(await staff.PostFormAsync(undo, values: new Dictionary<string, string> { ["reason"] = "Undoing my own" }));
        Assert.Equal(AttendanceStatus.Posted, await DutiesDbAsync(db => db.Attendance.Where(a => a.Id == own).Select(a => a.Status).SingleAsync()));
        Assert.Equal(3m, await DutiesDbAsync(db => db.TrainingRecords.Where(t => t.ProfessionalId == ownId).SumAsync(t => t.ClockHours)));
    }

    [Fact]
    public async Task Registry_staff_never_approve_instructors_of_a_sponsor_they_belong_to()
    {
        var w = DutiesWorld;
        await w.ReadyAsync();
        var (staff, _, ownId) = await w.App.SignedInStaffWithRecordAsync();
        var ownSponsor = await w.App.SponsorAsync(ownId);
        var (_, otherManagerId) = await w.App.SignedInProfessionalAsync();
        var otherSponsor = await w.App.SponsorAsync(otherManagerId);
        var own = await w.App.InstructorRequestAsync(ownSponsor);
        var others = await w.App.InstructorRequestAsync(otherSponsor);
        await DutiesDbAsync(async db =>
        {
            foreach (var member in await db.SponsorMembers.Where(m => m.Id == own || m.Id == others).ToListAsync())
            {
                member.Endorse(DateTimeOffset.UtcNow, canManageEvents: true);
            }

            return await db.SaveChangesAsync();
        });

        // No buttons for the staff member's own sponsor; the other sponsor's forms, pointed at it, are refused.
        var page = await staff.GetPageAsync("/staff/instructors");
        Assert.DoesNotContain(page.Forms, f => f.Action.Contains($"/staff/instructors/{own}/", StringComparison.Ordinal) || f.Action.Contains($"/sponsors/{ownSponsor}/", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll(".own-case"), p => p.TextContent == "You belong to this sponsor: another member of registry staff decides.");
        foreach (var form in page.Forms.Where(f => f.Action.Contains($"/staff/instructors/{others}/", StringComparison.Ordinal) || f.Action.Contains($"/sponsors/{otherSponsor}/", StringComparison.Ordinal)).ToList())
        {
            form.Action = form.Action.Replace($"/staff/instructors/{others}/", $"/staff/instructors/{own}/", StringComparison.Ordinal).Replace($"/sponsors/{otherSponsor}/", $"/sponsors/{ownSponsor}/", StringComparison.Ordinal);
            DutiesRefused(await staff.PostFormAsync(form));
        }

        Assert.Equal((false, true), await DutiesDbAsync(async db => (await db.SponsorMembers.Where(m => m.Id == own).Select(m => m.ApprovedAt != null).SingleAsync(), await db.SponsorMembers.AnyAsync(m => m.Id == own))));
        Assert.Null(await DutiesDbAsync(db => db.Sponsors.Where(s => s.Id == ownSponsor).Select(s => s.InstructorApprovalDelegatedAt).SingleAsync()));
    }

    private World DutiesWorld => world;

    /// <summary>Refused as the app refuses a signed-in person: sent to the 403 page, nothing changed.</summary>
    private static void DutiesRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/error/403", location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>The antiforgery token differs on every page; nothing else may.</summary>
    [GeneratedRegex("<input[^>]*__RequestVerificationToken[^>]*>")]
    private static partial Regex DutiesTokens();

    private async Task<T> DutiesDbAsync<T>(Func<RegistryDbContext, Task<T>> read)
    {
        await using var scope = world.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    /// <summary>A course the person adds, proves with an uploaded transcript and sends for review, all through their pages.</summary>
    private async Task<int> SubmittedCourseAsync(HttpClient client, int professionalId, string title)
    {
        var driver = new SignUpDriver(client);
        await driver.SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
        {
            ["Institution"] = "City College", ["Title"] = title, ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = "A", ["Category"] = "ChildGrowthAndDevelopment",
        });
        await UploadAsync(client, "/my-registry/documents", new() { ["Kind"] = "Transcript" }, "File", $"{title}.pdf");
        var documents = await client.GetPageAsync("/my-registry/documents");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(documents.Forms.Single(f => f.Action.EndsWith("/submit", StringComparison.Ordinal)))).StatusCode);
        return await DutiesDbAsync(db => db.Courses.Where(c => c.ProfessionalId == professionalId && c.Title == title).Select(c => c.Id).SingleAsync());
    }

    /// <summary>A request for director access to one listed site, with its proof, through the request page.</summary>
    private static async Task AccessRequestAsync(HttpClient client, string position)
    {
        var page = await client.GetPageAsync("/access/request?q=380500086");
        var form = page.Forms.Single(f => f.Enctype == "multipart/form-data");
        var fields = new Dictionary<string, string> { ["Position"] = position, ["Sites"] = form.QuerySelector<IHtmlInputElement>("input[name=Sites]")!.Value };
        using var response = await PostMultipartAsync(client, form, fields, "Proof", "letter.pdf");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task UploadAsync(HttpClient client, string page, Dictionary<string, string> fields, string fileField, string fileName)
    {
        var form = (await client.GetPageAsync(page)).Forms.Single(f => f.Enctype == "multipart/form-data");
        using var response = await PostMultipartAsync(client, form, fields, fileField, fileName);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, IHtmlFormElement form, Dictionary<string, string> fields, string fileField, string fileName)
    {
        using var content = new MultipartFormDataContent { { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(DutiesPdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, fileField, fileName);
        var action = form.GetAttribute("action")!;
        return await client.PostAsync(action.StartsWith('/') ? new Uri(action, UriKind.Relative) : new Uri(new Uri(action).PathAndQuery, UriKind.Relative), content);
    }
}
