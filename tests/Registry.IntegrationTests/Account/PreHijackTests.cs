using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Account;

/// <summary>
/// Pre-hijacking (decision 0026): whoever signs up first with someone else's address never ends up
/// with a confirmed account whose password they know. The confirmation link signs in only the
/// browser that signed up; anywhere else it asks for the account's password or a new one.
/// </summary>
public sealed partial class PreHijackTests(MailAppFactory app) : IClassFixture<MailAppFactory>
{
    private const string AttackersPassword = "tiny tots teach me daily";

    [Fact]
    public async Task Someone_who_signs_up_first_with_your_address_never_gets_your_account()
    {
        var email = $"victim.{Guid.NewGuid():N}@example.org";
        var attacker = app.CreateBrowserLikeClient();
        var attackerDone = await new SignUpDriver(attacker).CompleteAsync(email);
        var firstLink = SignUpDriver.ConfirmationPath((await app.Smtp.WaitForAsync(m => To(m, email))).Single());

        // Unconfirmed, the account lets nobody in, and says so only to who knows its password.
        using (var refused = await SignInAsync(attacker, email, AttackersPassword))
        {
            Assert.Contains("Confirm your email before you sign in", (await refused.ReadPageAsync()).GetElementById("sign-in-message")?.TextContent, StringComparison.Ordinal);
        }

        // The owner signs up too: the same page as anyone, and an email to the address.
        var owner = app.CreateBrowserLikeClient();
        var ownerDone = await new SignUpDriver(owner).CompleteAsync(email);
        Assert.Equal(attackerDone.QuerySelector("main")?.TextContent, ownerDone.QuerySelector("main")?.TextContent);
        var warning = (await app.Smtp.WaitForAsync(m => To(m, email) && m.Subject == "Someone tried to create a Registry account with your email")).Single();
        Assert.Contains("its email was never confirmed", warning.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await AccountsAsync(email));

        // The owner's link, in the owner's browser (which did not create the account): nobody is signed in.
        var landing = await owner.GetPageAsync(SignUpDriver.ConfirmationPath(warning));
        Assert.Equal("Confirm your email", landing.QuerySelector("h1")?.TextContent);
        Assert.Null(landing.GetElementById("account-link"));
        Assert.False(await ConfirmedAsync(email));

        using (var guess = await owner.PostFormAsync(Form(landing, "password"), values: new Dictionary<string, string> { ["Password"] = "my usual password" }))
        {
            Assert.Contains("That is not the password this account was created with", (await guess.ReadPageAsync()).GetElementById("Password-error")?.TextContent, StringComparison.Ordinal);
        }

        using (var claimed = await owner.PostFormAsync(Form(landing, "new-password"), values: new Dictionary<string, string> { ["NewPassword"] = "only the owner knows this", ["ConfirmNewPassword"] = "only the owner knows this" }))
        {
            Assert.Equal("/my-registry", claimed.Headers.Location?.OriginalString);
        }

        Assert.True(await ConfirmedAsync(email));
        Assert.NotNull((await owner.GetPageAsync("/my-registry")).GetElementById("account-link"));

        // The one who signed up first: their password no longer opens it, and their browser's
        // confirmation link signs nobody in.
        using (var attackerTry = await SignInAsync(app.CreateBrowserLikeClient(), email, AttackersPassword))
        {
            Assert.Contains("do not match an account", (await attackerTry.ReadPageAsync()).GetElementById("sign-in-message")?.TextContent, StringComparison.Ordinal);
        }

        using (var old = await attacker.GetAsync(new Uri(firstLink, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        }

        using (var stillOut = await attacker.GetAsync(new Uri("/my-registry", UriKind.Relative)))
        {
            Assert.Equal("/account/sign-in", stillOut.Headers.Location?.AbsolutePath);
        }

        Assert.Equal(["EmailConfirmed", "PasswordReset"], await KindsAsync(email, "EmailConfirmed", "PasswordReset"));
    }

    [Fact]
    public async Task The_confirmation_link_signs_in_the_browser_that_signed_up_and_asks_anywhere_else()
    {
        var email = $"person.{Guid.NewGuid():N}@example.org";
        var laptop = app.CreateBrowserLikeClient();
        await new SignUpDriver(laptop).CompleteAsync(email);
        var link = SignUpDriver.ConfirmationPath((await app.Smtp.WaitForAsync(m => To(m, email))).Single());

        // The phone's mail app opens it: the person types the password they chose, and is in.
        var phone = app.CreateBrowserLikeClient();
        var landing = await phone.GetPageAsync(link);
        Assert.Null(landing.GetElementById("account-link"));
        using (var confirmed = await phone.PostFormAsync(Form(landing, "password"), values: new Dictionary<string, string> { ["Password"] = AttackersPassword }))
        {
            Assert.Equal("/my-registry", confirmed.Headers.Location?.OriginalString);
        }

        Assert.True(await ConfirmedAsync(email));

        // In the browser that signed up, a new account's link signs straight in.
        var other = $"person.{Guid.NewGuid():N}@example.org";
        var browser = app.CreateBrowserLikeClient();
        await new SignUpDriver(browser).CompleteAsync(other);
        using var direct = await browser.GetAsync(new Uri(SignUpDriver.ConfirmationPath((await app.Smtp.WaitForAsync(m => To(m, other))).Single()), UriKind.Relative));
        Assert.Equal("/my-registry", direct.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Forgot_password_works_for_an_account_never_confirmed_and_confirms_it()
    {
        var email = $"person.{Guid.NewGuid():N}@example.org";
        await new SignUpDriver(app.CreateBrowserLikeClient()).CompleteAsync(email);
        var elsewhere = app.CreateBrowserLikeClient();
        await new SignUpDriver(elsewhere).SubmitAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        var reset = (await app.Smtp.WaitForAsync(m => To(m, email) && m.Subject == "Reset your Registry password")).Single();
        var link = new Uri(ResetLink().Match(reset.TextBody!).Value).PathAndQuery;
        var done = await new SignUpDriver(elsewhere).SubmitAsync(link, "/account/reset-password", new Dictionary<string, string> { ["Password"] = "a fresh start passphrase", ["ConfirmPassword"] = "a fresh start passphrase" });
        Assert.Equal("Your password is changed.", (await done.ReadPageAsync()).QuerySelector("h1")?.TextContent);
        Assert.True(await ConfirmedAsync(email));
        Assert.Equal("/my-registry", (await SignInAsync(app.CreateBrowserLikeClient(), email, "a fresh start passphrase")).Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("password", "Password", "", "Enter the password you chose when you created the account.")]
    [InlineData("new-password", "NewPassword", "short", "Use at least 12 characters.")]
    [InlineData("new-password", "ConfirmNewPassword", "a long enough passphrase", "The two passwords do not match.")]
    public async Task Bad_input_on_the_confirmation_page_is_answered_beside_the_field_and_nothing_is_confirmed(string choice, string field, string value, string message)
    {
        var email = $"person.{Guid.NewGuid():N}@example.org";
        await new SignUpDriver(app.CreateBrowserLikeClient()).CompleteAsync(email);
        var link = SignUpDriver.ConfirmationPath((await app.Smtp.WaitForAsync(m => To(m, email))).Single());
        var client = app.CreateBrowserLikeClient();
        var landing = await client.GetPageAsync(link);
        var values = choice == "password"
            ? new Dictionary<string, string> { ["Password"] = value }
            : new Dictionary<string, string> { ["NewPassword"] = field == "NewPassword" ? value : "a long enough passphrase", ["ConfirmNewPassword"] = field == "NewPassword" ? value : "a different passphrase" };
        using var response = await client.PostFormAsync(Form(landing, choice), values: values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await response.ReadPageAsync()).GetElementById(field + "-error")?.TextContent, StringComparison.Ordinal);
        Assert.False(await ConfirmedAsync(email));
    }

    private static IHtmlFormElement Form(IHtmlDocument page, string choice) =>
        page.Forms.Single(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "Choice" && i.Value == choice));

    private static bool To(MimeKit.MimeMessage message, string email) => message.To.Mailboxes.Any(a => a.Address == email);

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        new SignUpDriver(client).SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    private Task<bool> ConfirmedAsync(string email) => DbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync());

    private Task<int> AccountsAsync(string email) => DbAsync(db => db.Users.CountAsync(u => u.Email == email));

    private Task<List<string>> KindsAsync(string email, params string[] kinds) =>
        DbAsync(db => db.SecurityEvents.Where(e => e.Subject == email && kinds.Contains(e.Kind)).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());

    [GeneratedRegex(@"https://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();
}
