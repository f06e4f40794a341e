using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Accounts;

namespace Registry.IntegrationTests.Account;

/// <summary>
/// Passkeys through the pages, with a software authenticator in place of the browser: added on the
/// second-factor page, used on the sign-in page (where they count as a second factor), removed only by
/// their owner, and bound to the registry's public address whatever the request says.
/// </summary>
public sealed class PasskeyTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private const string Origin = RegistryAppFactory.PublicUrl;

    [Fact]
    public async Task The_options_answer_JSON_for_the_public_address_and_need_the_antiforgery_token()
    {
        var (client, email, _) = await SignedInAsync();
        var page = await client.GetPageAsync("/account/two-factor");
        var add = AddForm(page);

        using (var withoutToken = await client.PostAsync(new Uri(add.GetAttribute("data-options-url")!, UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        }

        // Asked for under another Host, the relying party is still the configured public address.
        using var creation = JsonDocument.Parse(await OptionsAsync(client, add, host: "evil.example"));
        Assert.Equal("registry.test", creation.RootElement.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(email, creation.RootElement.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("required", creation.RootElement.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString());
        Assert.Equal("required", creation.RootElement.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString());

        var anonymous = app.CreateBrowserLikeClient();
        var signIn = SignInForm(await anonymous.GetPageAsync("/account/sign-in"));
        using (var withoutToken = await anonymous.PostAsync(new Uri(signIn.GetAttribute("data-options-url")!, UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        }

        using var request = JsonDocument.Parse(await OptionsAsync(anonymous, signIn, host: "evil.example"));
        Assert.Equal("registry.test", request.RootElement.GetProperty("rpId").GetString());
        Assert.True(request.RootElement.GetProperty("challenge").GetString()!.Length >= 43);
    }

    [Fact]
    public async Task A_passkey_added_on_the_second_factor_page_signs_in_without_a_password_as_a_second_factor()
    {
        var (client, email, userId) = await SignedInAsync();
        using var authenticator = new TestAuthenticator();

        var added = await AddAsync(client, authenticator, "My phone");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/account/two-factor#passkeys", added.Headers.Location?.OriginalString);
        var page = await client.GetPageAsync("/account/two-factor");
        Assert.Equal("My phone", page.QuerySelector("#passkey-list .passkey-name")?.TextContent);
        Assert.True(await DbAsync(db => db.SecurityEvents.AnyAsync(e => e.Kind == nameof(SecurityEventKind.PasskeyAdded) && e.SubjectUserId == userId && e.Detail == "My phone")));
        Assert.True(await DbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == email && m.Kind == "second-factor-changed" && m.TextBody.Contains("My phone"))));

        // In another browser: no email, no password, straight to the page asked for.
        var other = app.CreateBrowserLikeClient();
        var signedIn = await SignInWithPasskeyAsync(other, authenticator, "/my-registry/personal");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/my-registry/personal", signedIn.Headers.Location?.OriginalString);
        await other.GetPageAsync("/my-registry/personal");
        var session = await DbAsync(db => db.AccountSessions.Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt).FirstAsync());
        Assert.Equal("Passkey", session.Method);
        Assert.True(session.SecondFactor);
        Assert.True(await DbAsync(db => db.SecurityEvents.AnyAsync(e => e.Kind == nameof(SecurityEventKind.SignIn) && e.SubjectUserId == userId && e.Detail == "passkey")));

        // Neither adding the passkey nor using it elsewhere signed the first browser out.
        await client.GetPageAsync("/account/two-factor");

        // An address off the site is not followed.
        var again = await SignInWithPasskeyAsync(app.CreateBrowserLikeClient(), authenticator, "https://evil.example/");
        Assert.Equal("/my-registry", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_passkey_counts_as_the_second_factor_of_an_account_that_sees_other_peoples_records()
    {
        var (email, userId, _) = await app.ProfessionalAsync();
        await GrantAsync(userId);
        var key = await app.EnableAsync(userId);
        var client = app.CreateBrowserLikeClient();
        await app.SignInAsync(client, email, userId: userId, key: key);
        using var authenticator = new TestAuthenticator();
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, authenticator, "Office key")).StatusCode);

        var other = app.CreateBrowserLikeClient();
        Assert.Equal("/access", (await SignInWithPasskeyAsync(other, authenticator, "/access")).Headers.Location?.OriginalString);
        using var access = await other.GetAsync(new Uri("/access", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, access.StatusCode);
    }

    [Fact]
    public async Task A_session_owing_its_second_factor_and_a_password_beside_a_passkey_cannot_add_one()
    {
        // A director who has not set the authenticator app up yet: sent to set it up first.
        var (email, userId, _) = await app.ProfessionalAsync();
        await GrantAsync(userId);
        var director = app.CreateBrowserLikeClient();
        await app.SignInAsync(director, email);
        var token = Token(await director.GetPageAsync("/account/two-factor"));
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/two-factor/passkeys/options", UriKind.Relative)))
        {
            request.Headers.Add("RequestVerificationToken", token);
            using var owing = await director.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, owing.StatusCode);
            Assert.StartsWith("/account/two-factor", owing.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        // Someone with a passkey, signed in with the password alone: another passkey needs the first one.
        var (client, professional, _) = await SignedInAsync();
        using var authenticator = new TestAuthenticator();
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, authenticator, "Phone")).StatusCode);
        var passwordOnly = app.CreateBrowserLikeClient();
        await app.SignInAsync(passwordOnly, professional);
        var page = await passwordOnly.GetPageAsync("/account/two-factor");
        Assert.Null(page.QuerySelector("#add-passkey"));
        Assert.NotNull(page.QuerySelector("#passkey-add-needs-second-factor"));
        using var refused = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/two-factor/passkeys/options", UriKind.Relative));
        refused.Headers.Add("RequestVerificationToken", Token(page));
        using var answer = await passwordOnly.SendAsync(refused);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Removing_another_persons_passkey_answers_404_and_changes_nothing()
    {
        var (owner, _, ownerId) = await SignedInAsync();
        using var authenticator = new TestAuthenticator();
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(owner, authenticator, "Owner's phone")).StatusCode);

        var (stranger, _, _) = await SignedInAsync();
        var page = await stranger.GetPageAsync("/account/two-factor");
        var form = new Dictionary<string, string> { ["id"] = authenticator.Id, ["__RequestVerificationToken"] = Token(page) };
        using (var content = new FormUrlEncodedContent(form))
        using (var response = await stranger.PostAsync(new Uri("/account/two-factor/passkeys/remove", UriKind.Relative), content))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(1, await PasskeyCountAsync(ownerId));
        Assert.False(await DbAsync(db => db.SecurityEvents.AnyAsync(e => e.Kind == nameof(SecurityEventKind.PasskeyRemoved) && e.SubjectUserId == ownerId)));

        // Its owner removes it with the page's button.
        var ownPage = await owner.GetPageAsync("/account/two-factor");
        var remove = ownPage.Forms.Single(f => f.Action.EndsWith("/account/two-factor/passkeys/remove", StringComparison.Ordinal));
        using var removed = await owner.PostFormAsync(remove);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(0, await PasskeyCountAsync(ownerId));
        Assert.True(await DbAsync(db => db.SecurityEvents.AnyAsync(e => e.Kind == nameof(SecurityEventKind.PasskeyRemoved) && e.SubjectUserId == ownerId && e.Detail == "Owner's phone")));
        Assert.NotNull((await owner.GetPageAsync("/account/two-factor")).QuerySelector("#no-passkeys"));

        // Gone, it signs nobody in.
        var refused = await SignInWithPasskeyAsync(app.CreateBrowserLikeClient(), authenticator, "/my-registry");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task A_passkey_made_for_another_site_is_refused_when_added_and_when_signing_in()
    {
        var (client, _, userId) = await SignedInAsync();
        using var lookAlike = new TestAuthenticator();
        var refused = await AddAsync(client, lookAlike, "Phone", origin: "https://registry.test.evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("That passkey could not be added. Try again.", Message((await refused.ReadPageAsync()).QuerySelector("#CredentialJson")));
        var wrongRp = await AddAsync(client, lookAlike, "Phone", rpId: "evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, wrongRp.StatusCode);
        Assert.Equal(0, await PasskeyCountAsync(userId));

        using var authenticator = new TestAuthenticator();
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(client, authenticator, "Phone")).StatusCode);
        var elsewhere = await SignInWithPasskeyAsync(app.CreateBrowserLikeClient(), authenticator, "/my-registry", origin: "https://evil.example");
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Equal(
            "That passkey did not sign you in. Try again, or sign in with your email and password.",
            (await elsewhere.ReadPageAsync()).QuerySelector("#sign-in-message")?.TextContent.Trim());
    }

    [Fact]
    public async Task Garbage_in_place_of_a_credential_answers_a_clear_message_never_an_error()
    {
        var (client, _, userId) = await SignedInAsync();

        // No ceremony under way (its options never asked for).
        var page = await client.GetPageAsync("/account/two-factor");
        using (var stale = await client.PostFormAsync(AddForm(page), values: new Dictionary<string, string> { ["Name"] = "Phone", ["CredentialJson"] = "{}" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
            Assert.Equal("Adding the passkey took too long. Try again.", Message((await stale.ReadPageAsync()).QuerySelector("#CredentialJson")));
        }

        foreach (var garbage in new[] { "not json", "{\"id\":5}", "[]", new string('x', 70_000) })
        {
            page = await client.GetPageAsync("/account/two-factor");
            await OptionsAsync(client, AddForm(page));
            using var response = await client.PostFormAsync(AddForm(page), values: new Dictionary<string, string> { ["Name"] = "Phone", ["CredentialJson"] = garbage });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("That passkey could not be added. Try again.", Message((await response.ReadPageAsync()).QuerySelector("#CredentialJson")));
        }

        Assert.Equal(0, await PasskeyCountAsync(userId));

        var anonymous = app.CreateBrowserLikeClient();
        foreach (var (garbage, askOptions) in new[] { ("not json", true), ("{\"id\":\"AAAA\",\"type\":\"public-key\"}", true), ("{}", false), (string.Empty, true) })
        {
            var signIn = await anonymous.GetPageAsync("/account/sign-in");
            if (askOptions)
            {
                await OptionsAsync(anonymous, SignInForm(signIn));
            }

            using var response = await anonymous.PostFormAsync(SignInForm(signIn), values: new Dictionary<string, string> { ["CredentialJson"] = garbage });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull((await response.ReadPageAsync()).QuerySelector("#sign-in-message"));
        }
    }

    [Theory]
    [InlineData("en", "", "Enter a name for this passkey, such as the device it is on.")]
    [InlineData("en", "long", "Use at most 50 characters.")]
    [InlineData("es", "", "Escriba un nombre para esta llave de acceso, como el del dispositivo donde está.")]
    [InlineData("es", "long", "Use como máximo 50 caracteres.")]
    public async Task The_name_is_checked_beside_its_field_in_English_and_Spanish(string culture, string name, string message)
    {
        var (client, _, userId) = await SignedInAsync();
        var form = AddForm(await client.GetPageAsync("/account/two-factor"));
        form.Action += "?culture=" + culture;
        using var response = await client.PostFormAsync(form, values: new Dictionary<string, string>
        {
            ["Name"] = name == "long" ? new string('n', 51) : name,
            ["CredentialJson"] = "{}",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadPageAsync();
        Assert.Equal(message, Message(page.QuerySelector("#Name-error")));
        Assert.Equal("#Name", page.QuerySelector("#error-summary a")?.GetAttribute("href"));
        Assert.Null(page.QuerySelector("#CredentialJson"));
        Assert.Equal(0, await PasskeyCountAsync(userId));
    }

    private async Task<(HttpClient Client, string Email, string UserId)> SignedInAsync()
    {
        var (email, userId, _) = await app.ProfessionalAsync();
        var client = app.CreateBrowserLikeClient();
        Assert.Equal("/my-registry", (await app.SignInAsync(client, email)).Headers.Location?.OriginalString);
        return (client, email, userId);
    }

    /// <summary>As the page's script does: the options, the authenticator, the form posted with the passkey's name.</summary>
    private static async Task<HttpResponseMessage> AddAsync(HttpClient client, TestAuthenticator authenticator, string name, string origin = Origin, string? rpId = null)
    {
        var form = AddForm(await client.GetPageAsync("/account/two-factor"));
        var credential = authenticator.Create(await OptionsAsync(client, form), origin, rpId);
        return await client.PostFormAsync(form, values: new Dictionary<string, string> { ["Name"] = name, ["CredentialJson"] = credential });
    }

    private static async Task<HttpResponseMessage> SignInWithPasskeyAsync(HttpClient client, TestAuthenticator authenticator, string returnUrl, string origin = Origin)
    {
        var form = SignInForm(await client.GetPageAsync("/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        var credential = authenticator.Get(await OptionsAsync(client, form), origin);
        return await client.PostFormAsync(form, values: new Dictionary<string, string> { ["CredentialJson"] = credential });
    }

    /// <summary>POSTs to the form's data-options-url with its antiforgery token in a header, as passkeys.js does.</summary>
    private static async Task<string> OptionsAsync(HttpClient client, IHtmlFormElement form, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(form.GetAttribute("data-options-url")!, UriKind.Relative));
        request.Headers.Add("RequestVerificationToken", form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static IHtmlFormElement AddForm(IHtmlDocument page) => page.QuerySelector<IHtmlFormElement>("#add-passkey")!;

    private static IHtmlFormElement SignInForm(IHtmlDocument page) => page.QuerySelector<IHtmlFormElement>("#passkey-sign-in")!;

    private static string Token(IHtmlDocument page) => page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

    /// <summary>An error's text without its "Error:" prefix for screen readers.</summary>
    private static string? Message(IElement? element) =>
        element?.TextContent.Replace("Error:", string.Empty, StringComparison.Ordinal).Trim();

    private Task<int> PasskeyCountAsync(string userId) => DbAsync(db => db.Set<IdentityUserPasskey<string>>().CountAsync(p => p.UserId == userId));

    private async Task GrantAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var site = await db.Employers.OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        db.AccessGrants.Add(AccessGrant.ForSite(userId, AccessRole.SiteDirector, site, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(365)));
        await db.SaveChangesAsync();
    }

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}
