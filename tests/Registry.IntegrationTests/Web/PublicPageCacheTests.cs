using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Verifications;

namespace Registry.IntegrationTests.Web;

/// <summary>
/// Public pages are cached for people who are not signed in (docs/decisions/0044-output-caching.md):
/// they carry no per-request token, say a proxy may keep them, are refreshed when their data is
/// saved, and a signed-in person's page is never served from, or stored in, the cache.
/// </summary>
public sealed class PublicPageCacheTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/employers?q=montessori")]
    [InlineData("/training")]
    [InlineData("/workforce")]
    public async Task A_public_page_carries_no_token_and_sets_no_cookie_so_a_proxy_may_keep_it(string path)
    {
        using var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"), path + " set a cookie");
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        Assert.Contains("Cookie", response.Headers.Vary);
    }

    [Fact]
    public async Task A_signed_in_page_is_never_served_from_the_cache_nor_stored_in_it()
    {
        var anonymous = app.CreateClient();
        var (signedIn, _) = await app.SignedInProfessionalAsync();

        // The anonymous copy is cached first: the signed-in person still gets their own page.
        Assert.Null((await anonymous.GetPageAsync("/training")).QuerySelector("#account-link"));
        using (var mine = await signedIn.GetAsync(new Uri("/training", UriKind.Relative)))
        {
            var page = await mine.ReadPageAsync();
            Assert.NotNull(page.QuerySelector("#account-link"));
            Assert.Equal("no-store", mine.Headers.CacheControl?.ToString());
        }

        // A page a signed-in person asked for first is never what an anonymous visitor gets.
        Assert.NotNull((await signedIn.GetPageAsync("/employers?q=sunshine")).QuerySelector("#account-link"));
        var theirs = await anonymous.GetPageAsync("/employers?q=sunshine");
        Assert.Null(theirs.QuerySelector("#account-link"));
        Assert.NotNull(theirs.QuerySelector("#language-switch"));
    }

    [Fact]
    public async Task Each_language_has_its_own_copy()
    {
        var english = app.CreateClient();
        var spanish = app.CreateClient();
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        Assert.Equal("en", (await english.GetPageAsync("/employers?q=little")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("es", (await spanish.GetPageAsync("/employers?q=little")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", (await english.GetPageAsync("/employers?q=little")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_change_to_a_site_shows_on_the_look_up_at_once()
    {
        var site = await app.EmployerIdAsync("380500086");
        var anonymous = app.CreateClient();
        var before = await anonymous.GetPageAsync("/employers?q=380500086");
        string name;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var employer = await db.Employers.SingleAsync(e => e.Id == site);
            Assert.Contains(employer.Name, before.Body!.TextContent, StringComparison.Ordinal);
            name = "Renamed Learning Center " + Guid.NewGuid().ToString("N")[..6];
            db.Entry(employer).Property(e => e.Name).CurrentValue = name;
            await db.SaveChangesAsync();
        }

        var after = await anonymous.GetPageAsync("/employers?q=380500086");

        Assert.Contains(name, after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_consent_takes_the_verification_page_down_at_once()
    {
        var (client, professionalId) = await app.SignedInProfessionalAsync();
        string registryId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var professional = await db.Professionals.SingleAsync(p => p.Id == professionalId);
            registryId = professional.RegistryId;
            var permit = new Credential(CredentialType.ChildDevelopmentTeacherPermit, "240012345", "CTC", new DateOnly(2024, 7, 1), new DateOnly(2099, 7, 1));
            permit.RecordVerification(Verification.Verified("staff-1", DateTimeOffset.UtcNow));
            professional.AddCredential(permit);
            await db.SaveChangesAsync();
        }

        var card = await client.GetPageAsync("/my-registry/card");
        await client.PostFormAsync(card.Forms.Single(f => f.Action.EndsWith("/my-registry/card/public", StringComparison.Ordinal)));
        var anonymous = app.CreateClient();
        var shown = await anonymous.GetPageAsync($"/verify/{registryId}");
        Assert.Contains("Child Development Permit: Teacher", shown.QuerySelector("#verified-permits")!.TextContent, StringComparison.Ordinal);

        // Staff withdraw the permit's verification: the cached page no longer vouches for it.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var permit = await db.Credentials.SingleAsync(c => c.ProfessionalId == professionalId);
            permit.RecordVerification(Verification.NotAccepted("The permit number does not match.", "staff-1", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        Assert.DoesNotContain("Teacher", (await anonymous.GetPageAsync($"/verify/{registryId}")).QuerySelector("#verified-permits")?.TextContent ?? string.Empty, StringComparison.Ordinal);

        // The person makes the page private again: gone at once.
        var again = await client.GetPageAsync("/my-registry/card");
        await client.PostFormAsync(again.Forms.Single(f => f.Action.EndsWith("/my-registry/card/public", StringComparison.Ordinal)));
        var hidden = await anonymous.GetPageAsync($"/verify/{registryId}", HttpStatusCode.NotFound);
        Assert.NotNull(hidden.QuerySelector("#not-shared"));
    }
}
