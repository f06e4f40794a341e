using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Email;

namespace Registry.IntegrationTests.Security;

/// <summary>
/// A reset or confirmation link works for days: the person gets it by email, and the outbox (and so
/// every database backup) keeps no copy of it once the message has gone.
/// </summary>
public sealed partial class OneTimeLinksTests : IClassFixture<MailAppFactory>
{
    private readonly MailAppFactory _app;

    public OneTimeLinksTests(MailAppFactory app) => _app = app;

    [Fact]
    public async Task The_reset_and_confirmation_codes_arrive_by_email_and_are_gone_from_the_outbox_after_sending()
    {
        var client = _app.CreateBrowserLikeClient();
        var email = $"once.{Guid.NewGuid():N}@example.org";
        var driver = new SignUpDriver(client);
        await driver.CompleteAsync(email);
        var confirmation = Assert.Single(await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email)));
        using (await client.GetAsync(new Uri(SignUpDriver.ConfirmationPath(confirmation), UriKind.Relative)))
        {
        }

        await driver.SubmitAsync("/account/forgot-password", "/account/forgot-password", new Dictionary<string, string> { ["Email"] = email });

        var received = await _app.Smtp.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == email), count: 2);
        var codes = received.Select(m => Code().Match(m.TextBody ?? string.Empty).Groups[1].Value).ToList();
        Assert.All(codes, code => Assert.True(code.Length > 20, "no code in the email"));

        var stored = await SentAsync(email, count: 2);
        Assert.Equal(["confirm-email", "reset-password"], stored.Select(m => m.Kind).Order());
        Assert.All(stored, m =>
        {
            Assert.Equal(OutboxMessage.RemovedAfterSending, m.TextBody);
            Assert.All(codes, code =>
            {
                Assert.DoesNotContain(code, m.TextBody, StringComparison.Ordinal);
                Assert.DoesNotContain(code, m.HtmlBody ?? string.Empty, StringComparison.Ordinal);
            });
        });
        Assert.Contains(stored, m => m.Subject == "Reset your Registry password");
    }

    /// <summary>The messages to <paramref name="email"/> once the outbox has recorded them sent (just after the SMTP exchange).</summary>
    private async Task<List<OutboxMessage>> SentAsync(string email, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == email && m.SentAt != null).ToListAsync();
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"[?&]code=([^&\s""]+)")]
    private static partial Regex Code();
}
