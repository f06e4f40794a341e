using System.Net;
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
/// A role given or removed, a grant revoked, or a merge ends every session of the accounts it
/// changes: the person is signed out at their next request (their cookie's roles are stale), and
/// signs in again holding exactly what they now have. The HTTP-level tests need the sign-in
/// cookie checked against <see cref="AccountSessions"/> on every request; the database-level ones
/// show the sessions ended whatever reads them.
/// </summary>
public sealed class PrivilegeChangeSignOutTests : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryAppFactory _app;

    public PrivilegeChangeSignOutTests(RegistryAppFactory app) => _app = app;

    [Fact]
    public async Task Removing_a_role_signs_the_person_out_at_their_next_request()
    {
        var (staff, staffId) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        await staff.GetPageAsync("/staff/review");
        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);

        await PostRoleAsync(admin, await EmailAsync(staffId), Roles.RegistryStaff);

        await AssertSignedOutAsync(staff, "/staff/review");
    }

    [Fact]
    public async Task Giving_a_role_signs_the_person_out_at_their_next_request()
    {
        var (person, professionalId) = await _app.SignedInProfessionalAsync();
        var email = await DbAsync(db => db.Professionals.Where(p => p.Id == professionalId).Select(p => p.Email).SingleAsync());
        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);

        await PostRoleAsync(admin, email, Roles.RegistryStaff);

        await AssertSignedOutAsync(person, "/my-registry");
    }

    [Fact]
    public async Task Revoking_a_grant_signs_the_person_out_at_their_next_request()
    {
        var site = await _app.EmployerIdAsync("380500086");
        var (director, professionalId) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        await director.GetPageAsync($"/sites/{site}/staff");
        var (userId, email) = await AccountAsync(professionalId);
        var grantId = await DbAsync(db => db.AccessGrants.Where(g => g.UserId == userId).Select(g => g.Id).SingleAsync());
        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);

        var page = await admin.GetPageAsync($"/staff/users?email={Uri.EscapeDataString(email)}");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(page.Forms.Single(f => f.Action.EndsWith($"/grants/{grantId}/revoke", StringComparison.Ordinal)))).StatusCode);

        await AssertSignedOutAsync(director, "/my-registry");
    }

    [Fact]
    public async Task A_merge_signs_both_people_out_at_their_next_request()
    {
        var (older, olderId) = await _app.SignedInProfessionalAsync();
        var (newer, newerId) = await _app.SignedInProfessionalAsync();
        await FlagAsync(newerId, olderId);
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);

        await MergeAsync(staff, newerId);

        await AssertSignedOutAsync(newer, "/my-registry");
        await AssertSignedOutAsync(older, "/my-registry");
    }

    [Fact]
    public async Task Each_change_ends_the_account_s_sessions_in_the_database_with_its_reason()
    {
        var (admin, _) = await _app.SignedInWithRoleAsync(Roles.Administrator);

        var (_, givenId) = await _app.SignedInProfessionalAsync();
        var (given, givenEmail) = await AccountAsync(givenId);
        var givenSessions = await StartSessionsAsync(given);
        await PostRoleAsync(admin, givenEmail, Roles.Analyst);
        await AssertEndedAsync(givenSessions, "role given");

        var removedSessions = await StartSessionsAsync(given);
        await PostRoleAsync(admin, givenEmail, Roles.Analyst);
        await AssertEndedAsync(removedSessions, "role removed");

        var site = await _app.EmployerIdAsync("380500086");
        var (_, directorId) = await _app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        var (director, directorEmail) = await AccountAsync(directorId);
        var directorSessions = await StartSessionsAsync(director);
        var grantId = await DbAsync(db => db.AccessGrants.Where(g => g.UserId == director).Select(g => g.Id).SingleAsync());
        var users = await admin.GetPageAsync($"/staff/users?email={Uri.EscapeDataString(directorEmail)}");
        await admin.PostFormAsync(users.Forms.Single(f => f.Action.EndsWith($"/grants/{grantId}/revoke", StringComparison.Ordinal)));
        await AssertEndedAsync(directorSessions, "grant revoked");

        var (_, olderId) = await _app.SignedInProfessionalAsync();
        var (_, newerId) = await _app.SignedInProfessionalAsync();
        await FlagAsync(newerId, olderId);
        var olderSessions = await StartSessionsAsync((await AccountAsync(olderId)).UserId);
        var newerSessions = await StartSessionsAsync((await AccountAsync(newerId)).UserId);
        await MergeAsync(admin, newerId);
        await AssertEndedAsync(olderSessions, "profiles merged");
        await AssertEndedAsync(newerSessions, "profiles merged");
    }

    /// <summary>The next request is sent to sign in, not answered (nor refused as forbidden, which would mean the old cookie still stands).</summary>
    private static async Task AssertSignedOutAsync(HttpClient client, string address)
    {
        using var response = await client.GetAsync(new Uri(address, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>Posts the role's button (give or remove, whichever the page offers) on the administrators' page.</summary>
    private static async Task PostRoleAsync(HttpClient admin, string email, string role)
    {
        var page = await admin.GetPageAsync($"/staff/users?email={Uri.EscapeDataString(email)}");
        var form = page.Forms.Single(f => f.Action.EndsWith("/roles", StringComparison.Ordinal) && f.QuerySelector<IHtmlInputElement>("input[name=role]")!.Value == role);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(form)).StatusCode);
    }

    private static async Task MergeAsync(HttpClient staff, int flaggedId)
    {
        var page = await staff.GetPageAsync($"/staff/duplicates/{flaggedId}");
        var merge = page.Forms.Single(f => f.Action.EndsWith($"/duplicates/{flaggedId}/merge", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(merge)).StatusCode);
    }

    private async Task FlagAsync(int flaggedId, int originalId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        (await db.Professionals.SingleAsync(p => p.Id == flaggedId)).FlagPossibleDuplicateOf(originalId);
        await db.SaveChangesAsync();
    }

    /// <summary>Two sessions of the account (as two browsers would have), started through <see cref="AccountSessions"/>.</summary>
    private async Task<IReadOnlyList<string>> StartSessionsAsync(string userId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<AccountSessions>();
        return [await sessions.StartAsync(userId, SignInMethod.Password, null), await sessions.StartAsync(userId, SignInMethod.Password, null)];
    }

    private async Task AssertEndedAsync(IReadOnlyList<string> sessionIds, string reason)
    {
        var ended = await DbAsync(db => db.AccountSessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id)).Select(s => new { s.EndedAt, s.EndReason }).ToListAsync());
        Assert.Equal(sessionIds.Count, ended.Count);
        Assert.All(ended, s => Assert.Equal((true, reason), (s.EndedAt is not null, s.EndReason)));
    }

    private Task<(string UserId, string Email)> AccountAsync(int professionalId) =>
        DbAsync(async db => await db.Professionals.Where(p => p.Id == professionalId).Select(p => new { p.UserId, p.Email }).SingleAsync() is var a ? (a.UserId, a.Email) : default);

    private Task<string> EmailAsync(string userId) => DbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}
