using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Account;

/// <summary>
/// The second factor through its forms: set up with an authenticator app, asked at every sign-in,
/// a code never accepted twice, recovery codes that work once, required for people who see other
/// people's records, and reset by an administrator when the phone and codes are lost.
/// </summary>
public sealed class SecondFactorTests(MailAppFactory app) : IClassFixture<MailAppFactory>
{
    [Fact]
    public async Task A_professional_sets_up_an_authenticator_app_then_signs_in_with_its_codes_and_once_with_each_recovery_code()
    {
        var (email, userId, _) = await app.ProfessionalAsync();
        var client = app.CreateBrowserLikeClient();
        Assert.Equal("/my-registry", (await app.SignInAsync(client, email)).Headers.Location?.OriginalString);

        var page = await client.GetPageAsync("/account/two-factor");
        Assert.Null(page.GetElementById("second-factor-required"));
        var key = page.GetElementById("authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        Assert.Equal(await app.KeyAsync(userId), key);
        using (var qr = await client.GetAsync(new Uri("/account/two-factor/qr.png", UriKind.Relative)))
        {
            Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", qr.Headers.CacheControl?.ToString());
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await qr.Content.ReadAsByteArrayAsync())[..4]);
        }

        var setUp = page.Forms.Single(f => f.Action.EndsWith("/account/two-factor/set-up", StringComparison.Ordinal));
        using (var wrong = await client.PostFormAsync(setUp, values: new Dictionary<string, string> { ["Code"] = "123456" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("That code does not match", (await wrong.ReadPageAsync()).GetElementById("Code-error")?.TextContent, StringComparison.Ordinal);
        }

        Assert.False(await EnabledAsync(userId));
        var recovery = await app.SetUpThroughTheFormsAsync(client, userId);
        Assert.True(await EnabledAsync(userId));
        Assert.Single(await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email) && m.Subject == "The second factor of your Registry account changed"));

        // The codes are kept only as salted hashes: the tokens table holds none of them.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tokens = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().UserTokens.Where(t => t.UserId == userId).Select(t => t.Value).ToListAsync();
            Assert.DoesNotContain(tokens, v => recovery.Any(code => (v ?? string.Empty).Contains(code, StringComparison.OrdinalIgnoreCase)));

            // And the authenticator key only encrypted.
            Assert.DoesNotContain(tokens, v => (v ?? string.Empty).Contains(key, StringComparison.OrdinalIgnoreCase));
        }

        // Signing in now asks for a code: a wrong one is refused beside the field, the app's works.
        var next = app.CreateBrowserLikeClient();
        var password = await new SignUpDriver(next).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestAccounts.Password });
        var step = password.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/sign-in/two-factor", step, StringComparison.Ordinal);
        await AssertSignedOutAsync(next);
        using (var wrong = await new SignUpDriver(next).SubmitAsync(step, "/account/sign-in/two-factor", new Dictionary<string, string> { ["Code"] = "000000" }))
        {
            Assert.Contains("That code does not work", (await wrong.ReadPageAsync()).GetElementById("Code-error")?.TextContent, StringComparison.Ordinal);
        }

        var code = app.Code(userId, key);
        Assert.Equal("/my-registry", (await new SignUpDriver(next).SubmitAsync(step, "/account/sign-in/two-factor", new Dictionary<string, string> { ["Code"] = code })).Headers.Location?.OriginalString);

        // The same code again, on another computer: refused (it was seen once).
        var replay = app.CreateBrowserLikeClient();
        var again = await new SignUpDriver(replay).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestAccounts.Password });
        using (var replayed = await new SignUpDriver(replay).SubmitAsync(again.Headers.Location!.OriginalString, "/account/sign-in/two-factor", new Dictionary<string, string> { ["Code"] = code }))
        {
            Assert.Contains("That code does not work", (await replayed.ReadPageAsync()).GetElementById("Code-error")?.TextContent, StringComparison.Ordinal);
        }

        // A recovery code, typed in lower case with a space, works once.
        var typed = recovery[0].ToLowerInvariant().Replace("-", " - ", StringComparison.Ordinal);
        Assert.Equal("/my-registry", (await new SignUpDriver(replay).SubmitAsync(again.Headers.Location!.OriginalString, "/account/sign-in/two-factor", new Dictionary<string, string> { ["Code"] = typed })).Headers.Location?.OriginalString);
        Assert.Contains("Recovery codes left: 9.", (await replay.GetPageAsync("/account/two-factor")).GetElementById("recovery-codes-left")?.TextContent, StringComparison.Ordinal);
        Assert.Single(await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email) && (m.TextBody ?? string.Empty).Contains("A recovery code was used", StringComparison.Ordinal)));

        var third = app.CreateBrowserLikeClient();
        var thirdStep = (await new SignUpDriver(third).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestAccounts.Password })).Headers.Location!.OriginalString;
        using (var used = await new SignUpDriver(third).SubmitAsync(thirdStep, "/account/sign-in/two-factor", new Dictionary<string, string> { ["Code"] = recovery[0] }))
        {
            Assert.Contains("That code does not work", (await used.ReadPageAsync()).GetElementById("Code-error")?.TextContent, StringComparison.Ordinal);
        }

        // A professional may turn it off again.
        var manage = await replay.GetPageAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, (await replay.PostFormAsync(manage.Forms.Single(f => f.Action.EndsWith("/turn-off", StringComparison.Ordinal)))).StatusCode);
        Assert.False(await EnabledAsync(userId));
        Assert.Equal("/my-registry", (await app.SignInAsync(app.CreateBrowserLikeClient(), email)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Someone_who_sees_other_peoples_records_opens_no_page_but_their_account_until_a_second_factor_is_set_up()
    {
        var email = $"staff.{Guid.NewGuid():N}@example.org";
        string userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            var user = new RegistryUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, TestAccounts.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.RegistryStaff)).Succeeded);
            userId = user.Id;
        }

        var client = app.CreateBrowserLikeClient();
        Assert.Equal("/my-registry", (await app.SignInAsync(client, email)).Headers.Location?.OriginalString);
        foreach (var page in new[] { "/my-registry", "/staff/review", "/staff/access-requests", "/workforce/analysis" })
        {
            using var refused = await client.GetAsync(new Uri(page, UriKind.Relative));
            Assert.Equal("/account/two-factor?returnUrl=" + Uri.EscapeDataString(page), refused.Headers.Location?.OriginalString);
        }

        using (var api = await client.GetAsync(new Uri("/api/my/qualifications", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account", UriKind.Relative))).StatusCode);
        var setUp = await client.GetPageAsync("/account/two-factor?returnUrl=%2Fstaff%2Freview");
        Assert.NotNull(setUp.GetElementById("second-factor-required"));

        await app.SetUpThroughTheFormsAsync(client, userId, "/staff/review");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/staff/review", UriKind.Relative))).StatusCode);

        // Staff cannot turn it off: no button, and the form's post is refused.
        var manage = await client.GetPageAsync("/account/two-factor");
        Assert.DoesNotContain(manage.Forms, f => f.Action.EndsWith("/turn-off", StringComparison.Ordinal));
        using (var turnOff = await client.PostAsync(new Uri("/account/two-factor/turn-off", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", Token(manage))])))
        {
            Assert.Equal(HttpStatusCode.Redirect, turnOff.StatusCode);
        }

        Assert.True(await EnabledAsync(userId));
    }

    [Fact]
    public async Task A_director_whose_grant_arrives_is_asked_for_the_second_factor_at_the_next_sign_in()
    {
        var (email, userId, _) = await app.ProfessionalAsync();
        var site = await app.EmployerIdAsync("380500086");
        var client = app.CreateBrowserLikeClient();
        await app.SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/my-registry", UriKind.Relative))).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            db.AccessGrants.Add(AccessGrant.ForSite(userId, AccessRole.SiteDirector, site, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30)));
            await db.SaveChangesAsync();
        }

        // The grant holds from the next request: the site's staff page waits for the second factor.
        using var staffPage = await client.GetAsync(new Uri($"/sites/{site}/staff", UriKind.Relative));
        Assert.Equal($"/account/two-factor?returnUrl=%2Fsites%2F{site}%2Fstaff", staffPage.Headers.Location?.OriginalString);
        await app.SetUpThroughTheFormsAsync(client, userId);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/sites/{site}/staff", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("en", "", "Enter the 6-digit code your authenticator app shows.")]
    [InlineData("en", "12345678901234567890123456789012345678901", "Use at most 40 characters.")]
    [InlineData("es", "", "Escriba el código de 6 dígitos que muestra su aplicación de autenticación.")]
    [InlineData("es", "12345678901234567890123456789012345678901", "Use como máximo 40 caracteres.")]
    public async Task Bad_codes_are_answered_beside_the_field_in_the_persons_language_and_nothing_changes(string language, string code, string message)
    {
        var (email, userId, _) = await app.ProfessionalAsync();
        var client = app.CreateBrowserLikeClient();
        await app.SignInAsync(client, email);
        if (language == "es")
        {
            var switcher = (await client.GetPageAsync("/")).Forms.Single(f => f.Action.EndsWith("/language", StringComparison.Ordinal));
            await client.PostFormAsync(switcher, values: new Dictionary<string, string> { ["culture"] = "es" });
        }

        var page = await client.GetPageAsync("/account/two-factor");
        using var response = await client.PostFormAsync(page.Forms.Single(f => f.Action.EndsWith("/set-up", StringComparison.Ordinal)), values: new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).GetElementById("Code-error")?.TextContent, StringComparison.Ordinal);
        Assert.False(await EnabledAsync(userId));
    }

    [Fact]
    public async Task An_administrator_resets_a_lost_second_factor_with_a_reason_and_never_their_own()
    {
        var site = await app.EmployerIdAsync("380500086");
        var (director, directorId) = await app.SignedInWithGrantAsync(AccessRole.SiteDirector, site);
        var directorUser = await app.UserIdAsync(directorId);
        var directorEmail = await EmailAsync(directorUser);
        var (admin, adminId) = await app.SignedInWithRoleAsync(Roles.Administrator);
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);

        var users = await admin.GetPageAsync("/staff/users?email=" + Uri.EscapeDataString(directorEmail));
        var reset = users.Forms.Single(f => f.Action.EndsWith($"/staff/users/{directorUser}/reset-second-factor", StringComparison.Ordinal));
        using (var noReason = await admin.PostFormAsync(reset, values: new Dictionary<string, string> { ["reason"] = " " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("Say how you checked who the person is", (await noReason.ReadPageAsync()).GetElementById($"reason-{directorUser}-error")?.TextContent, StringComparison.Ordinal);
        }

        Assert.True(await EnabledAsync(directorUser));
        // Registry staff who are not administrators are refused, with a valid form of their own.
        var staffToken = Token(await staff.GetPageAsync("/staff/review"));
        using (var notAdministrator = await staff.PostAsync(new Uri($"/staff/users/{directorUser}/reset-second-factor", UriKind.Relative),
            new FormUrlEncodedContent([new("reason", "no reason needed"), new("__RequestVerificationToken", staffToken)])))
        {
            Assert.Equal("/error/403", notAdministrator.Headers.Location?.AbsolutePath);
        }

        Assert.True(await EnabledAsync(directorUser));
        const string Reason = "Called the number on file; date of birth and site checked.";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(reset, values: new Dictionary<string, string> { ["reason"] = Reason })).StatusCode);
        Assert.False(await EnabledAsync(directorUser));

        // The director is signed out everywhere, told by email, and sets it up again at the next sign-in.
        await AssertSignedOutAsync(director);
        Assert.Single(await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == directorEmail) && (m.TextBody ?? string.Empty).Contains("reset the second factor", StringComparison.Ordinal)));
        var again = app.CreateBrowserLikeClient();
        Assert.Equal("/my-registry", (await app.SignInAsync(again, directorEmail)).Headers.Location?.OriginalString);
        using (var gate = await again.GetAsync(new Uri($"/sites/{site}/staff", UriKind.Relative)))
        {
            Assert.StartsWith("/account/two-factor", gate.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var entry = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().SecurityEvents.SingleAsync(e => e.Kind == "SecondFactorReset" && e.SubjectUserId == directorUser);
            Assert.Equal((adminId, Reason), (entry.ActorUserId, entry.Detail));
        }

        // Their own account has no reset button, and its post is not found.
        var adminEmail = await EmailAsync(adminId);
        var own = await admin.GetPageAsync("/staff/users?email=" + Uri.EscapeDataString(adminEmail));
        Assert.DoesNotContain(own.Forms, f => f.Action.EndsWith("/reset-second-factor", StringComparison.Ordinal));
        using var self = await admin.PostAsync(new Uri($"/staff/users/{adminId}/reset-second-factor", UriKind.Relative), new FormUrlEncodedContent([new("reason", Reason), new("__RequestVerificationToken", Token(own))]));
        Assert.Equal(HttpStatusCode.NotFound, self.StatusCode);
        Assert.True(await EnabledAsync(adminId));
    }

    private static async Task AssertSignedOutAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/my-registry", UriKind.Relative));
        Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
    }

    private static string Token(AngleSharp.Html.Dom.IHtmlDocument page) =>
        ((IHtmlInputElement)page.QuerySelector("input[name=__RequestVerificationToken]")!).Value;

    private async Task<bool> EnabledAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync();
    }

    private async Task<string> EmailAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync();
    }
}
