using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Languages;

/// <summary>
/// Traditional Chinese beside English and Spanish: asked for by the browser (zh-TW) or chosen on the
/// switch, on pages, dates, validation messages and the emails of a person who prefers it; the
/// accessibility statement in every language; and registry staff's page of translations.
/// </summary>
public sealed class ChineseTests(MailAppFactory app) : IClassFixture<MailAppFactory>
{
    private static readonly Lazy<Dictionary<string, string>> Chinese = new(() =>
        XDocument.Load(Path.Combine(Repository.Root(), "src", "Registry.Web", "Resources", "SharedResource.zh-Hant.resx")).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal));

    private static string Zh(string english) => Chinese.Value[english];

    [Fact]
    public async Task A_browser_asking_for_zh_TW_gets_the_site_in_Chinese_with_the_switch_offering_all_three_languages()
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-TW");

        var home = await client.GetPageAsync("/");

        Assert.Equal("zh-Hant", home.DocumentElement.GetAttribute("lang"));
        Assert.Contains(Zh("Sign in"), home.QuerySelector("header")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["en", "es", "zh-Hant"], home.QuerySelectorAll("#language-switch a").Select(a => a.GetAttribute("hreflang")!));
        Assert.Equal("true", home.QuerySelector("#language-switch a[hreflang='zh-Hant']")!.GetAttribute("aria-current"));
        Assert.Equal("/accessibility", home.QuerySelector("footer a#accessibility-link")!.GetAttribute("href"));
        Assert.Equal(Zh("Accessibility"), home.QuerySelector("footer a#accessibility-link")!.TextContent.Trim());

        // A Simplified Chinese browser is not given Traditional script: English.
        var simplified = app.CreateBrowserLikeClient();
        simplified.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        Assert.Equal("en", (await simplified.GetPageAsync("/")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Chinese_chosen_on_the_switch_stays_chosen_and_dates_are_written_the_Chinese_way()
    {
        var client = app.CreateBrowserLikeClient();
        var home = await client.GetPageAsync("/");
        var link = home.QuerySelector("#language-switch a[hreflang='zh-Hant']")!.GetAttribute("href")!;

        using var chosen = await client.GetAsync(new Uri(link, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);

        var statement = await client.GetPageAsync("/accessibility");
        Assert.Equal(Zh("Accessibility statement"), statement.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("2026年12月6日", statement.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Zh("Sign in"), (await client.GetPageAsync("/employers")).QuerySelector("header")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Accessibility statement", "December 6, 2026")]
    [InlineData("es", "Declaración de accesibilidad", "6 de diciembre de 2026")]
    [InlineData("zh-Hant", "無障礙聲明", "2026年12月6日")]
    public async Task The_accessibility_statement_says_its_standard_how_it_is_tested_its_gaps_and_where_to_report_in_every_language(string language, string heading, string reviewed)
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var page = await client.GetPageAsync("/accessibility");

        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(5, page.QuerySelectorAll("main h1, main h2").Length);
        Assert.Contains("WCAG 2.1", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(reviewed, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("mailto:", page.QuerySelector("#accessibility-contact")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_page_and_the_sign_in_page_link_the_accessibility_statement_too()
    {
        var (client, _) = await app.SignedInProfessionalAsync();

        foreach (var path in new[] { "/my-registry", "/my-registry/personal" })
        {
            Assert.Equal("/accessibility", (await client.GetPageAsync(path)).QuerySelector("footer a#accessibility-link")?.GetAttribute("href"));
        }

        Assert.Equal("/accessibility", (await app.CreateBrowserLikeClient().GetPageAsync("/account/sign-in")).QuerySelector("footer a#accessibility-link")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_person_who_prefers_Chinese_chooses_it_on_their_profile_and_is_written_to_in_Chinese()
    {
        var (email, _, professionalId) = await app.ProfessionalAsync();
        var client = app.CreateBrowserLikeClient();
        await app.SignInAsync(client, email);

        var form = (await client.GetPageAsync("/my-registry/personal")).Forms.Single(f => f.Action.EndsWith("/my-registry/personal", StringComparison.Ordinal));
        Assert.NotNull(form.QuerySelector("input[name=PreferredLanguage][value='zh-Hant']"));
        using var saved = await client.PostFormAsync(form, values: new Dictionary<string, string> { ["PreferredLanguage"] = "zh-Hant", ["County"] = "San Francisco" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("zh-Hant", await DbAsync(db => db.Professionals.Where(p => p.Id == professionalId).Select(p => p.PreferredLanguage).SingleAsync()));

        // The reset email goes in the person's language, whatever the page it was asked from (English here).
        var anonymous = app.CreateBrowserLikeClient();
        var reset = (await anonymous.GetPageAsync("/account/forgot-password")).Forms.Single(f => f.Action.EndsWith("/account/forgot-password", StringComparison.Ordinal));
        using (await anonymous.PostFormAsync(reset, values: new Dictionary<string, string> { ["Email"] = email }))
        {
        }

        var message = (await app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email))).Single();
        Assert.Equal(Zh("Reset your Registry password"), message.Subject);
        Assert.Contains("lang=\"zh-Hant\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("https://registry.test/account/reset-password", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_not_offered_is_refused_beside_the_field_in_Chinese_and_nothing_is_saved()
    {
        var (email, _, professionalId) = await app.ProfessionalAsync();
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-TW");
        await app.SignInAsync(client, email);
        var form = (await client.GetPageAsync("/my-registry/personal")).Forms.Single(f => f.Action.EndsWith("/my-registry/personal", StringComparison.Ordinal));

        using var refused = await client.PostFormAsync(form, values: new Dictionary<string, string> { ["PreferredLanguage"] = "fr", ["FirstName"] = "Wai" });

        var page = await refused.ReadPageAsync();
        Assert.Equal(Zh("Choose a language from the list."), page.QuerySelector("#PreferredLanguage-error")?.TextContent.Trim());
        var stored = await DbAsync(db => db.Professionals.Where(p => p.Id == professionalId).Select(p => new { p.PreferredLanguage, p.FirstName }).SingleAsync());
        Assert.Equal(("en", "Rosa"), (stored.PreferredLanguage, stored.FirstName));
    }

    [Fact]
    public async Task Registry_staff_see_each_languages_translations_and_a_professional_does_not()
    {
        var (staff, _) = await app.SignedInWithRoleAsync(Roles.RegistryStaff);

        var page = await staff.GetPageAsync("/staff/translations");

        foreach (var language in new[] { "es", "zh-Hant" })
        {
            var summary = page.QuerySelector($"#status-{language} .summary")!.TextContent;
            Assert.Matches(@"^[\d,]+ of [\d,]+ texts translated and up to date; 0 changed in English since translated; 0 not translated\.$", summary.Trim());
        }

        var (professional, _) = await app.SignedInProfessionalAsync();
        using var refused = await professional.GetAsync(new Uri("/staff/translations", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("texts translated", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }
}
