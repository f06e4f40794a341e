using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Account;

/// <summary>
/// Wrong passwords pause signing in for what was typed, from where it was typed: the answers (and the
/// work done) are the same whether or not the email has an account, someone guessing from elsewhere
/// cannot keep the owner out, and the owner always has a way in by email.
/// </summary>
public sealed partial class SignInPauseTests(SignInPauseTests.App app) : IClassFixture<SignInPauseTests.App>
{
    /// <summary>The app with its password checks counted (the costly work whose timing could tell accounts apart).</summary>
    public sealed class App : MailAppFactory
    {
        public CountingPasswordHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<RegistryUser>>(Hasher));
        }
    }

    public sealed class CountingPasswordHasher : IPasswordHasher<RegistryUser>
    {
        private readonly PasswordHasher<RegistryUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(RegistryUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(RegistryUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task An_email_with_an_account_and_one_without_get_the_same_answers_the_same_work_and_the_same_pause()
    {
        var (known, _, _) = await app.ProfessionalAsync();
        var unknown = $"nobody.{Guid.NewGuid():N}@example.org";
        var answers = new Dictionary<string, List<string>>();
        foreach (var email in new[] { known, unknown })
        {
            var client = ClientAddresses.From(app, "198.51.100.7");
            answers[email] = [];
            for (var i = 0; i < 6; i++)
            {
                var before = app.Hasher.Verifications;
                using var response = await SignInAsync(client, email, "not the password " + i);
                var page = await response.ReadPageAsync();
                answers[email].Add($"{(int)response.StatusCode} {page.QuerySelector("#sign-in-message")?.TextContent} hashes:{app.Hasher.Verifications - before} link:{page.QuerySelector("#send-sign-in-link") is not null}");
            }
        }

        Assert.Equal(answers[known], answers[unknown]);
        Assert.All(answers[known].Take(4), a => Assert.Equal("200 That email and password do not match an account. Check them and try again. hashes:1 link:False", a));
        Assert.StartsWith("429 Signing in with this email is paused", answers[known][4], StringComparison.Ordinal);
        Assert.EndsWith("hashes:1 link:True", answers[known][4], StringComparison.Ordinal);

        // Paused: not even the right password is checked from this address, for either email.
        Assert.StartsWith("429 Signing in with this email is paused", answers[known][5], StringComparison.Ordinal);
        Assert.EndsWith("hashes:0 link:True", answers[known][5], StringComparison.Ordinal);
        using var right = await SignInAsync(ClientAddresses.From(app, "198.51.100.7"), known, TestAccounts.Password);
        Assert.Equal((HttpStatusCode)429, right.StatusCode);

        // The audit records the tries, without the password.
        var events = await DbAsync(db => db.SecurityEvents.Where(e => e.Subject == known).OrderBy(e => e.Id).Select(e => e.Kind + ":" + e.Detail + ":" + e.IpAddress).ToListAsync());
        Assert.Equal(4, events.Count(e => e == "SignInFailed:wrong password:198.51.100.7"));
        Assert.Contains("SignInPaused:wrong password:198.51.100.7", events);
        Assert.DoesNotContain(events, e => e.Contains("not the password", StringComparison.Ordinal));

        // A password typed into the email box is not kept in the (unchangeable) audit.
        using (var _ = await SignInAsync(ClientAddresses.From(app, "198.51.100.8"), "correct horse battery staple", "x"))
        {
        }

        Assert.True(await DbAsync(db => db.SecurityEvents.AnyAsync(e => e.Subject == "(not an email address)" && e.IpAddress == "198.51.100.8")));
        Assert.False(await DbAsync(db => db.SecurityEvents.AnyAsync(e => e.Subject!.Contains("horse"))));
    }

    [Fact]
    public async Task Someone_guessing_from_elsewhere_does_not_keep_the_owner_out()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        var attacker = ClientAddresses.From(app, "203.0.113.9");
        for (var i = 0; i < 6; i++)
        {
            using var _ = await SignInAsync(attacker, email, "guess " + i);
        }

        using (var paused = await SignInAsync(attacker, email, TestAccounts.Password))
        {
            Assert.Equal((HttpStatusCode)429, paused.StatusCode);
        }

        using var owner = await SignInAsync(ClientAddresses.From(app, "192.0.2.44"), email, TestAccounts.Password);
        Assert.Equal("/my-registry", owner.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Guessing_from_many_places_pauses_everywhere_and_a_link_by_email_lets_the_owner_in_and_ends_the_pause()
    {
        var (email, _, _) = await app.ProfessionalAsync();
        for (var i = 0; i < 20; i++)
        {
            using var _ = await SignInAsync(ClientAddresses.From(app, $"203.0.113.{i + 1}"), email, "guess " + i);
        }

        var owner = ClientAddresses.From(app, "192.0.2.80");
        using (var paused = await SignInAsync(owner, email, TestAccounts.Password))
        {
            Assert.Equal((HttpStatusCode)429, paused.StatusCode);
            var page = await paused.ReadPageAsync();
            var ask = page.Forms.Single(f => f.Action.EndsWith("/account/sign-in-link", StringComparison.Ordinal));
            using var sent = await owner.PostFormAsync(ask);
            Assert.Contains("we have sent it a link to sign in", (await sent.ReadPageAsync()).QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        }

        // The same answer for an email with no account, and nothing is sent to it.
        var nobody = $"nobody.{Guid.NewGuid():N}@example.org";
        using (var none = await owner.PostAsync(new Uri("/account/sign-in-link", UriKind.Relative), new FormUrlEncodedContent(
            [new("email", nobody), new("__RequestVerificationToken", await TokenAsync(owner))])))
        {
            Assert.Contains("we have sent it a link to sign in", (await none.ReadPageAsync()).QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        }

        var message = (await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email) && m.Subject == "Your link to sign in to Registry")).Single();
        var link = new Uri(SignInLinkPattern().Match(message.TextBody!).Value);
        Assert.Equal("registry.test", link.Host);

        // Opening the link signs nobody in (a mail scanner may open it); its button does.
        var landing = await owner.GetPageAsync(link.PathAndQuery);
        Assert.Null(landing.QuerySelector("#account-link"));
        using (var signedIn = await owner.PostFormAsync(landing.Forms.Single(f => f.Action.EndsWith("/account/sign-in-link/use", StringComparison.Ordinal))))
        {
            Assert.Equal("/my-registry", signedIn.Headers.Location?.OriginalString);
        }

        Assert.NotNull((await owner.GetPageAsync("/my-registry")).QuerySelector("#account-link"));

        // The link works once, and the pause is over everywhere.
        await ClientAddresses.From(app, "192.0.2.81").GetPageAsync(link.PathAndQuery, HttpStatusCode.NotFound);
        using var later = await SignInAsync(ClientAddresses.From(app, "203.0.113.200"), email, TestAccounts.Password);
        Assert.Equal("/my-registry", later.Headers.Location?.OriginalString);
        Assert.DoesNotContain(app.Smtp.Received, m => m.To.Mailboxes.Any(a => a.Address == nobody));
    }

    [Fact]
    public async Task Wrong_second_factor_codes_are_paused_like_wrong_passwords()
    {
        var (email, userId, _) = await app.ProfessionalAsync();
        var key = await app.EnableAsync(userId);
        var client = ClientAddresses.From(app, "198.51.100.99");
        var driver = new SignUpDriver(client);
        using var password = await SignInAsync(client, email, TestAccounts.Password);
        var step = password.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/sign-in/two-factor", step, StringComparison.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await driver.SubmitAsync(step, "/account/sign-in/two-factor", new Dictionary<string, string> { ["Code"] = "000000" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("That code does not work", (await wrong.ReadPageAsync()).GetElementById("Code-error")?.TextContent, StringComparison.Ordinal);
        }

        using var fifth = await driver.SubmitAsync(step, "/account/sign-in/two-factor", new Dictionary<string, string> { ["Code"] = "000000" });
        Assert.Equal((HttpStatusCode)429, fifth.StatusCode);
        using var right = await driver.SubmitAsync(step, "/account/sign-in/two-factor", new Dictionary<string, string> { ["Code"] = app.Code(userId, key) });
        Assert.Equal((HttpStatusCode)429, right.StatusCode);
        Assert.Null((await client.GetPageAsync("/")).QuerySelector("#account-link"));
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        new SignUpDriver(client).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    private static async Task<string> TokenAsync(HttpClient client) =>
        ((AngleSharp.Html.Dom.IHtmlInputElement)(await client.GetPageAsync("/account/sign-in")).QuerySelector("input[name=__RequestVerificationToken]")!).Value;

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    [GeneratedRegex(@"https://\S+/account/sign-in-link\?\S+")]
    private static partial Regex SignInLinkPattern();
}
