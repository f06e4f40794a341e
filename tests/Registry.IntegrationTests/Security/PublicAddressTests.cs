using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Documents;
using Registry.Web.Infrastructure.Security;

namespace Registry.IntegrationTests.Security;

/// <summary>
/// Every link the registry writes starts with its configured public address (Site:PublicUrl), never
/// with the Host a request names: a forgotten-password request sent with "Host: attacker.example"
/// must not email the account's owner a reset link (and its token) on the attacker's host.
/// The emails are read as they arrive over SMTP.
/// </summary>
public sealed partial class PublicAddressTests : IClassFixture<MailAppFactory>
{
    private const string Foreign = "attacker.example";
    private readonly MailAppFactory _app;

    public PublicAddressTests(MailAppFactory app) => _app = app;

    [Fact]
    public async Task The_confirmation_and_its_resend_asked_for_with_a_foreign_host_link_only_to_the_public_address()
    {
        var client = Foreigner(_app.CreateBrowserLikeClient());
        var email = $"host.{Guid.NewGuid():N}@example.org";
        var driver = new SignUpDriver(client);
        await driver.CompleteAsync(email);

        // Not confirmed yet: the right password offers to send the email again.
        var refused = await (await driver.SubmitAsync("/account/sign-in", "/account/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = "tiny tots teach me daily" })).ReadPageAsync();
        var resend = refused.Forms.Single(f => f.Action.EndsWith("/account/resend-confirmation", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync(resend)).StatusCode);

        var messages = await _app.Smtp.WaitForAsync(m => To(m, email), count: 2);
        Assert.All(messages, m => Assert.Contains("/account/confirm-email?", m.TextBody, StringComparison.Ordinal));
        AssertLinksOnlyToThePublicAddress(messages);
    }

    [Fact]
    public async Task A_reset_link_asked_for_with_a_foreign_host_goes_to_the_public_address()
    {
        var (_, professionalId) = await _app.SignedInProfessionalAsync();
        var email = await EmailOfAsync(professionalId);
        var client = Foreigner(_app.CreateBrowserLikeClient());

        var sent = await new SignUpDriver(client).SubmitAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var message = Assert.Single(await _app.Smtp.WaitForAsync(m => To(m, email) && m.Subject == "Reset your Registry password"));
        Assert.Contains($"{RegistryAppFactory.PublicUrl}/account/reset-password?", message.TextBody, StringComparison.Ordinal);
        AssertLinksOnlyToThePublicAddress([message]);
    }

    [Fact]
    public async Task A_new_email_confirmed_from_a_foreign_host_gets_a_link_on_the_public_address()
    {
        var (client, _) = await _app.SignedInProfessionalAsync();
        Foreigner(client);
        var newEmail = $"moved.{Guid.NewGuid():N}@example.org";

        var sent = await new SignUpDriver(client).SubmitAsync("/account/change-email", "/account/change-email", new Dictionary<string, string> { ["NewEmail"] = newEmail, ["CurrentPassword"] = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var message = Assert.Single(await _app.Smtp.WaitForAsync(m => To(m, newEmail)));
        Assert.Contains($"{RegistryAppFactory.PublicUrl}/account/confirm-email-change?", message.TextBody, StringComparison.Ordinal);
        AssertLinksOnlyToThePublicAddress([message]);
    }

    [Fact]
    public async Task Access_decisions_made_by_staff_on_a_foreign_host_link_to_the_public_address()
    {
        var (_, approvedId) = await _app.SignedInProfessionalAsync();
        var (_, deniedId) = await _app.SignedInProfessionalAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        await RequestAccessAsync(approvedId, $"Director {marker}");
        await RequestAccessAsync(deniedId, $"Owner {marker}");
        var (staff, _) = await _app.SignedInWithRoleAsync(Roles.RegistryStaff);
        Foreigner(staff);

        var queue = await staff.GetPageAsync("/staff/access-requests");
        var approve = FormOf(queue, $"Director {marker}", "/approve");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(approve)).StatusCode);
        queue = await staff.GetPageAsync("/staff/access-requests");
        var deny = FormOf(queue, $"Owner {marker}", "/deny");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostFormAsync(deny, values: new Dictionary<string, string> { ["reason"] = "The letter is not signed." })).StatusCode);

        var (approvedEmail, deniedEmail) = (await EmailOfAsync(approvedId), await EmailOfAsync(deniedId));
        var approved = Assert.Single(await _app.Smtp.WaitForAsync(m => To(m, approvedEmail)));
        var denied = Assert.Single(await _app.Smtp.WaitForAsync(m => To(m, deniedEmail)));
        Assert.Contains($"{RegistryAppFactory.PublicUrl}/access", approved.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{RegistryAppFactory.PublicUrl}/access", denied.TextBody, StringComparison.Ordinal);
        AssertLinksOnlyToThePublicAddress([approved, denied]);
    }

    [Fact]
    public async Task The_card_QR_code_the_calendar_file_the_certificate_and_the_check_in_code_use_the_public_address()
    {
        var (person, professionalId) = await _app.SignedInProfessionalAsync();
        var (manager, managerId) = await _app.SignedInProfessionalAsync();
        Foreigner(person);
        Foreigner(manager);
        var sponsorId = await _app.SponsorAsync(managerId);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var eventId = await _app.EventAsync(sponsorId, $"Block play {marker}", day: TestClock.Today);
        string registryId;
        int sessionId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            registryId = await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.RegistryId).SingleAsync();
            sessionId = await db.TrainingSessions.Where(s => s.EventId == eventId).Select(s => s.Id).SingleAsync();
            db.Attendance.Add(new Attendance(sessionId, professionalId, 3, 3, null, AttendanceSource.Roster, "seed", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        // The card's QR code: exactly the code of its check link (with its signed payload) on the public address.
        var cardLink = (await person.GetPageAsync("/my-registry/card")).QuerySelector("#card-check-link")!.GetAttribute("href")!;
        Assert.StartsWith("/credentials/card?c=", cardLink, StringComparison.Ordinal);
        using (var qr = await person.GetAsync(new Uri("/my-registry/card/qr.png", UriKind.Relative)))
        {
            Assert.Equal(Registry.Web.Infrastructure.Web.QrCodes.Png($"{RegistryAppFactory.PublicUrl}{cardLink}"), await qr.Content.ReadAsByteArrayAsync());
        }

        // The calendar file: each entry's address and identifier.
        using (var feed = await person.GetAsync(new Uri($"/training/calendar.ics?Q={marker}", UriKind.Relative)))
        {
            var ics = await feed.Content.ReadAsStringAsync();
            var entry = Assert.Single(Ical.Net.Calendar.Load(ics)!.Events);
            Assert.Equal(new Uri($"{RegistryAppFactory.PublicUrl}/training/events/{eventId}"), entry.Url);
            Assert.Equal($"registry-session-{sessionId}@registry.test", entry.Uid);
            Assert.DoesNotContain(Foreign, ics, StringComparison.Ordinal);
        }

        // The certificate's verification link, printed and downloaded.
        var certificate = await person.GetPageAsync($"/training/events/{eventId}/certificate");
        Assert.StartsWith($"{RegistryAppFactory.PublicUrl}/verify/{registryId}?certificate=", certificate.GetElementById("certificate-link")?.TextContent.Trim(), StringComparison.Ordinal);
        using (var download = await person.GetAsync(new Uri($"/training/events/{eventId}/certificate?download=true", UriKind.Relative)))
        {
            Assert.DoesNotContain(Foreign, await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The sponsor's check-in code: the address shown and the QR code of it.
        using (await manager.PostFormAsync(FormEndingWith(await manager.GetPageAsync($"/sponsors/events/{eventId}/attendance"), "/check-in")))
        {
        }

        var checkIn = await manager.GetPageAsync($"/sponsors/events/{eventId}/sessions/{sessionId}/check-in");
        var shown = checkIn.GetElementById("check-in-link")?.TextContent.Trim();
        Assert.StartsWith($"{RegistryAppFactory.PublicUrl}/training/check-in/", shown, StringComparison.Ordinal);
        using var code = await manager.GetAsync(new Uri($"/sponsors/events/{eventId}/sessions/{sessionId}/check-in.png", UriKind.Relative));
        Assert.Equal(Registry.Web.Infrastructure.Web.QrCodes.Png(shown!), await code.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Every request of the client names a host that is not the registry's.</summary>
    private static HttpClient Foreigner(HttpClient client)
    {
        client.DefaultRequestHeaders.Host = Foreign;
        return client;
    }

    private static bool To(MimeMessage message, string address) => message.To.Mailboxes.Any(a => a.Address == address);

    private static void AssertLinksOnlyToThePublicAddress(IEnumerable<MimeMessage> messages)
    {
        foreach (var message in messages)
        {
            var parts = new[] { message.TextBody ?? string.Empty, message.HtmlBody ?? string.Empty }
                .Concat(message.Headers.Select(h => h.Value));
            foreach (var part in parts)
            {
                Assert.DoesNotContain(Foreign, part, StringComparison.OrdinalIgnoreCase);
                var links = Link().Matches(part).Select(m => m.Value).ToList();
                Assert.All(links, link => Assert.StartsWith(RegistryAppFactory.PublicUrl + "/", link, StringComparison.Ordinal));
            }

            Assert.NotEmpty(Link().Matches(message.TextBody ?? string.Empty));
        }
    }

    private static IHtmlFormElement FormOf(IHtmlDocument queue, string position, string actionEnd)
    {
        var request = queue.QuerySelectorAll(".access-request").Single(r => r.TextContent.Contains(position, StringComparison.Ordinal));
        return queue.Forms.Single(f => f.Action.EndsWith(actionEnd, StringComparison.Ordinal) && request.Contains(f));
    }

    private static IHtmlFormElement FormEndingWith(IHtmlDocument page, string actionEnd) =>
        page.Forms.First(f => f.GetAttribute("action")!.EndsWith(actionEnd, StringComparison.Ordinal));

    /// <summary>A pending request for director access to the demo site 380500086 (made in the database; the form has its own tests).</summary>
    private async Task RequestAccessAsync(int professionalId, string position)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var userId = await db.Professionals.Where(p => p.Id == professionalId).Select(p => p.UserId).SingleAsync();
        var site = await db.Employers.Where(e => e.LicenseNumber == "380500086").Select(e => e.Id).SingleAsync();
        db.AccessRequests.Add(new AccessRequest(userId, position, false, [site], RandomNumberGenerator.GetHexString(32, lowercase: true), "letter.pdf", DocumentFileType.Pdf, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    private async Task<string> EmailOfAsync(int professionalId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Professionals.Where(p => p.Id == professionalId).Select(p => p.Email!).SingleAsync();
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+")]
    private static partial Regex Link();
}

/// <summary>The app with Production settings: the public address https://registry.test and an internal probe's host name.</summary>
public sealed class ProductionAppFactory : RegistryAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Site:AdditionalHosts"] = "registry-internal; 10.0.0.12",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

/// <summary>In Production the app answers only its public host (and the hosts listed in Site:AdditionalHosts).</summary>
public sealed class HostFilteringTests : IClassFixture<ProductionAppFactory>
{
    private readonly ProductionAppFactory _app;

    public HostFilteringTests(ProductionAppFactory app) => _app = app;

    [Theory]
    [InlineData(null, HttpStatusCode.OK)]
    [InlineData("registry.test", HttpStatusCode.OK)]
    [InlineData("REGISTRY.test:443", HttpStatusCode.OK)]
    [InlineData("registry-internal", HttpStatusCode.OK)]
    [InlineData("10.0.0.12:8080", HttpStatusCode.OK)]
    [InlineData("attacker.example", HttpStatusCode.BadRequest)]
    [InlineData("registry.test.attacker.example", HttpStatusCode.BadRequest)]
    [InlineData("localhost", HttpStatusCode.BadRequest)]
    public async Task Only_the_public_host_and_the_listed_ones_are_answered(string? host, HttpStatusCode expected)
    {
        using var client = _app.CreateClient();
        if (host is not null)
        {
            client.DefaultRequestHeaders.Host = host;
        }

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }
}
