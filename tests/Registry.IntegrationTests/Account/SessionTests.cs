using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Account;

/// <summary>
/// A sign-in is a session on the server: signing out, "sign out everywhere" and a password reset end
/// it at once, for the browser and for anyone holding a copy of its cookie; a password change ends
/// the others and keeps this one.
/// </summary>
public sealed partial class SessionTests(MailAppFactory app) : IClassFixture<MailAppFactory>
{
    [Fact]
    public async Task A_copied_cookie_stops_working_when_its_owner_signs_out()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        var owner = new CookieCopies(app);
        Assert.Equal("/my-registry", (await app.SignInAsync(owner.Client, email)).Headers.Location?.OriginalString);
        var thief = owner.Copy();
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync(new Uri("/my-registry", UriKind.Relative))).StatusCode);

        var signOut = (await owner.Client.GetPageAsync("/my-registry")).Forms.Single(f => f.Action.EndsWith("/account/sign-out", StringComparison.Ordinal));
        Assert.Equal("/", (await owner.Client.PostFormAsync(signOut)).Headers.Location?.OriginalString);

        await AssertSignedOutAsync(thief);
        Assert.Equal("signed out", await EndReasonAsync(email));
    }

    [Fact]
    public async Task A_password_reset_ends_every_session_at_once_including_a_copied_cookie()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        var owner = new CookieCopies(app);
        await app.SignInAsync(owner.Client, email);
        var thief = owner.Copy();

        var elsewhere = app.CreateBrowserLikeClient();
        await new SignUpDriver(elsewhere).SubmitAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        var message = (await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email) && m.Subject == "Reset your Registry password")).Single();
        var link = new Uri(ResetLink().Match(message.TextBody!).Value).PathAndQuery;
        var reset = await new SignUpDriver(elsewhere).SubmitAsync(link, "/account/reset-password", new Dictionary<string, string> { ["Password"] = "a brand new passphrase", ["ConfirmPassword"] = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        await AssertSignedOutAsync(thief);
        await AssertSignedOutAsync(owner.Client);
        Assert.Equal("password reset", await EndReasonAsync(email));
        Assert.Single(await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email) && m.Subject == "Your Registry password was changed"));
        Assert.Contains("PasswordReset", await KindsAsync(email));
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_ends_the_others()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        var here = app.CreateBrowserLikeClient();
        var phone = app.CreateBrowserLikeClient();
        await app.SignInAsync(here, email);
        await app.SignInAsync(phone, email);

        var changed = await new SignUpDriver(here).SubmitAsync("/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestAccounts.Password, ["Password"] = "another good passphrase", ["ConfirmPassword"] = "another good passphrase",
        });
        Assert.Equal("/my-registry", changed.Headers.Location?.OriginalString);
        Assert.Contains("Every other device you were signed in on is signed out", (await here.GetPageAsync("/my-registry")).Body!.TextContent, StringComparison.Ordinal);
        await AssertSignedOutAsync(phone);
        Assert.Single(await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email) && m.Subject == "Your Registry password was changed"));
        Assert.Contains("PasswordChanged", await KindsAsync(email));
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_this_one_too()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        var here = app.CreateBrowserLikeClient();
        var phone = app.CreateBrowserLikeClient();
        await app.SignInAsync(phone, email);
        await app.SignInAsync(here, email);

        var account = await here.GetPageAsync("/account");
        Assert.Equal(2, account.QuerySelectorAll("#sessions tbody tr").Length);
        Assert.Contains("this browser", account.QuerySelector("#sessions tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(email, account.GetElementById("account-email")?.TextContent);

        using var everywhere = await here.PostFormAsync(account.Forms.Single(f => f.Action.EndsWith("/account/sign-out-everywhere", StringComparison.Ordinal)));
        Assert.Equal("/", everywhere.Headers.Location?.OriginalString);
        Assert.Contains("You are signed out everywhere, here too.", (await here.GetPageAsync("/")).GetElementById("notice")?.TextContent, StringComparison.Ordinal);
        await AssertSignedOutAsync(here);
        await AssertSignedOutAsync(phone);
        Assert.Contains("SignedOutEverywhere", await KindsAsync(email));
    }

    [Fact]
    public async Task Opening_the_second_factor_page_signs_nobody_out_and_setting_it_up_ends_the_other_sessions()
    {
        var (email, userId, _) = await app.ProfessionalAsync();
        var here = app.CreateBrowserLikeClient();
        var phone = app.CreateBrowserLikeClient();
        await app.SignInAsync(here, email);
        await app.SignInAsync(phone, email);

        await here.GetPageAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(new Uri("/my-registry", UriKind.Relative))).StatusCode);

        await app.SetUpThroughTheFormsAsync(here, userId);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync(new Uri("/my-registry", UriKind.Relative))).StatusCode);
        await AssertSignedOutAsync(phone);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_bound_to_this_host_secure_and_out_of_scripts_reach()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://registry.test") });
        using var form = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        var page = await form.ReadPageAsync();
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/sign-in", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("Email", email), new("Password", TestAccounts.Password),
                new("__RequestVerificationToken", ((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("input[name=__RequestVerificationToken]")!).Value)]),
        };
        post.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        using var signedIn = await client.SendAsync(post);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-Registry.Session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("domain=", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guessing_the_current_password_from_a_borrowed_session_is_paused_like_signing_in()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        var client = app.CreateBrowserLikeClient();
        await app.SignInAsync(client, email);
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await new SignUpDriver(client).SubmitAsync("/account/change-password", "/account/change-password", new Dictionary<string, string>
            {
                ["CurrentPassword"] = "guess number " + i, ["Password"] = "another good passphrase", ["ConfirmPassword"] = "another good passphrase",
            });
        }

        Assert.Equal((HttpStatusCode)429, last!.StatusCode);
        Assert.Contains("Too many wrong passwords", (await last.ReadPageAsync()).GetElementById("CurrentPassword-error")?.TextContent, StringComparison.Ordinal);
        using var right = await new SignUpDriver(client).SubmitAsync("/account/change-password", "/account/change-password", new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestAccounts.Password, ["Password"] = "another good passphrase", ["ConfirmPassword"] = "another good passphrase",
        });
        Assert.Equal((HttpStatusCode)429, right.StatusCode);
    }

    [Fact]
    public async Task Account_pages_answer_a_signed_out_visitor_with_the_sign_in_page()
    {
        var anonymous = app.CreateBrowserLikeClient();
        foreach (var page in new[] { "/account", "/account/two-factor", "/account/change-password" })
        {
            await AssertSignedOutAsync(anonymous, page);
        }
    }

    private static async Task AssertSignedOutAsync(HttpClient client, string page = "/my-registry")
    {
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
    }

    private async Task<string?> EndReasonAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (await db.AccountSessions.Where(s => s.UserId == userId).Select(s => s.EndReason).ToListAsync()).Distinct().Single();
    }

    private async Task<List<string>> KindsAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().SecurityEvents.Where(e => e.Subject == email).Select(e => e.Kind).ToListAsync();
    }

    [GeneratedRegex(@"https://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();
}

/// <summary>Sessions end after half an hour idle, and twelve hours after signing in however active (the registry's clock, fixed here).</summary>
public sealed class SessionLifetimeTests(ClockAppFactory app) : IClassFixture<ClockAppFactory>
{
    [Fact]
    public async Task Half_an_hour_without_a_request_signs_the_person_out()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        var client = app.CreateBrowserLikeClient();
        await app.SignInAsync(client, email);
        app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/my-registry", UriKind.Relative))).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        using var idle = await client.GetAsync(new Uri("/my-registry", UriKind.Relative));
        Assert.Equal("/account/sign-in", idle.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Twelve_hours_after_signing_in_the_session_ends_however_active()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        var client = app.CreateBrowserLikeClient();
        await app.SignInAsync(client, email);
        for (var minutes = 0; minutes < 12 * 60 - 20; minutes += 20)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            using var active = await client.GetAsync(new Uri("/my-registry", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        using var over = await client.GetAsync(new Uri("/my-registry", UriKind.Relative));
        Assert.Equal("/account/sign-in", over.Headers.Location?.AbsolutePath);
    }
}
