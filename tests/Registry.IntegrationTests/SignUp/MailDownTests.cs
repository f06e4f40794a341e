using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.SignUp;

/// <summary>
/// The SMTP server is down for the length of a burst of 50 sign-ups: every sign-up succeeds, no
/// email leaves while it is down, and once it is back every confirmation arrives exactly once and
/// confirms its account.
/// </summary>
public sealed class MailDownTests : IClassFixture<MailAppFactory>
{
    private const int Burst = 50;
    private readonly MailAppFactory _app;

    public MailDownTests(MailAppFactory app) => _app = app;

    [Fact]
    public async Task A_burst_of_sign_ups_while_SMTP_is_down_succeeds_and_each_confirmation_arrives_once_it_is_back()
    {
        await _app.Smtp.StopAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var emails = Enumerable.Range(1, Burst).Select(i => $"down.{run}.{i}@example.org").ToList();
        bool Ours(MimeKit.MimeMessage m) => m.To.Mailboxes.Any(a => emails.Contains(a.Address));

        // Five people at a time, as a training day's sign-up session would.
        var clients = new System.Collections.Concurrent.ConcurrentDictionary<string, HttpClient>();
        using (var gate = new SemaphoreSlim(5))
        {
            await Task.WhenAll(emails.Select(async email =>
            {
                await gate.WaitAsync();
                try
                {
                    var client = clients[email] = _app.CreateBrowserLikeClient();
                    var done = await new SignUpDriver(client).CompleteAsync(email);
                    Assert.Contains("created successfully", done.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        // The sender kept trying (a one-second first backoff): every confirmation gets failed attempts
        // on record, and none is given up. The last sign-ups' first attempts may still be on their way
        // on a busy machine, so wait for them (up to a minute) rather than for a fixed time.
        var (tried, givenUp) = await AttemptsAsync(emails, succeeded: false);
        for (var waited = 0; tried < Burst && waited < 60; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            (tried, givenUp) = await AttemptsAsync(emails, succeeded: false);
        }
        Assert.DoesNotContain(_app.Smtp.Received, Ours);
        Assert.Equal(Burst, tried);
        Assert.Equal(0, givenUp);

        _app.Smtp.Start();

        // Judged once the outbox is drained for these people (all sent, none in a sender's hands), not after a sleep:
        // one delivery per message id, and one message per person.
        await OutboxDrain.WaitAsync(DbAsync, emails, TimeSpan.FromSeconds(90));
        var received = _app.Smtp.Received.Where(Ours).ToList();
        OutboxDrain.AssertExactlyOnce(received, emails);
        Assert.Equal(Burst, received.Count);

        // One successful attempt each on record, whichever sender sent it.
        Assert.Equal(Burst, (await AttemptsAsync(emails, succeeded: true)).Messages);

        // Each one confirms its own account.
        foreach (var message in received)
        {
            var client = clients[message.To.Mailboxes.Single().Address];
            using var confirmed = await client.GetAsync(new Uri(SignUpDriver.ConfirmationPath(message), UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            Assert.Equal("/my-registry", confirmed.Headers.Location?.OriginalString);
        }
    }

    private async Task<T> DbAsync<T>(Func<RegistryDbContext, Task<T>> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    /// <summary>How many of these people's messages have an attempt with this outcome, and how many were given up.</summary>
    private async Task<(int Messages, int GivenUp)> AttemptsAsync(IReadOnlyList<string> emails, bool succeeded)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var ids = await db.OutboxMessages.Where(m => emails.Contains(m.ToAddress)).Select(m => m.Id).ToListAsync();
        var messages = await db.OutboxAttempts.Where(a => ids.Contains(a.MessageId) && a.Succeeded == succeeded).Select(a => a.MessageId).Distinct().CountAsync();
        var givenUp = await db.OutboxMessages.CountAsync(m => emails.Contains(m.ToAddress) && m.GaveUpAt != null);
        return (messages, givenUp);
    }
}
