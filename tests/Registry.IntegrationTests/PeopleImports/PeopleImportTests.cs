using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.BulkLoads;
using Registry.Web.Domain.Verifications;
using Registry.Web.Features.PeopleImports;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.PeopleImports;

/// <summary>
/// Registry staff load people from CSV files through the staff page (issue 25): a dry run changes
/// nothing; a load adds each person whole or not at all, matched by email or flagged by name and
/// date of birth; each new person is invited, in their language, to claim the account.
/// </summary>
public sealed partial class PeopleImportTests(MailAppFactory app) : IClassFixture<MailAppFactory>
{
    private sealed record Counts(int People, int Users, int Courses, int Permits, int Jobs, int Training, int Degrees, int Outbox, int Invitations);

    [Fact]
    public async Task A_dry_run_changes_nothing_then_a_load_adds_each_person_with_their_facts_and_invites_them_to_claim_the_account()
    {
        var (staff, staffId) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var key = Guid.NewGuid().ToString("N")[..8];
        var files = Files(key);
        var before = await CountAsync();

        var dry = await UploadAsync(staff, files, "dry-run");
        var dryRun = await FinishedAsync(dry);
        Assert.True(dryRun.DryRun);
        Assert.Equal(PeopleImportStatus.Finished, dryRun.Status);
        Assert.Equal(2, dryRun.PeopleCreated);
        Assert.Equal(6, dryRun.FactsAdded);
        Assert.Equal(0, dryRun.RowsRejected);
        Assert.Equal(before, await CountAsync());
        var dryPage = await staff.GetPageAsync($"/staff/imports/{dry}");
        Assert.Contains("nothing was changed", dryPage.Body!.TextContent, StringComparison.Ordinal);

        var load = await FinishedAsync(await UploadAsync(staff, files, "load"));
        Assert.Equal(PeopleImportStatus.Finished, load.Status);
        Assert.Equal((2, 6, 0), (load.PeopleCreated, load.FactsAdded, load.RowsRejected));
        var after = await CountAsync();
        Assert.Equal(before with { People = before.People + 2, Users = before.Users + 2, Courses = before.Courses + 2, Permits = before.Permits + 1, Jobs = before.Jobs + 2, Degrees = before.Degrees + 1, Invitations = before.Invitations + 2, Outbox = after.Outbox }, after);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var ana = await db.Professionals.Include(p => p.Courses).Include(p => p.Credentials).Include(p => p.Employments).SingleAsync(p => p.Email == $"ana.{key}@example.org");
            Assert.Equal(("Ana", "Muñoz, Jr.", new DateOnly(1990, 3, 27), "es"), (ana.FirstName, ana.LastName, ana.DateOfBirth, ana.PreferredLanguage));
            var verified = Assert.Single(ana.Courses, c => c.Title == "Child Growth and Development");
            Assert.Equal(VerificationStatus.Verified, verified.Verification.Status);
            Assert.Equal(staffId, verified.Verification.ByUserId);
            Assert.Equal(VerificationStatus.SelfReported, Assert.Single(ana.Courses, c => c.Title != verified.Title).Verification.Status);
            Assert.Equal("Child, Family and Community\nsection 2", Assert.Single(ana.Courses, c => c.Title != verified.Title).Title);
            Assert.Equal(VerificationStatus.Verified, Assert.Single(ana.Credentials).Verification.Status);
            Assert.Equal(load.Id, db.Entry(verified).Property<int?>(PeopleImport.SourceProperty).CurrentValue);
            Assert.Equal(load.Id, db.Entry(ana).Property<int?>(PeopleImport.SourceProperty).CurrentValue);
            var user = await db.Users.SingleAsync(u => u.Id == ana.UserId);
            Assert.Null(user.PasswordHash);
        }

        // The invitation arrives in the person's language, linking to the configured public address only.
        var invitation = Assert.Single(await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == $"ana.{key}@example.org")));
        Assert.Equal("Su expediente está en Registry: reclame su cuenta", invitation.Subject);
        var link = ClaimLink().Match(invitation.TextBody!).Value;
        Assert.StartsWith("https://registry.test/account/claim?code=", link, StringComparison.Ordinal);
        Assert.Single(await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == $"ben.{key}@example.org") && m.Subject == "Your record is in Registry: claim your account"));

        // A password too short is refused beside the field; then the account is claimed and signs in.
        var person = app.CreateBrowserLikeClient();
        var path = new Uri(link).PathAndQuery;
        var claim = await person.GetPageAsync(path);
        using (var weak = await person.PostFormAsync(claim.Forms[^1], values: new Dictionary<string, string> { ["Password"] = "short", ["ConfirmPassword"] = "short" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
            Assert.Contains("Use at least", (await weak.ReadPageAsync()).QuerySelector("#Password-error, .invalid-feedback")!.TextContent, StringComparison.Ordinal);
        }

        claim = await person.GetPageAsync(path);
        using (var claimed = await person.PostFormAsync(claim.Forms[^1], values: new Dictionary<string, string> { ["Password"] = TestAccounts.Password, ["ConfirmPassword"] = TestAccounts.Password }))
        {
            Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        }

        var signIn = await app.SignInAsync(app.CreateBrowserLikeClient(), $"ana.{key}@example.org");
        Assert.Equal("/my-registry", signIn.Headers.Location?.OriginalString);
        await person.GetPageAsync(path, HttpStatusCode.NotFound);

        var list = await staff.GetPageAsync("/staff/imports");
        var row = list.QuerySelectorAll("tbody tr").First(r => r.QuerySelector("a")?.GetAttribute("href") == $"/staff/imports/{load.Id}");
        Assert.Equal(["2", "0", "2", "1"], row.QuerySelectorAll("td.text-end").Select(c => c.TextContent.Trim()).ToArray());

        // The same files again add nothing: the people are found by email and their facts are already there.
        var again = await FinishedAsync(await UploadAsync(staff, files, "load"));
        Assert.Equal((0, 2, 0, 6), (again.PeopleCreated, again.PeopleMatched, again.FactsAdded, again.FactsAlreadyThere));
        Assert.Equal(after with { Outbox = (await CountAsync()).Outbox }, await CountAsync());
    }

    [Fact]
    public async Task A_reminder_goes_a_week_later_with_a_new_link_and_an_expired_or_replaced_link_claims_nothing()
    {
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var key = Guid.NewGuid().ToString("N")[..8];
        var import = await FinishedAsync(await UploadAsync(staff, [("people.csv", Encoding.UTF8.GetBytes($"person_key,first_name,last_name,birth_date,email\r\nR-{key},Cora,Reyes,1985-01-02,cora.{key}@example.org\r\n"))], "load"));
        var first = ClaimLink().Match(Assert.Single(await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == $"cora.{key}@example.org"))).TextBody!).Value;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var invitations = scope.ServiceProvider.GetRequiredService<Invitations>();
            Assert.Equal(0, await invitations.SendDueAsync(CancellationToken.None));
            await db.AccountInvitations.Where(i => i.ImportId == import.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.SentAt, DateTimeOffset.UtcNow.AddDays(-8)));
            Assert.Equal(1, await invitations.SendDueAsync(CancellationToken.None));
            Assert.Equal(0, await invitations.SendDueAsync(CancellationToken.None));
        }

        var messages = await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == $"cora.{key}@example.org"), count: 2);
        var reminder = messages.Single(m => m.Subject?.StartsWith("Reminder", StringComparison.Ordinal) == true);
        var second = ClaimLink().Match(reminder.TextBody!).Value;
        Assert.NotEqual(first, second);
        var client = app.CreateBrowserLikeClient();
        await client.GetPageAsync(new Uri(first).PathAndQuery, HttpStatusCode.NotFound);
        await client.GetPageAsync(new Uri(second).PathAndQuery);
        await client.GetPageAsync("/account/claim?code=not-a-code", HttpStatusCode.NotFound);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await db.AccountInvitations.Where(i => i.ImportId == import.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        await client.GetPageAsync(new Uri(second).PathAndQuery, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task People_are_found_by_email_and_a_namesake_born_the_same_day_is_flagged_never_merged()
    {
        var (email, _, existingId) = await app.ProfessionalAsync();
        var (staff, staffId) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var key = Guid.NewGuid().ToString("N")[..8];
        var people = $"person_key,first_name,last_name,birth_date,email\r\nM-{key},Rosa,Ortiz,1988-05-05,{email.ToUpperInvariant()}\r\nN-{key},ROSA,Ortíz,5/5/1988,other.{key}@example.org\r\n";
        var courses = $"person_key,institution,title,units,unit_type,category\r\nM-{key},Skyline College,Infant Care,3,Semester,InfantToddler\r\n";
        var import = await FinishedAsync(await UploadAsync(staff, [("people.csv", Encoding.UTF8.GetBytes(people)), ("courses.csv", Encoding.UTF8.GetBytes(courses))], "load"));
        Assert.Equal((1, 1, 1, 0), (import.PeopleCreated, import.PeopleMatched, import.PossibleDuplicates, import.RowsRejected));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var existing = await db.Professionals.Include(p => p.Courses).SingleAsync(p => p.Id == existingId);
        Assert.Equal("Infant Care", Assert.Single(existing.Courses).Title);

        // The person's history says who added it: the staff member who ran the import, not "the registry".
        Assert.All(await db.RecordChanges.Where(c => c.ProfessionalId == existingId && c.Section == "Course").ToListAsync(), c => Assert.Equal(staffId, c.ByUserId));
        Assert.True(await db.RecordChanges.AnyAsync(c => c.ProfessionalId == existingId && c.Section == "Course"));
        var namesake = await db.Professionals.SingleAsync(p => p.Email == $"other.{key}@example.org");
        // Flagged as a possible duplicate of a Rosa Ortiz born that day (other tests of this class make more of them).
        var twin = await db.Professionals.SingleAsync(p => p.Id == namesake.PossibleDuplicateOfId);
        Assert.Equal(("Rosa", "Ortiz", new DateOnly(1988, 5, 5)), (twin.FirstName, twin.LastName, twin.DateOfBirth));
        Assert.Null(namesake.MergedIntoId);
        Assert.Equal(1, await db.AccountInvitations.CountAsync(i => i.ImportId == import.Id));
    }

    public static TheoryData<string, byte[], string> BadFiles() => new()
    {
        { "empty", [], "The file is empty." },
        { "wrong header", Encoding.UTF8.GetBytes("id,name,dob\r\n1,Ana,1990-01-01\r\n"), "The first line is not the header of an import file" },
        { "binary", [0x00, 0x01, 0x02, 0xFF, 0x10, 0x00, 0x41, 0x42], "This is not a text file" },
        { "workbook", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00], "This is a spreadsheet workbook, not a CSV file" },
        { "header twice", Encoding.UTF8.GetBytes("person_key,first_name,last_name,birth_date,email,email\r\n"), "columns named twice: email" },
        { "a NUL far in", Encoding.UTF8.GetBytes("person_key,first_name,last_name,birth_date,email\r\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => FormattableString.Invariant($"N{i},Nel,Null,1990-01-01,n{i}@example.org\r\n"))) + "Z,Zed\0,Null,1990-01-01,z@example.org\r\n"), "line 3002 holds a control character" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_is_not_an_import_file_stops_the_whole_import_with_a_report_and_changes_nothing(string what, byte[] bad, string message)
    {
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var before = await CountAsync();
        var key = Guid.NewGuid().ToString("N")[..8];
        var import = await FinishedAsync(await UploadAsync(staff, [.. Files(key), (what + ".csv", bad)], "load"));
        Assert.Equal(PeopleImportStatus.Failed, import.Status);
        Assert.Equal(before, await CountAsync());
        var page = await staff.GetPageAsync($"/staff/imports/{import.Id}");
        var reject = page.QuerySelectorAll("table.rejects tbody tr").Single(r => r.Children[0].TextContent == what + ".csv");
        Assert.Contains(message, reject.Children[3].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_rows_leave_their_person_out_whole_and_are_reported_by_file_line_and_column()
    {
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var before = await CountAsync();
        var key = Guid.NewGuid().ToString("N")[..8];
        var people = new StringBuilder("person_key,first_name,last_name,birth_date,email,phone\r\n")
            .Append(CultureInfo($"G-{key},Gina,Good,1991-02-03,gina.{key}@example.org,+1 415 555 0100\r\n"))   // line 2: fine (ISO date)
            .Append(CultureInfo($"U-{key},Uma,Us,2/3/1991,uma.{key}@example.org,\r\n"))                         // line 3: fine (US date)
            .Append(CultureInfo($"E-{key},Eva,Europe,27.03.1991,eva.{key}@example.org,\r\n"))                  // line 4: a third date format
            .Append(CultureInfo($"F-{key},=HYPERLINK(\"x\"),Formula,1991-02-03,fay.{key}@example.org,\r\n"))    // line 5: a formula
            .Append(CultureInfo($"D-{key},Dan,Twice,1991-02-03,dan.{key}@example.org,\r\n"))                   // line 6
            .Append(CultureInfo($"D-{key},Dan,Twice,1991-02-03,dan2.{key}@example.org,\r\n"))                  // line 7: the same key again
            .Append(CultureInfo($"S-{key},Sam,Same,1991-02-03,same.{key}@example.org,\r\n"))                   // line 8
            .Append(CultureInfo($"T-{key},Tom,Same,1991-02-03,SAME.{key}@example.org,\r\n"))                   // line 9: the same email
            .Append(CultureInfo($"C-{key},Cal,Courses,1991-02-03,cal.{key}@example.org,\r\n"))                 // line 10
            .Append(CultureInfo($"W-{key},Wes,Wide,1991-02-03,wes.{key}@example.org,\r\n"))                    // line 11: a course row of his has a stray cell
            .Append(CultureInfo($"K-{key},Kim,\"-1+cmd|' /C calc'!A0\",1991-02-03,kim.{key}@example.org,\r\n"));  // line 12: a formula after a sign
        var courses = new StringBuilder("person_key,institution,title,units,unit_type,category,completed_date\r\n")
            .Append(CultureInfo($"C-{key},Skyline College,Art for Children,3,Semester,ProgramAndCurriculum,2020-05-01\r\n"))  // line 2
            .Append(CultureInfo($"C-{key},Skyline College,Art for Children,3,Semester,ProgramAndCurriculum,2020-05-01\r\n"))  // line 3: twice
            .Append(CultureInfo($"G-{key},Skyline College,Music,3,Semester,Cooking,2020-05-01\r\n"))                          // line 4: unknown category
            .Append(CultureInfo($"X-{key},Skyline College,Music,3,Semester,OtherEce,2020-05-01\r\n"))                         // line 5: no such person
            .Append(CultureInfo($"W-{key},Skyline College,Music,3,Semester,OtherEce,2020-05-01,extra\r\n"));                  // line 6: eight cells
        var import = await FinishedAsync(await UploadAsync(staff, [("people.csv", Encoding.UTF8.GetBytes(people.ToString())), ("courses.csv", Encoding.UTF8.GetBytes(courses.ToString()))], "load"));

        Assert.Equal(PeopleImportStatus.Finished, import.Status);
        Assert.Equal(1, import.PeopleCreated); // Uma only: Gina's course row is bad, so Gina waits whole.
        var report = await staff.GetAsync(new Uri($"/staff/imports/{import.Id}/rejects.csv", UriKind.Relative));
        Assert.Equal("text/csv", report.Content.Headers.ContentType?.MediaType);
        var rows = ImportPages.ReadRejects(Encoding.UTF8.GetString(await report.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
        Assert.Contains(rows, r => r is { File: "people.csv", Line: 4, Column: "birth_date" } && r.Reason.Contains("write 2024-03-27 or 3/27/2024", StringComparison.Ordinal));
        Assert.Contains(rows, r => r is { File: "people.csv", Line: 5, Column: "first_name" } && r.Reason.Contains("formula", StringComparison.Ordinal));
        Assert.Contains(rows, r => r is { File: "people.csv", Line: 7, Column: "person_key" });
        Assert.Contains(rows, r => r is { File: "people.csv", Line: 9, Column: "email" });
        Assert.Contains(rows, r => r is { File: "courses.csv", Line: 3 } && r.Reason.Contains("line 2", StringComparison.Ordinal));
        Assert.Contains(rows, r => r is { File: "courses.csv", Line: 4, Column: "category" });
        Assert.Contains(rows, r => r is { File: "courses.csv", Line: 5, Column: "person_key" });
        Assert.Contains(rows, r => r is { File: "courses.csv", Line: 6 } && r.Reason.Contains("8 cells", StringComparison.Ordinal));
        Assert.Contains(rows, r => r is { File: "people.csv", Line: 12, Column: "last_name" } && r.Reason.Contains("formula", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Line is 2 or 3 && r.File == "people.csv");

        var after = await CountAsync();
        Assert.Equal((before.People + 1, before.Courses), (after.People, after.Courses));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Equal(new DateOnly(1991, 2, 3), (await db.Professionals.SingleAsync(p => p.Email == $"uma.{key}@example.org")).DateOfBirth);
        Assert.False(await db.Professionals.AnyAsync(p => p.Email == $"gina.{key}@example.org" || p.Email == $"cal.{key}@example.org" || p.Email == $"dan.{key}@example.org" || p.Email == $"same.{key}@example.org"
            || p.Email == $"wes.{key}@example.org" || p.Email == $"kim.{key}@example.org"));
    }

    [Fact]
    public async Task In_a_file_that_writes_dates_day_first_a_date_that_could_be_either_day_is_refused_not_guessed()
    {
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var key = Guid.NewGuid().ToString("N")[..8];
        var people = "person_key,first_name,last_name,birth_date,email\r\n" +
            $"I-{key},Ida,Iso,1990-03-04,ida.{key}@example.org\r\n" +      // line 2: year first, read
            $"E-{key},Eli,Euro,27/03/1990,eli.{key}@example.org\r\n" +     // line 3: day first (27 cannot be a month)
            $"A-{key},Amy,Ambiguous,4/3/1990,amy.{key}@example.org\r\n";   // line 4: 4 March or April 3?
        var before = await CountAsync();
        var import = await FinishedAsync(await UploadAsync(staff, [("people.csv", Encoding.UTF8.GetBytes(people))], "load"));
        Assert.Equal((1, 2), (import.PeopleCreated, import.PeopleRejected));
        var rows = ImportPages.ReadRejects((await staff.GetStringAsync(new Uri($"/staff/imports/{import.Id}/rejects.csv", UriKind.Relative))).TrimStart('\uFEFF'));
        Assert.Contains(rows, r => r is { Line: 3, Column: "birth_date" } && r.Reason.Contains("write 2024-03-27 or 3/27/2024", StringComparison.Ordinal));
        Assert.Contains(rows, r => r is { Line: 4, Column: "birth_date" } && r.Reason.Contains("day first (line 3: 27/03/1990)", StringComparison.Ordinal));
        Assert.Equal(before.People + 1, (await CountAsync()).People);
    }

    [Fact]
    public async Task An_email_on_the_record_of_someone_with_another_birth_date_adds_nothing_to_that_record()
    {
        var (email, _, existingId) = await app.ProfessionalAsync();
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var key = Guid.NewGuid().ToString("N")[..8];
        var people = $"person_key,first_name,last_name,birth_date,email\r\nM-{key},Rosa,Ortiz,1970-01-01,{email}\r\n";
        var courses = $"person_key,institution,title,units,unit_type,category,verification\r\nM-{key},Skyline College,Infant Care,3,Semester,InfantToddler,verified\r\n";
        var import = await FinishedAsync(await UploadAsync(staff, [("people.csv", Encoding.UTF8.GetBytes(people)), ("courses.csv", Encoding.UTF8.GetBytes(courses))], "load"));
        Assert.Equal((0, 0, 1), (import.PeopleCreated, import.PeopleMatched, import.PeopleRejected));
        var page = await staff.GetPageAsync($"/staff/imports/{import.Id}");
        var reject = page.QuerySelectorAll("table.rejects tbody tr").Single();
        Assert.Contains("another name or date of birth", reject.Children[3].TextContent, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Courses.AnyAsync(c => c.ProfessionalId == existingId));
    }

    [Fact]
    public async Task Files_larger_than_the_page_takes_are_refused_beside_the_field_before_they_are_read()
    {
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var imports = await CountImportsAsync();
        var page = await staff.GetPageAsync("/staff/imports/new");
        var form = page.Forms.Single(f => f.Enctype == "multipart/form-data");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" },
            { new StringContent("load"), "mode" },
            { new EndlessContent(2L * 1024 * 1024 * 1024), "files", "people.csv" },
        };
        using var response = await staff.PostAsync(new Uri(form.Action, UriKind.RelativeOrAbsolute), content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var answer = await response.ReadPageAsync();
        Assert.Contains("The files come to more than 512 MB", answer.QuerySelector("#files-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(answer.QuerySelector("input[type=file][name=files]"));
        Assert.Equal(imports, await CountImportsAsync());
    }

    /// <summary>A file of the given length that is never all sent: the bytes are made only as they are read.</summary>
    private sealed class EndlessContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var line = Encoding.ASCII.GetBytes(new string('x', 8191) + "\n");
            for (long sent = 0; sent < length; sent += line.Length)
            {
                await stream.WriteAsync(line);
            }
        }

        protected override bool TryComputeLength(out long length1)
        {
            length1 = length;
            return true;
        }
    }

    [Fact]
    public async Task Someone_who_set_a_password_through_a_reset_link_is_counted_as_claimed_and_not_reminded()
    {
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var key = Guid.NewGuid().ToString("N")[..8];
        var import = await FinishedAsync(await UploadAsync(staff, [("people.csv", Encoding.UTF8.GetBytes($"person_key,first_name,last_name,birth_date,email\r\nP-{key},Pia,Reset,1985-01-02,pia.{key}@example.org\r\n"))], "load"));
        Assert.Single(await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == $"pia.{key}@example.org")));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<RegistryUser>>();
            var user = await users.FindByEmailAsync($"pia.{key}@example.org");
            Assert.True((await users.AddPasswordAsync(user!, TestAccounts.Password)).Succeeded);
            await db.AccountInvitations.Where(i => i.ImportId == import.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.SentAt, DateTimeOffset.UtcNow.AddDays(-8)));
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<Invitations>().SendDueAsync(CancellationToken.None));
        }

        var list = await staff.GetPageAsync("/staff/imports");
        var row = list.QuerySelectorAll("tbody tr").First(r => r.QuerySelector("a")?.GetAttribute("href") == $"/staff/imports/{import.Id}");
        Assert.Equal(["1", "0", "1", "1"], row.QuerySelectorAll("td.text-end").Select(c => c.TextContent.Trim()).ToArray());
    }

    [Fact]
    public async Task A_staff_member_working_in_Spanish_reads_the_report_in_Spanish()
    {
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        staff.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var import = await FinishedAsync(await UploadAsync(staff, [("people.csv", [])], "load"));
        Assert.Equal("No se cargó nada: no se pudo leer un archivo (vea el informe).", import.Failure);
        var page = await staff.GetPageAsync($"/staff/imports/{import.Id}");
        Assert.Equal("El archivo está vacío.", page.QuerySelector("table.rejects tbody tr")!.Children[3].TextContent);
    }

    [Fact]
    public async Task Latin_1_files_and_quoted_cells_with_commas_and_line_breaks_are_read_as_written()
    {
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var key = Guid.NewGuid().ToString("N")[..8];
        var people = Encoding.Latin1.GetBytes($"Person Key,First Name,Last Name,Birth Date,Email\r\nL-{key},José,\"Núñez, Sr.\",1980-12-31,jose.{key}@example.org\r\n");
        var import = await FinishedAsync(await UploadAsync(staff, [("gente.csv", people)], "load"));
        Assert.Equal((1, 0), (import.PeopleCreated, import.RowsRejected));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var jose = await db.Professionals.SingleAsync(p => p.Email == $"jose.{key}@example.org");
        Assert.Equal(("José", "Núñez, Sr."), (jose.FirstName, jose.LastName));
    }

    [Fact]
    public async Task Someone_who_is_not_registry_staff_cannot_import_or_see_imports_even_with_a_real_form()
    {
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var key = Guid.NewGuid().ToString("N")[..8];
        var import = await FinishedAsync(await UploadAsync(staff, Files(key), "dry-run"));
        var (person, _) = await app.SignedInProfessionalAsync();
        var imports = await CountImportsAsync();

        // The person's own antiforgery token, from a page they can reach, on the staff form's fields.
        var own = (await person.GetPageAsync("/my-registry/bring-my-record")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(own), "__RequestVerificationToken" },
            { new StringContent("load"), "mode" },
            { new ByteArrayContent(Files(Guid.NewGuid().ToString("N")[..8])[0].Bytes), "files", "people.csv" },
        };
        using var posted = await person.PostAsync(new Uri("/staff/imports/new", UriKind.Relative), content);
        Assert.True(posted.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Redirect, posted.StatusCode.ToString());
        Assert.DoesNotMatch(@"^/staff/imports/\d", posted.Headers.Location?.OriginalString ?? string.Empty);
        Assert.Equal(imports, await CountImportsAsync());

        foreach (var path in new[] { "/staff/imports", $"/staff/imports/{import.Id}", $"/staff/imports/{import.Id}/rejects.csv", "/staff/imports/template/people.csv" })
        {
            using var response = await person.GetAsync(new Uri(path, UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain($"a.{key}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_page_refuses_no_files_beside_the_field_and_offers_a_template_of_each_kind()
    {
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var page = await staff.GetPageAsync("/staff/imports/new");
        var form = page.Forms.Single(f => f.Enctype == "multipart/form-data");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" },
            { new StringContent("load"), "mode" },
        };
        using var response = await staff.PostAsync(new Uri(form.Action, UriKind.RelativeOrAbsolute), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose the import files", (await response.ReadPageAsync()).QuerySelector("#files-error")!.TextContent, StringComparison.Ordinal);

        foreach (var kind in Enum.GetNames<ImportKind>())
        {
            var template = await staff.GetStringAsync(new Uri($"/staff/imports/template/{kind.ToLowerInvariant()}.csv", UriKind.Relative));
            var header = template.Split("\r\n")[0].Split(',');
            Assert.Equal(ImportLayout.Columns[Enum.Parse<ImportKind>(kind)].Select(c => c.Name), header);
        }
    }

    [Fact]
    public async Task The_command_refuses_a_2_GB_file_before_reading_it_and_changes_nothing()
    {
        using var folder = new ScratchFolder("import");
        var huge = Path.Combine(folder.Path, "people.csv");
        await using (var file = File.Create(huge))
        {
            file.SetLength(2L * 1024 * 1024 * 1024);
        }

        var (_, staffId) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        string staffEmail;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            staffEmail = (await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Users.SingleAsync(u => u.Id == staffId)).Email!;
        }

        var before = await CountAsync();
        var output = new StringWriter();
        var code = await ImportPeopleCommand.RunAsync(app.Services, [ImportPeopleCommand.Name, huge, "--by", staffEmail], output, CancellationToken.None);
        Assert.Equal(1, code);
        Assert.Contains("the registry reads files up to 512 MB", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());

        var notStaff = new StringWriter();
        var (email, _, _) = await app.ProfessionalAsync();
        Assert.Equal(2, await ImportPeopleCommand.RunAsync(app.Services, [ImportPeopleCommand.Name, huge, "--by", email], notStaff, CancellationToken.None));
        Assert.Contains("not a registry staff account", notStaff.ToString(), StringComparison.Ordinal);
    }

    private static string CultureInfo(FormattableString line) => FormattableString.Invariant(line);

    /// <summary>Two people: Ana (Spanish; a quoted last name; two courses, one verified and one with a line break; a verified permit; a job) and Ben (a degree, a job).</summary>
    private static List<(string Name, byte[] Bytes)> Files(string key) =>
    [
        ("people.csv", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
            "person_key,first_name,middle_name,last_name,birth_date,email,phone,preferred_language\r\n" +
            $"A-{key},Ana,,\"Muñoz, Jr.\",1990-03-27,ana.{key}@example.org,415 555 0123,es\r\n" +
            $"B-{key},Ben,,Baker,7/4/1985,ben.{key}@example.org,,\r\n")).ToArray()),
        ("courses.csv", Encoding.UTF8.GetBytes(
            "person_key,institution,course_number,title,units,unit_type,grade,term,category,completed_date,verification\r\n" +
            $"A-{key},City College of San Francisco,CDEV 53,Child Growth and Development,3,Semester,A,Fall 2016,ChildGrowthAndDevelopment,2016-12-16,verified\r\n" +
            $"A-{key},City College of San Francisco,CDEV 67,\"Child, Family and Community\nsection 2\",3,semester,B,Spring 2017,child family and community,5/20/2017,\r\n")),
        ("permits.csv", Encoding.UTF8.GetBytes(
            "person_key,type,number,issuing_body,issued_date,expires_date,verification\r\n" +
            $"A-{key},ChildDevelopmentTeacherPermit,230012345,Commission on Teacher Credentialing,2021-07-01,2026-07-01,verified\r\n")),
        ("jobs.csv", Encoding.UTF8.GetBytes(
            "person_key,employer_name,employer_city,role,start_date,days_per_week,hours_per_day,age_groups\r\n" +
            $"A-{key},Sunny Days Preschool,San Francisco,Teacher,2019-08-15,5,8,Preschool\r\n" +
            $"B-{key},Little Stars,Oakland,AssociateTeacher,2020-01-06,4,6,Infants;Toddlers\r\n")),
        ("degrees.csv", Encoding.UTF8.GetBytes(
            "person_key,level,major,institution,conferred_date,verification\r\n" +
            $"B-{key},Associate,Child Development,Laney College,2018-05-25,verified\r\n")),
    ];

    private static async Task<int> UploadAsync(HttpClient staff, IReadOnlyList<(string Name, byte[] Bytes)> files, string mode)
    {
        var page = await staff.GetPageAsync("/staff/imports/new");
        var form = page.Forms.Single(f => f.Enctype == "multipart/form-data");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" },
            { new StringContent(mode), "mode" },
        };
        foreach (var (name, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), "files", name);
        }

        using var response = await staff.PostAsync(new Uri(form.Action, UriKind.RelativeOrAbsolute), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<PeopleImport> FinishedAsync(int id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var import = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().PeopleImports.AsNoTracking().SingleAsync(i => i.Id == id);
            if (import.Status is PeopleImportStatus.Finished or PeopleImportStatus.Failed)
            {
                return import;
            }

            Assert.True(DateTime.UtcNow < deadline, "The import did not finish in 60 s.");
            await Task.Delay(100);
        }
    }

    private async Task<Counts> CountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return new Counts(await db.Professionals.IgnoreQueryFilters().CountAsync(), await db.Users.CountAsync(), await db.Courses.CountAsync(), await db.Credentials.CountAsync(),
            await db.Employments.CountAsync(), await db.TrainingRecords.CountAsync(), await db.Degrees.CountAsync(), await db.OutboxMessages.CountAsync(), await db.AccountInvitations.CountAsync());
    }

    private async Task<int> CountImportsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().PeopleImports.CountAsync();
    }

    [GeneratedRegex(@"https://\S+/account/claim\?code=[A-Za-z0-9_\-]+")]
    private static partial Regex ClaimLink();
}
