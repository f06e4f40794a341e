using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Accounts;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Security;

/// <summary>
/// The security audit: every privileged action done through the real forms leaves an entry (who,
/// whom, what, when), read back from the database and on the administrators' page; the page's
/// filters, paging and CSV; who may read it; and entries that can be neither changed nor removed.
/// </summary>
public sealed class SecurityAuditTests : IClassFixture<RegistryAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private readonly RegistryAppFactory _app;

    public SecurityAuditTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task Giving_and_removing_a_role_on_the_administrators_page_is_audited_with_who_whom_and_what()
    {
        var (admin, adminId) = await _app.SignedInWithRoleAsync(Roles.Administrator);
        var adminEmail = await EmailAsync(adminId);
        var (_, professionalId) = await _app.SignedInProfessionalAsync();
        var (userId, email) = await AccountOfAsync(professionalId);

        // The test server has no client address of its own: the proxy's header gives one, as nginx would.
        admin.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");

        await PostAccountFormAsync(admin, email, form => form.GetAttribute("action")!.EndsWith("/roles", StringComparison.Ordinal) && Value(form, "role") == Roles.RegistryStaff);
        await PostAccountFormAsync(admin, email, form => form.GetAttribute("action")!.EndsWith("/roles", StringComparison.Ordinal) && Value(form, "role") == Roles.RegistryStaff);

        var entries = await EventsAsync(q => q.Where(e => e.SubjectUserId == userId && e.Kind != nameof(SecurityEventKind.SignIn)).OrderBy(e => e.Id));
        Assert.Equal([nameof(SecurityEventKind.RoleGiven), nameof(SecurityEventKind.RoleRemoved)], entries.Select(e => e.Kind));
        Assert.All(entries, e =>
        {
            Assert.Equal((adminId, adminEmail), (e.ActorUserId, e.Actor));
            Assert.Equal(email, e.Subject);
            Assert.Equal(Roles.RegistryStaff, e.Detail);
            Assert.True(Math.Abs((e.At - DateTimeOffset.UtcNow).TotalMinutes) < 5);
            Assert.Equal("203.0.113.50", e.IpAddress);
        });

        var shown = (await ShownAsync(admin, $"?Who={Uri.EscapeDataString(email)}")).Where(s => !OwnAccountEvent(s.Kind)).ToList();
        Assert.Equal(["RoleRemoved", "RoleGiven"], shown.Select(s => s.Kind));
        Assert.All(shown, s => Assert.Equal((adminEmail, email, Roles.RegistryStaff), (s.Actor, s.Subject, s.Detail)));
        Assert.Equal(["Role removed", "Role given"], shown.Select(s => s.KindText));
        Assert.All((await admin.GetPageAsync($"/staff/security-events?Who={Uri.EscapeDataString(email)}&Kind=RoleGiven")).QuerySelectorAll(".security-event"),
            e => Assert.Contains("From address 203.0.113.50", e.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Granting_a_county_and_revoking_the_grant_are_audited()
    {
        var (admin, adminId) = await _app.SignedInWithRoleAsync(Roles.Administrator);
        var (_, professionalId) = await _app.SignedInProfessionalAsync();
        var (userId, email) = await AccountOfAsync(professionalId);

        await PostAccountFormAsync(admin, email, form => form.GetAttribute("action")!.EndsWith("/grants", StringComparison.Ordinal),
            new Dictionary<string, string> { ["role"] = "Rater", ["county"] = "San Francisco" });
        var grant = await DbAsync(db => db.AccessGrants.SingleAsync(g => g.UserId == userId));
        await PostAccountFormAsync(admin, email, form => form.GetAttribute("action")!.EndsWith($"/grants/{grant.Id}/revoke", StringComparison.Ordinal));

        var entries = await EventsAsync(q => q.Where(e => e.SubjectUserId == userId && e.Kind != nameof(SecurityEventKind.SignIn)).OrderBy(e => e.Id));
        Assert.Equal([nameof(SecurityEventKind.GrantGiven), nameof(SecurityEventKind.GrantRevoked)], entries.Select(e => e.Kind));
        var expected = "Rater, county San Francisco, until " + grant.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(entries, e => Assert.Equal((adminId, email, expected), (e.ActorUserId, e.Subject, e.Detail)));
        Assert.NotNull(await DbAsync(db => db.AccessGrants.Where(g => g.Id == grant.Id).Select(g => g.RevokedAt).SingleAsync()));

        var shown = await ShownAsync(admin, $"?Who={Uri.EscapeDataString(email)}&Kind=GrantRevoked");
        Assert.Equal(expected, Assert.Single(shown).Detail);
    }

    [Fact]
    public async Task Approving_an_access_request_audits_each_grant_it_gives()
    {
        var (person, professionalId) = await _app.SignedInProfessionalAsync();
        var (userId, email) = await AccountOfAsync(professionalId);
        await RequestAccessAsync(person, "380500086");
        var requestId = await DbAsync(db => db.AccessRequests.Where(r => r.UserId == userId).Select(r => r.Id).SingleAsync());

        var (staff, staffId) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var queue = await staff.GetPageAsync("/staff/access-requests");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(queue.Forms.Single(f => f.Action.EndsWith($"/access-requests/{requestId}/approve", StringComparison.Ordinal)))).StatusCode);

        var entry = Assert.Single(await EventsAsync(q => q.Where(e => e.SubjectUserId == userId && e.Kind != nameof(SecurityEventKind.SignIn))));
        Assert.Equal((nameof(SecurityEventKind.GrantGiven), staffId, await EmailAsync(staffId), email), (entry.Kind, entry.ActorUserId, entry.Actor, entry.Subject));
        Assert.StartsWith("SiteDirector, site JCCSF BROTHERHOOD WAY PRESCHOOL (380500086), until ", entry.Detail, StringComparison.Ordinal);
        Assert.EndsWith($", access request {requestId}", entry.Detail, StringComparison.Ordinal);

        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);
        Assert.Equal(entry.Detail, Assert.Single(await ShownAsync(admin, $"?Who={Uri.EscapeDataString(email)}&Kind=GrantGiven")).Detail);
    }

    [Fact]
    public async Task Approving_a_sponsor_and_its_manager_approving_and_removing_instructors_are_audited()
    {
        var (manager, managerProfessionalId) = await _app.SignedInProfessionalAsync();
        var (managerId, managerEmail) = await AccountOfAsync(managerProfessionalId);
        var name = $"Audit Sponsor {Guid.NewGuid():N}"[..24];
        var apply = await manager.GetPageAsync("/sponsors/apply");
        using (await manager.PostFormAsync(FormEnding(apply, "/sponsors/apply"), values: new Dictionary<string, string> { ["Name"] = name, ["ContactEmail"] = "training@example.org", ["County"] = "San Francisco" }))
        {
        }

        var sponsorId = await DbAsync(db => db.Sponsors.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());
        var (staff, staffId) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(FormEnding(await staff.GetPageAsync("/staff/sponsors"), $"/staff/sponsors/{sponsorId}/approve"))).StatusCode);

        var approved = Assert.Single(await EventsAsync(q => q.Where(e => e.Kind == "SponsorApproved" && e.SubjectUserId == managerId)));
        Assert.Equal((staffId, managerEmail, $"sponsor {name} (id {sponsorId}); the applicant is its manager"), (approved.ActorUserId, approved.Subject, approved.Detail));

        // Now the sponsor's manager, the person sets up a second factor before its pages open.
        await _app.SetUpThroughTheFormsAsync(manager, managerId);

        var keptMember = await _app.InstructorRequestAsync(sponsorId);
        var removedMember = await _app.InstructorRequestAsync(sponsorId);
        var (keptUser, removedUser) = (await MemberUserAsync(keptMember), await MemberUserAsync(removedMember));
        var home = await manager.GetPageAsync($"/sponsors/{sponsorId}");
        using (await manager.PostFormAsync(FormEnding(home, $"/members/{keptMember}/approve"), values: new Dictionary<string, string> { ["canManageEvents"] = "true" }))
        {
        }

        using (await manager.PostFormAsync(FormEnding(home, $"/members/{removedMember}/remove")))
        {
        }

        // The manager's approval is a request; registry staff approve the instructor (decision 0030).
        Assert.Empty(await EventsAsync(q => q.Where(e => e.Kind == "SponsorMemberApproved" && e.SubjectUserId == keptUser)));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(FormEnding(await staff.GetPageAsync("/staff/instructors"), $"/staff/instructors/{keptMember}/approve"))).StatusCode);
        var memberApproved = Assert.Single(await EventsAsync(q => q.Where(e => e.Kind == "SponsorMemberApproved" && e.SubjectUserId == keptUser)));
        Assert.Equal((staffId, $"instructor of {name} (sponsor id {sponsorId}); may post and change events: yes; approved by registry staff"), (memberApproved.ActorUserId, memberApproved.Detail));
        var memberRemoved = Assert.Single(await EventsAsync(q => q.Where(e => e.Kind == "SponsorMemberRemoved" && e.SubjectUserId == removedUser)));
        Assert.Equal($"request to be an instructor of {name} (sponsor id {sponsorId})", memberRemoved.Detail);
        Assert.False(await DbAsync(db => db.SponsorMembers.AnyAsync(m => m.Id == removedMember)));

        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);
        var shown = (await ShownAsync(admin, $"?Who={Uri.EscapeDataString(managerEmail)}")).Where(s => !OwnAccountEvent(s.Kind)).ToList();
        Assert.Equal(["SponsorMemberRemoved", "SponsorApproved"], shown.Select(s => s.Kind));
        Assert.Contains("SponsorMemberApproved", (await ShownAsync(admin, $"?Who={Uri.EscapeDataString(await DbAsync(db => db.Users.Where(u => u.Id == keptUser).Select(u => u.Email!).SingleAsync()))}")).Select(s => s.Kind));
    }

    [Fact]
    public async Task A_merge_is_audited_once_for_each_account()
    {
        var (_, olderId) = await _app.SignedInProfessionalAsync();
        var (_, newerId) = await _app.SignedInProfessionalAsync();
        var (olderUser, olderEmail) = await AccountOfAsync(olderId);
        var (newerUser, newerEmail) = await AccountOfAsync(newerId);
        await DbAsync(async db =>
        {
            (await db.Professionals.SingleAsync(p => p.Id == newerId)).FlagPossibleDuplicateOf(olderId);
            return await db.SaveChangesAsync();
        });
        var registryIds = await DbAsync(db => db.Professionals.Where(p => p.Id == olderId || p.Id == newerId).ToDictionaryAsync(p => p.Id, p => p.RegistryId));

        var (staff, staffId) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var page = await staff.GetPageAsync($"/staff/duplicates/{newerId}");
        var merge = page.Forms.Single(f => f.Action.EndsWith($"/duplicates/{newerId}/merge", StringComparison.Ordinal));
        Assert.True(merge.QuerySelector<IHtmlInputElement>("input[name=keep][value=original]")!.IsChecked);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(merge)).StatusCode);

        var entries = await EventsAsync(q => q.Where(e => e.Kind == "ProfilesMerged" && (e.SubjectUserId == olderUser || e.SubjectUserId == newerUser)).OrderBy(e => e.Id));
        Assert.Equal([newerUser, olderUser], entries.Select(e => e.SubjectUserId));
        Assert.All(entries, e => Assert.Equal(staffId, e.ActorUserId));
        Assert.Equal($"registry id {registryIds[newerId]} merged into registry id {registryIds[olderId]} ({olderEmail}); this account is locked", entries[0].Detail);
        Assert.Equal($"registry id {registryIds[olderId]} kept and given the record of registry id {registryIds[newerId]} ({newerEmail})", entries[1].Detail);
    }

    [Fact]
    public async Task Exports_of_other_people_s_data_are_audited()
    {
        var site = await _app.EmployerIdAsync("380500086");
        await _app.StaffAtAsync(site, 2, confirmed: true, lastName: "Exported");
        var county = await DbAsync(db => db.Employers.Where(e => e.Id == site).Select(e => e.County!).SingleAsync());

        var (director, directorProfessionalId) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        var (rater, raterProfessionalId) = await _app.SignedInWithGrantAsync(AccessRole.Rater, site);
        var (stipends, stipendsProfessionalId) = await _app.SignedInWithGrantAsync(AccessRole.StipendAdministrator, null, county);
        var (analyst, analystId) = await _app.SignedInWithRoleAsync(Roles.Analyst);
        foreach (var (client, address) in new[]
        {
            (director, $"/sites/{site}/roster.csv"), (rater, $"/ratings/sites/{site}/export.csv"),
            (stipends, $"/stipends/export.csv?program=ab212-example-county&county={Uri.EscapeDataString(county)}"),
        })
        {
            using var response = await client.GetAsync(new Uri(address, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var snapshot = await TakeSnapshotAsync(analyst);
        using (var extract = await analyst.GetAsync(new Uri($"/workforce/snapshots/{snapshot}/extract.csv", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, extract.StatusCode);
        }

        var exports = await EventsAsync(q => q.Where(e => e.Kind == "Export"));
        async Task<SecurityEvent> ByAsync(int professionalId)
        {
            var userId = (await AccountOfAsync(professionalId)).UserId;
            return exports.Single(e => e.ActorUserId == userId);
        }

        Assert.Matches(@"^roster CSV of JCCSF BROTHERHOOD WAY PRESCHOOL \(380500086\): \d+ people$", (await ByAsync(directorProfessionalId)).Detail);
        Assert.Matches(@"^rating CSV of JCCSF BROTHERHOOD WAY PRESCHOOL \(380500086\): \d+ people$", (await ByAsync(raterProfessionalId)).Detail);
        Assert.Matches($@"^stipend CSV of program ab212-example-county in {county}: \d+ people$", (await ByAsync(stipendsProfessionalId)).Detail);
        var extracted = exports.Single(e => e.ActorUserId == analystId);
        Assert.StartsWith($"workforce extract of snapshot {snapshot} as of ", extracted.Detail, StringComparison.Ordinal);
        Assert.Null(extracted.SubjectUserId);

        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);
        Assert.Contains(await ShownAsync(admin, $"?Kind=Export&Who={Uri.EscapeDataString(await EmailAsync(analystId))}"), s => s.Detail == extracted.Detail);
    }

    [Fact]
    public async Task The_page_filters_by_kind_who_and_days_and_pages_a_hundred_at_a_time_newest_first()
    {
        var marker = $"paging.{Guid.NewGuid():N}@example.org";
        var now = DateTimeOffset.UtcNow;
        await DbAsync(async db =>
        {
            for (var i = 0; i < 105; i++)
            {
                db.SecurityEvents.Add(new SecurityEvent(SecurityEventKind.SignInFailed, now.AddMinutes(-i), null, "anonymous", null, marker, $"attempt {i}", "203.0.113.9"));
            }

            db.SecurityEvents.Add(new SecurityEvent(SecurityEventKind.SignIn, now.AddDays(-40), "someone", marker, "someone", marker, "long ago", "203.0.113.9"));
            return await db.SaveChangesAsync();
        });

        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);
        var first = await admin.GetPageAsync($"/staff/security-events?Who={Uri.EscapeDataString(marker.ToUpperInvariant())}&Kind=SignInFailed");
        var rows = Entries(first);
        Assert.Equal(100, rows.Count);
        Assert.Equal("attempt 0", rows[0].Detail);
        Assert.Equal("attempt 99", rows[^1].Detail);
        Assert.Contains("203.0.113.9", first.QuerySelector(".security-event")!.TextContent, StringComparison.Ordinal);

        var older = first.GetElementById("older")!.GetAttribute("href")!;
        var second = await admin.GetPageAsync(older);
        Assert.Equal(["attempt 100", "attempt 101", "attempt 102", "attempt 103", "attempt 104"], Entries(second).Select(r => r.Detail));
        Assert.Null(second.GetElementById("older"));

        var everything = Entries(await admin.GetPageAsync($"/staff/security-events?Who={Uri.EscapeDataString(marker)}&Older={Uri.EscapeDataString(older[(older.IndexOf("Older=", StringComparison.Ordinal) + 6)..])}"));
        Assert.Equal("long ago", everything[^1].Detail);

        var day = TimeZoneInfo.ConvertTime(now.AddDays(-40), TestClock.Instance.LocalTimeZone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["long ago"], Entries(await admin.GetPageAsync($"/staff/security-events?Who={Uri.EscapeDataString(marker)}&From={day}&To={day}")).Select(r => r.Detail));
        var recent = Entries(await admin.GetPageAsync($"/staff/security-events?Who={Uri.EscapeDataString(marker)}&From={TimeZoneInfo.ConvertTime(now.AddDays(-1), TestClock.Instance.LocalTimeZone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.Equal(100, recent.Count);
        Assert.DoesNotContain(recent, r => r.Detail == "long ago");
        Assert.NotNull((await admin.GetPageAsync($"/staff/security-events?Who=nobody.{Guid.NewGuid():N}")).GetElementById("no-events"));
    }

    [Theory]
    [InlineData("?From=yesterday", "From", "Enter a date like")]
    [InlineData("?From=2026-02-30", "From", "Enter a date like")]
    [InlineData("?To=12/31/2026", "To", "Enter a date like")]
    [InlineData("?From=2026-12-02&To=2026-12-01", "To", "The end date cannot be before the start date.")]
    [InlineData("?Kind=Superuser", "Kind", "Choose a kind of event from the list.")]
    [InlineData("?Kind=3", "Kind", "Choose a kind of event from the list.")]
    public async Task A_bad_filter_is_named_beside_its_field_on_the_page_and_for_the_csv(string query, string field, string message)
    {
        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);
        foreach (var address in new[] { "/staff/security-events", "/staff/security-events/events.csv" })
        {
            var page = await admin.GetPageAsync(address + query, HttpStatusCode.BadRequest);
            Assert.StartsWith(message, page.GetElementById($"{field}-error")?.TextContent.Replace("Error:", string.Empty, StringComparison.Ordinal).Trim(), StringComparison.Ordinal);
            Assert.Empty(page.QuerySelectorAll(".security-event"));
        }
    }

    [Fact]
    public async Task The_csv_holds_the_filtered_entries_with_a_header_and_inert_formulas_and_its_download_is_audited()
    {
        var marker = $"csv.{Guid.NewGuid():N}@example.org";
        await DbAsync(async db =>
        {
            db.SecurityEvents.Add(new SecurityEvent(SecurityEventKind.RoleGiven, DateTimeOffset.UtcNow.AddMinutes(-2), "admin-id", "admin@example.org", "subject-id", marker, "=HYPERLINK(\"http://evil.example\")", "198.51.100.7"));
            db.SecurityEvents.Add(new SecurityEvent(SecurityEventKind.RoleRemoved, DateTimeOffset.UtcNow.AddMinutes(-1), "admin-id", "@admin", "subject-id", marker, "-1+1, plain", null));
            return await db.SaveChangesAsync();
        });

        var (admin, adminId) = await _app.SignedInWithRoleAsync(Roles.Administrator);
        var page = await admin.GetPageAsync($"/staff/security-events?Who={Uri.EscapeDataString(marker)}");
        var link = page.GetElementById("download")!.GetAttribute("href")!;
        using var response = await admin.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).TrimEnd('\n').Split('\n');
        Assert.Equal("at_utc,kind,actor,actor_user_id,subject,subject_user_id,detail,ip_address", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Matches($@"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ,RoleRemoved,'@admin,admin-id,{marker.Replace(".", @"\.", StringComparison.Ordinal)},subject-id,""'-1\+1, plain"",$", lines[1]);
        Assert.EndsWith($",RoleGiven,admin@example.org,admin-id,{marker},subject-id,\"'=HYPERLINK(\"\"http://evil.example\"\")\",198.51.100.7", lines[2], StringComparison.Ordinal);

        var audited = Assert.Single(await EventsAsync(q => q.Where(e => e.Kind == "Export" && e.ActorUserId == adminId)));
        Assert.Equal($"security audit CSV: who {marker}", audited.Detail);
    }

    [Fact]
    public async Task Only_administrators_open_the_audit_and_its_csv()
    {
        var site = await _app.EmployerIdAsync("380500086");
        var refused = new[]
        {
            (await _app.SignedInWithRoleAsync(Roles.RegistryStaff)).Client,
            (await _app.SignedInWithRoleAsync(Roles.Analyst)).Client,
            (await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site)).Client,
            (await _app.SignedInProfessionalAsync()).Client,
        };
        foreach (var client in refused)
        {
            foreach (var address in new[] { "/staff/security-events", "/staff/security-events/events.csv" })
            {
                using var response = await client.GetAsync(new Uri(address, UriKind.Relative));
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/error/403", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
            }
        }

        // Registry staff share the staff pages, but not the link.
        Assert.Null((await refused[0].GetPageAsync("/staff/review")).QuerySelector("a[href='/staff/security-events']"));

        using (var anonymous = await _app.CreateBrowserLikeClient().GetAsync(new Uri("/staff/security-events/events.csv", UriKind.Relative)))
        {
            Assert.Contains("/account/sign-in", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);
        var users = await admin.GetPageAsync("/staff/users");
        Assert.NotNull(users.QuerySelector("nav a[href='/staff/security-events']"));
        var page = await admin.GetPageAsync("/staff/security-events");
        foreach (var field in new[] { "Kind", "Who", "From", "To" })
        {
            Assert.NotNull(page.QuerySelector($"label[for='{field}']"));
        }
    }

    [Fact]
    public async Task The_page_reads_in_Spanish()
    {
        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);
        var page = await admin.GetPageAsync("/staff/security-events?culture=es&Kind=RoleGiven");
        Assert.Equal("Auditoría de seguridad", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Función otorgada", page.QuerySelector("#Kind option[selected]")!.TextContent);
    }

    [Fact]
    public async Task An_entry_cannot_be_changed_or_removed_through_the_context_nor_in_the_database()
    {
        long id;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<SecurityAudit>();
            var entry = audit.Add(SecurityEventKind.RoleGiven, "subject", "subject@example.org", "RegistryStaff");
            await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().SaveChangesAsync();
            id = entry.Id;
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var entry = await db.SecurityEvents.SingleAsync(e => e.Id == id);
            db.Entry(entry).Property(e => e.Detail).CurrentValue = "Administrator";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.SecurityEvents.Remove(await db.SecurityEvents.SingleAsync(e => e.Id == id));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await Assert.ThrowsAnyAsync<DbException>(() => db.SecurityEvents.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "Administrator")));
            await Assert.ThrowsAnyAsync<DbException>(() => db.SecurityEvents.Where(e => e.Id == id).ExecuteDeleteAsync());
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"UPDATE \"SecurityEvents\" SET \"Detail\" = 'Administrator' WHERE \"Id\" = {id}"));
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"SecurityEvents\" WHERE \"Id\" = {id}"));
        }

        var kept = await DbAsync(db => db.SecurityEvents.SingleAsync(e => e.Id == id));
        Assert.Equal(("RoleGiven", "anonymous", "subject@example.org", "RegistryStaff"), (kept.Kind, kept.Actor, kept.Subject, kept.Detail));
    }

    /// <summary>The account's row on the administrators' page, found by its email: the first of its forms that <paramref name="pick"/> chooses, posted.</summary>
    private static async Task PostAccountFormAsync(HttpClient admin, string email, Func<IHtmlFormElement, bool> pick, IDictionary<string, string>? values = null)
    {
        var page = await admin.GetPageAsync($"/staff/users?email={Uri.EscapeDataString(email)}");
        var account = page.QuerySelectorAll(".account").Single(a => a.QuerySelector("h2")!.TextContent.Contains(email, StringComparison.Ordinal));
        var form = account.QuerySelectorAll("form").OfType<IHtmlFormElement>().First(pick);
        using var response = await admin.PostFormAsync(form, values: values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static string? Value(IHtmlFormElement form, string name) => form.QuerySelector<IHtmlInputElement>($"input[name={name}]")?.Value;

    private static IHtmlFormElement FormEnding(IHtmlDocument page, string actionEnd) =>
        page.Forms.First(f => f.GetAttribute("action")!.EndsWith(actionEnd, StringComparison.Ordinal));

    private sealed record Shown(string Kind, string KindText, string Actor, string? Subject, string? Detail);

    private static List<Shown> Entries(IHtmlDocument page) =>
        page.QuerySelectorAll(".security-event").Select(e => new Shown(
            e.GetAttribute("data-kind")!, e.QuerySelector(".kind")!.TextContent, e.QuerySelector(".actor")!.TextContent,
            e.QuerySelector(".subject")?.TextContent, e.QuerySelector(".detail")?.TextContent)).ToList();

    /// <summary>Events of a person's own account (signing in, setting up a second factor), beside the privilege changes a test looks at.</summary>
    private static bool OwnAccountEvent(string kind) => kind is nameof(SecurityEventKind.SignIn) or nameof(SecurityEventKind.SecondFactorSetUp);

    private static async Task<List<Shown>> ShownAsync(HttpClient admin, string query) => Entries(await admin.GetPageAsync("/staff/security-events" + query));

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    private Task<List<SecurityEvent>> EventsAsync(Func<IQueryable<SecurityEvent>, IQueryable<SecurityEvent>> query) =>
        DbAsync(db => query(db.SecurityEvents.AsNoTracking()).ToListAsync());

    private Task<string> EmailAsync(string userId) => DbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());

    private Task<(string UserId, string Email)> AccountOfAsync(int professionalId) =>
        DbAsync(async db => await db.Professionals.Where(p => p.Id == professionalId).Select(p => new { p.UserId, p.Email }).SingleAsync() is var a ? (a.UserId, a.Email) : default);

    private Task<string> MemberUserAsync(int memberId) => DbAsync(db => db.SponsorMembers.Where(m => m.Id == memberId).Select(m => m.UserId).SingleAsync());

    private static async Task RequestAccessAsync(HttpClient person, string licenseNumber)
    {
        var page = await person.GetPageAsync($"/access/request?q={licenseNumber}");
        var form = page.Forms.Single(f => f.Enctype == "multipart/form-data");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" },
            { new StringContent("Site director"), "Position" },
        };
        foreach (var site in form.QuerySelectorAll<IHtmlInputElement>("input[name=Sites]"))
        {
            content.Add(new StringContent(site.Value), "Sites");
        }

        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(file, "Proof", "letter.pdf");
        var action = form.GetAttribute("action")!;
        using var response = await person.PostAsync(action.StartsWith('/') ? new Uri(action, UriKind.Relative) : new Uri(new Uri(action).PathAndQuery, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<int> TakeSnapshotAsync(HttpClient analyst)
    {
        var page = await analyst.GetPageAsync("/workforce/snapshots");
        Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostFormAsync(page.Forms.First(f => f.GetAttribute("action") == "/workforce/snapshots"))).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await DbAsync(db => db.CensusSnapshots.OrderByDescending(s => s.Id).FirstOrDefaultAsync()) is { CompletedAt: not null } latest)
            {
                return latest.Id;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The snapshot was not taken within a minute.");
    }
}
