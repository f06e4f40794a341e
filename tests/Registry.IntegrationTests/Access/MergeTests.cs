using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Verifications;
using Registry.Web.Features.Account;
using Registry.Web.Features.Export;
using Registry.Web.Infrastructure.Email;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Access;

/// <summary>
/// Safe merges (issue 19, item 5; decision 0031): every difference side by side, the profile holding
/// the verified facts kept unless staff give a reason, both addresses told, the merged account
/// locked on every sign-in path, and an undo for 30 days after which both records export exactly
/// as before.
/// </summary>
public sealed class MergeTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private const string NeedsReason = "Registry recommends keeping the other profile: say why you keep this one.";

    [Fact]
    public async Task An_impostor_who_signs_up_later_is_not_handed_the_record_by_default_and_keeping_them_needs_a_reason()
    {
        var (_, realId) = await app.SignedInProfessionalAsync();
        var (_, impostorId) = await app.SignedInProfessionalAsync();
        await DbAsync(async db =>
        {
            var course = new Course("City College of San Francisco", "CDEV 53", "Child Growth and Development", 3, UnitType.Semester, "B", "Fall 2024", CourseCategory.ChildGrowthAndDevelopment);
            (await db.Professionals.Include(p => p.Courses).SingleAsync(p => p.Id == realId)).AddCourse(course);
            await db.SaveChangesAsync();
            course.RecordVerification(Verification.Verified("staff", DateTimeOffset.UtcNow));
            (await db.Professionals.SingleAsync(p => p.Id == impostorId)).FlagPossibleDuplicateOf(realId);
            return await db.SaveChangesAsync();
        });
        var before = await ExportAsync(realId);

        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var page = await staff.GetPageAsync($"/staff/duplicates/{impostorId}");

        // Every field is there and the ones that differ are marked; the real person's verified course shows.
        var differing = page.QuerySelectorAll("#comparison tr.differs th").Select(th => th.TextContent.Replace("Differs", string.Empty, StringComparison.Ordinal).Trim()).ToList();
        Assert.Contains("Registry ID", differing);
        Assert.Contains("Sign-in email", differing);
        Assert.Contains("Courses", differing);
        Assert.Contains("Verified or confirmed entries", differing);
        Assert.Contains("Child Growth and Development", page.GetElementById("comparison")!.TextContent, StringComparison.Ordinal);

        // The earlier profile, holding the verified course, is the one checked and recommended.
        var form = (IHtmlFormElement)page.GetElementById("merge-form")!;
        Assert.True(form.QuerySelector<IHtmlInputElement>("#keep-original")!.IsChecked);
        Assert.NotNull(form.QuerySelector("label[for=keep-original] .recommended"));
        Assert.Null(form.QuerySelector("label[for=keep-newer] .recommended"));

        // Choosing the impostor with no reason: the reason is asked for beside its field, and nothing changes.
        form.QuerySelector<IHtmlInputElement>("#keep-original")!.IsChecked = false;
        form.QuerySelector<IHtmlInputElement>("#keep-newer")!.IsChecked = true;
        var refused = await staff.PostFormAsync(form);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var answer = await refused.ReadPageAsync();
        Assert.Equal(NeedsReason, answer.GetElementById("reason-error")?.TextContent);
        Assert.True(answer.QuerySelector<IHtmlInputElement>("#keep-newer")!.IsChecked);
        Assert.Equal(2, await DbAsync(db => db.Professionals.CountAsync(p => p.Id == realId || p.Id == impostorId)));
        Assert.Equal(before, await ExportAsync(realId));

        // A reason longer than the field allows, and a made-up choice, are refused the same way.
        var tooLong = (IHtmlFormElement)answer.GetElementById("merge-form")!;
        tooLong.QuerySelector<IHtmlTextAreaElement>("#reason")!.Value = new string('x', 501);
        Assert.Equal("Use at most 500 characters.", (await (await staff.PostFormAsync(tooLong)).ReadPageAsync()).GetElementById("reason-error")?.TextContent);
        var madeUp = (IHtmlFormElement)answer.GetElementById("merge-form")!;
        madeUp.QuerySelector<IHtmlInputElement>("#keep-newer")!.Value = "both";
        Assert.Equal("Choose which registry id stays.", (await (await staff.PostFormAsync(madeUp)).ReadPageAsync()).GetElementById("keep-error")?.TextContent);
        Assert.Equal(before, await ExportAsync(realId));
        Assert.Equal(0, await DbAsync(db => db.ProfileMerges.CountAsync(m => m.KeptProfessionalId == realId || m.MergedProfessionalId == realId)));

        // With a reason, staff may; the reason is kept with the merge.
        var withReason = (IHtmlFormElement)(await staff.GetPageAsync($"/staff/duplicates/{impostorId}")).GetElementById("merge-form")!;
        withReason.QuerySelector<IHtmlInputElement>("#keep-original")!.IsChecked = false;
        withReason.QuerySelector<IHtmlInputElement>("#keep-newer")!.IsChecked = true;
        withReason.QuerySelector<IHtmlTextAreaElement>("#reason")!.Value = "The earlier account's email belongs to a former employer.";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(withReason)).StatusCode);
        var merge = await DbAsync(db => db.ProfileMerges.SingleAsync(m => m.MergedProfessionalId == realId));
        Assert.Equal((impostorId, "The earlier account's email belongs to a former employer."), (merge.KeptProfessionalId, merge.Reason));
    }

    [Fact]
    public async Task A_merge_tells_both_addresses_locks_the_merged_account_and_an_undo_gives_both_records_back_exactly()
    {
        var (older, olderId) = await app.SignedInProfessionalAsync();
        var (newer, newerId) = await app.SignedInProfessionalAsync();
        foreach (var (client, title) in new[] { (older, "Older course"), (newer, "Newer course") })
        {
            await new SignUpDriver(client).SubmitAsync("/my-registry/education/courses/add", "/my-registry/education/courses/add", new Dictionary<string, string>
            {
                ["Institution"] = "City College", ["Title"] = title, ["Units"] = "3", ["UnitType"] = "Semester", ["Grade"] = "A", ["Category"] = "OtherEce",
            });
        }

        await new SignUpDriver(newer).SubmitAsync("/my-registry/training/add", "/my-registry/training/add", new Dictionary<string, string>
        {
            ["Title"] = "Newer training", ["Sponsor"] = "Child Care Council", ["AttendedDay"] = "8", ["AttendedMonth"] = "3", ["AttendedYear"] = "2025", ["ClockHours"] = "3",
        });
        var accounts = await DbAsync(db => db.Professionals.Where(p => p.Id == olderId || p.Id == newerId)
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p.Id, u.Email, UserId = u.Id, p.RegistryId }).ToDictionaryAsync(a => a.Id));
        await DbAsync(async db =>
        {
            (await db.Professionals.SingleAsync(p => p.Id == newerId)).FlagPossibleDuplicateOf(olderId);
            return await db.SaveChangesAsync();
        });

        // A sign-in link the newer account was sent before the merge.
        string link;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            var user = (await users.FindByIdAsync(accounts[newerId].UserId))!;
            var code = AccountEmails.Encode(await users.GenerateUserTokenAsync(user, SignInLinkTokenProviderOptions.ProviderName, SignInLink.Purpose));
            link = $"/account/sign-in-link?userId={user.Id}&code={code}";
        }

        var beforeOlder = await ExportAsync(olderId);
        var beforeNewer = await ExportAsync(newerId);
        Assert.Contains("Newer training", beforeNewer, StringComparison.Ordinal);

        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var compare = await staff.GetPageAsync($"/staff/duplicates/{newerId}");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync((IHtmlFormElement)compare.GetElementById("merge-form")!)).StatusCode);

        // Both addresses are told, each link on the configured public address.
        var told = await DbAsync(db => db.OutboxMessages.Where(m => m.Kind == "profile-merged-away" || m.Kind == "profile-merged-into")
            .Where(m => m.ToAddress == accounts[olderId].Email || m.ToAddress == accounts[newerId].Email).ToListAsync());
        Assert.Equal([(accounts[newerId].Email!, "profile-merged-away"), (accounts[olderId].Email!, "profile-merged-into")], told.Select(m => (m.ToAddress, m.Kind)).OrderBy(m => m.Kind).ToList());
        Assert.All(told, m => Assert.Contains(RegistryAppFactory.PublicUrl + "/", m.TextBody, StringComparison.Ordinal));
        Assert.Contains("can no longer sign in", told.Single(m => m.Kind == "profile-merged-away").TextBody, StringComparison.Ordinal);

        // The kept record holds both; the merged account is signed out and cannot sign in again.
        Assert.Contains("Newer course", await ExportAsync(olderId), StringComparison.Ordinal);
        using (var signedOut = await newer.GetAsync(new Uri("/my-registry", UriKind.Relative)))
        {
            Assert.StartsWith("/account/sign-in", signedOut.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        }

        var refused = await app.SignInAsync(app.CreateBrowserLikeClient(), accounts[newerId].Email!);
        Assert.NotEqual("/my-registry", refused.Headers.Location?.OriginalString);
        await app.CreateBrowserLikeClient().GetPageAsync(link, HttpStatusCode.NotFound);

        // Undo asks for a reason beside its field, and changes nothing without one.
        var merges = await staff.GetPageAsync("/staff/merges");
        var mergeId = await MergeIdAsync(newerId);
        var undo = merges.Forms.Single(f => f.Action.EndsWith($"/merges/{mergeId}/undo", StringComparison.Ordinal));
        var noReason = await (await staff.PostFormAsync(undo)).ReadPageAsync();
        Assert.Equal("Say why the merge is undone.", noReason.QuerySelector("[id$=-error]")?.TextContent);
        Assert.Contains("Newer course", await ExportAsync(olderId), StringComparison.Ordinal);

        undo.QuerySelector<IHtmlInputElement>("input[name=reason]")!.Value = "Two different people: twins with the same name.";
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(undo)).StatusCode);

        // Nothing lost: each whole record exports exactly as before the merge.
        Assert.Equal(beforeOlder, await ExportAsync(olderId));
        Assert.Equal(beforeNewer, await ExportAsync(newerId));
        Assert.Equal(newerId, await DbAsync(db => db.Professionals.Where(p => p.Id == newerId).Select(p => p.Id).SingleAsync()));
        Assert.Equal(olderId, await DbAsync(db => db.Professionals.Where(p => p.Id == newerId).Select(p => p.PossibleDuplicateOfId).SingleAsync()));
        Assert.Equal(2, await DbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "profile-merge-undone" && (m.ToAddress == accounts[olderId].Email || m.ToAddress == accounts[newerId].Email))));
        Assert.Equal("/my-registry", (await app.SignInAsync(app.CreateBrowserLikeClient(), accounts[newerId].Email!)).Headers.Location?.OriginalString);

        // Undone once: the page says so, and a second undo posted anyway changes nothing.
        Assert.Contains("Two different people: twins with the same name.", (await staff.GetPageAsync("/staff/merges")).QuerySelector($"#merge-{mergeId}")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostFormAsync(undo)).StatusCode);
        Assert.Equal(beforeOlder, await ExportAsync(olderId));
    }

    [Fact]
    public async Task A_merge_more_than_30_days_old_can_no_longer_be_undone()
    {
        var (_, olderId) = await app.SignedInProfessionalAsync();
        var (_, newerId) = await app.SignedInProfessionalAsync();
        await DbAsync(async db =>
        {
            (await db.Professionals.SingleAsync(p => p.Id == newerId)).FlagPossibleDuplicateOf(olderId);
            return await db.SaveChangesAsync();
        });
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var compare = await staff.GetPageAsync($"/staff/duplicates/{newerId}");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync((IHtmlFormElement)compare.GetElementById("merge-form")!)).StatusCode);
        var mergeId = await MergeIdAsync(newerId);
        var undo = (await staff.GetPageAsync("/staff/merges")).Forms.Single(f => f.Action.Contains($"/merges/{mergeId}/undo", StringComparison.Ordinal));
        undo.QuerySelector<IHtmlInputElement>("input[name=reason]")!.Value = "Too late";

        await DbAsync(db => db.ProfileMerges.Where(m => m.Id == mergeId).ExecuteUpdateAsync(s => s.SetProperty(m => m.MergedAt, DateTimeOffset.UtcNow.AddDays(-31))));
        var page = await staff.GetPageAsync("/staff/merges");
        Assert.DoesNotContain(page.Forms, f => f.Action.Contains($"/merges/{mergeId}/undo", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostFormAsync(undo)).StatusCode);
        Assert.Equal(olderId, await DbAsync(db => db.Professionals.IgnoreQueryFilters().Where(p => p.Id == newerId).Select(p => p.MergedIntoId).SingleAsync()));
    }

    [Fact]
    public async Task A_survivor_merged_on_into_a_third_profile_is_undone_from_the_last_merge_back()
    {
        var (_, firstId) = await app.SignedInProfessionalAsync();
        var (_, secondId) = await app.SignedInProfessionalAsync();
        var (_, thirdId) = await app.SignedInProfessionalAsync();
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);
        var beforeThird = await ExportAsync(thirdId);

        // The second merged into the first; then the first (flagged against the third) merged into the third.
        foreach (var (flagged, original) in new[] { (secondId, firstId), (firstId, thirdId) })
        {
            await DbAsync(async db =>
            {
                (await db.Professionals.SingleAsync(p => p.Id == flagged)).FlagPossibleDuplicateOf(original);
                return await db.SaveChangesAsync();
            });
            var compare = await staff.GetPageAsync($"/staff/duplicates/{flagged}");
            Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync((IHtmlFormElement)compare.GetElementById("merge-form")!)).StatusCode);
        }

        // The first merge cannot be undone around the second: no form, and a forged one finds nothing.
        var (firstMerge, secondMerge) = (await MergeIdAsync(secondId), await MergeIdAsync(firstId));
        var page = await staff.GetPageAsync("/staff/merges");
        Assert.Equal("The kept profile has been merged into another since: undo that merge first.", page.QuerySelector($"#merge-{firstMerge}")!.ParentElement!.QuerySelector("p.small:last-child")?.TextContent);
        var forged = page.Forms.Single(f => f.Action.EndsWith($"/merges/{secondMerge}/undo", StringComparison.Ordinal));
        forged.Action = forged.Action.Replace($"/merges/{secondMerge}/", $"/merges/{firstMerge}/", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostFormAsync(forged, values: new Dictionary<string, string> { ["reason"] = "out of order" })).StatusCode);

        // Last merge first, then the first: the third is back as it was.
        var undoSecond = (await staff.GetPageAsync("/staff/merges")).Forms.Single(f => f.Action.EndsWith($"/merges/{secondMerge}/undo", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(undoSecond, values: new Dictionary<string, string> { ["reason"] = "Different people" })).StatusCode);
        var undoFirst = (await staff.GetPageAsync("/staff/merges")).Forms.Single(f => f.Action.EndsWith($"/merges/{firstMerge}/undo", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(undoFirst, values: new Dictionary<string, string> { ["reason"] = "Different people" })).StatusCode);
        Assert.Equal(beforeThird, await ExportAsync(thirdId));
        Assert.Equal(3, await DbAsync(db => db.Professionals.CountAsync(p => p.Id == firstId || p.Id == secondId || p.Id == thirdId)));
    }

    private Task<int> MergeIdAsync(int mergedId) => DbAsync(db => db.ProfileMerges.Where(m => m.MergedProfessionalId == mergedId).Select(m => m.Id).SingleAsync());

    /// <summary>The person's whole record export (the JSON a person downloads), without the moment it was made and the transcript signed for that moment.</summary>
    private async Task<string> ExportAsync(int professionalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var zip = (await scope.ServiceProvider.GetRequiredService<ExportRecord.Handler>().HandleAsync(professionalId, CancellationToken.None))!.Value.Zip;
        using var archive = new ZipArchive(new MemoryStream(zip));
        await using var json = archive.GetEntry("record.json")!.Open();
        var node = (await JsonNode.ParseAsync(json))!.AsObject();
        ExportSchema.AssertValid(node);
        node.Remove("exportedAt");
        node.Remove("signedTranscript");
        return node.ToJsonString();
    }

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}
