using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;

namespace Registry.IntegrationTests.Account;

/// <summary>Signing in and out, password hashing, forgotten and changed passwords, a changed email: through the real forms and real email.</summary>
public sealed partial class AccountTests : IClassFixture<MailAppFactory>
{
    private const string Password = "tiny tots teach me daily";
    private readonly MailAppFactory _app;

    public AccountTests(MailAppFactory app) => _app = app;

    [Fact]
    public async Task A_confirmed_person_signs_in_and_out()
    {
        var (email, _) = await ConfirmedAccountAsync();
        var client = _app.CreateBrowserLikeClient();

        var signedIn = await SignInAsync(client, email, Password);
        Assert.Equal("/my-registry", signedIn.Headers.Location?.OriginalString);
        var page = await client.GetPageAsync("/my-registry");
        var signOut = page.Forms.Single(f => f.Action.EndsWith("/account/sign-out", StringComparison.Ordinal));
        Assert.Equal("/", (await client.PostFormAsync(signOut)).Headers.Location?.OriginalString);

        using var after = await client.GetAsync(new Uri("/my-registry", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("https://registry.test/account/sign-in", after.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passwords_are_kept_as_PBKDF2_hashes_of_210000_rounds()
    {
        var (email, _) = await ConfirmedAccountAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var hash = Convert.FromBase64String(await scope.ServiceProvider.GetRequiredService<Registry.Web.Data.RegistryDbContext>().Users.Where(u => u.Email == email).Select(u => u.PasswordHash!).SingleAsync());

        // Identity's format 3: a marker, the pseudo-random function (2: HMAC-SHA512), then the rounds, big-endian.
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));
        Assert.Equal(210_000u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)));
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_by_email_and_the_link_works_once()
    {
        var (email, _) = await ConfirmedAccountAsync();
        var client = _app.CreateBrowserLikeClient();
        var driver = new SignUpDriver(client);

        var sent = await driver.SubmitAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        Assert.Contains("we have sent it a link", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await driver.SubmitAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = "nobody.at.all@example.org" });
        Assert.Contains("we have sent it a link", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var message = (await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email) && m.Subject == "Reset your Registry password")).Single();
        var link = new Uri(ResetLink().Match(message.TextBody ?? string.Empty).Value).PathAndQuery;

        var reset = await driver.SubmitAsync(link, "/account/reset-password", new Dictionary<string, string> { ["Password"] = "a whole new password", ["ConfirmPassword"] = "a whole new password" });
        Assert.Equal("Your password is changed.", (await reset.ReadPageAsync()).QuerySelector("h1")?.TextContent);
        Assert.Equal("/my-registry", (await SignInAsync(_app.CreateBrowserLikeClient(), email, "a whole new password")).Headers.Location?.OriginalString);

        var reused = await client.GetPageAsync(link, HttpStatusCode.NotFound);
        Assert.Equal("This link does not work", reused.QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [InlineData("short", "short", "Use at least 12 characters.")]
    [InlineData("password1234", "password1234", "This password is one of the most common: choose one that is harder to guess.")]
    [InlineData("a whole new password", "a different one entirely", "The two passwords do not match.")]
    public async Task A_new_password_follows_the_same_rules_as_at_sign_up(string password, string confirm, string message)
    {
        var (email, client) = await ConfirmedAccountAsync();
        _ = email;

        var response = await new SignUpDriver(client).SubmitAsync("/account/change-password", "/account/change-password",
            new Dictionary<string, string> { ["CurrentPassword"] = Password, ["Password"] = password, ["ConfirmPassword"] = confirm });

        Assert.Contains(message, (await response.ReadPageAsync()).QuerySelector("#error-summary")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one()
    {
        var (email, client) = await ConfirmedAccountAsync();
        var driver = new SignUpDriver(client);

        var wrong = await driver.SubmitAsync("/account/change-password", "/account/change-password",
            new Dictionary<string, string> { ["CurrentPassword"] = "not my password", ["Password"] = "brand new secret words", ["ConfirmPassword"] = "brand new secret words" });
        Assert.Contains("That is not your current password.", (await wrong.ReadPageAsync()).QuerySelector("#CurrentPassword-error")?.TextContent, StringComparison.Ordinal);

        var right = await driver.SubmitAsync("/account/change-password", "/account/change-password",
            new Dictionary<string, string> { ["CurrentPassword"] = Password, ["Password"] = "brand new secret words", ["ConfirmPassword"] = "brand new secret words" });
        Assert.Equal("/my-registry", right.Headers.Location?.OriginalString);
        Assert.Equal("/my-registry", (await SignInAsync(_app.CreateBrowserLikeClient(), email, "brand new secret words")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_changed_email_is_confirmed_at_the_new_address_before_it_counts()
    {
        var (email, client) = await ConfirmedAccountAsync();
        var newEmail = $"new.{Guid.NewGuid():N}@example.org";

        var sent = await new SignUpDriver(client).SubmitAsync("/account/change-email", "/account/change-email",
            new Dictionary<string, string> { ["NewEmail"] = newEmail, ["CurrentPassword"] = Password });
        Assert.Contains(newEmail, (await sent.ReadPageAsync()).QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("/my-registry", (await SignInAsync(_app.CreateBrowserLikeClient(), email, Password)).Headers.Location?.OriginalString);

        var message = (await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == newEmail))).Single();
        var link = new Uri(ChangeLink().Match(message.TextBody ?? string.Empty).Value).PathAndQuery;
        using var confirmed = await client.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal("/my-registry", confirmed.Headers.Location?.OriginalString);

        Assert.Equal("/my-registry", (await SignInAsync(_app.CreateBrowserLikeClient(), newEmail, Password)).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(_app.CreateBrowserLikeClient(), email, Password)).StatusCode);
        var myRegistry = await client.GetPageAsync("/my-registry");
        Assert.Contains(newEmail, myRegistry.QuerySelector("dl")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_pages_need_a_signed_in_person()
    {
        using var response = await _app.CreateBrowserLikeClient().GetAsync(new Uri("/account/change-password", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private async Task<(string Email, HttpClient Client)> ConfirmedAccountAsync()
    {
        var client = _app.CreateBrowserLikeClient();
        var email = $"acct.{Guid.NewGuid():N}@example.org";
        await new SignUpDriver(client).CompleteAsync(email);
        var message = (await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email))).Single();
        using var confirmed = await client.GetAsync(new Uri(SignUpDriver.ConfirmationPath(message), UriKind.Relative));
        Assert.Equal("/my-registry", confirmed.Headers.Location?.OriginalString);
        return (email, client);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        new SignUpDriver(client).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    [GeneratedRegex(@"https://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"https://\S+/account/confirm-email-change\?\S+")]
    private static partial Regex ChangeLink();
}
