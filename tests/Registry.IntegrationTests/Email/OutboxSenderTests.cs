using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Infrastructure.Email;

namespace Registry.IntegrationTests.Email;

/// <summary>The outbox over a real SMTP exchange on loopback, against a real SQLite database.</summary>
#pragma warning disable CA1001 // The SMTP server is disposed in IAsyncLifetime.DisposeAsync.
public sealed class OutboxSenderTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly LoopbackSmtpServer _smtp = new();
    private readonly OutboxOptions _outbox = new() { BatchSize = 5 };
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_message_is_delivered_over_SMTP_with_its_sender_and_plain_text()
    {
        _smtp.Start();
        await EnqueueAsync(1);

        var sent = await SendDueAsync();

        Assert.Equal(1, sent);
        var message = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal("\"LoginSupport\" <loginsupport@registry.localhost>", message.From.ToString());
        Assert.Equal("maría.1@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("Confirme su correo 1", message.Subject);
        Assert.Contains("https://registry.example/confirm?1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://registry.example/confirm?1\">", message.HtmlBody, StringComparison.Ordinal);

        await using var db = _database.CreateContext();
        var stored = await db.OutboxMessages.SingleAsync();
        Assert.NotNull(stored.SentAt);
        Assert.Null(stored.ClaimToken);
        var attempt = await db.OutboxAttempts.SingleAsync();
        Assert.True(attempt.Succeeded);
    }

    [Fact]
    public async Task While_SMTP_is_down_nothing_is_lost_and_each_message_arrives_once_when_it_is_back()
    {
        await EnqueueAsync(3);

        Assert.Equal(0, await SendDueAsync());
        await using (var db = _database.CreateContext())
        {
            var waiting = await db.OutboxMessages.ToListAsync();
            Assert.All(waiting, m =>
            {
                Assert.Null(m.SentAt);
                Assert.Equal(1, m.AttemptCount);
                Assert.Equal(_database.Time.GetUtcNow() + _outbox.FirstBackoff, m.NextAttemptAt);
                Assert.NotNull(m.LastError);
            });
            Assert.Equal(3, await db.OutboxAttempts.CountAsync(a => !a.Succeeded));
        }

        // Not due yet: no new attempt before the backoff has passed.
        Assert.Equal(0, await SendDueAsync());
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(3, await db.OutboxAttempts.CountAsync());
        }

        _smtp.Start();
        _database.Time.Advance(_outbox.FirstBackoff);
        Assert.Equal(3, await SendDueAsync());
        Assert.Equal(0, await SendDueAsync());

        var received = await _smtp.WaitForAsync(3);
        Assert.Equal(3, received.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Retries_back_off_and_give_up_after_the_last_attempt()
    {
        _outbox.MaxAttempts = 3;
        await EnqueueAsync(1);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await SendDueAsync();
            _database.Time.Advance(_outbox.BackoffAfter(attempt));
        }

        await using var db = _database.CreateContext();
        var message = await db.OutboxMessages.SingleAsync();
        Assert.Equal(3, message.AttemptCount);
        Assert.NotNull(message.GaveUpAt);
        Assert.Equal(TimeSpan.FromSeconds(30), _outbox.BackoffAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(60), _outbox.BackoffAfter(2));
        Assert.Equal(TimeSpan.FromHours(1), _outbox.BackoffAfter(20));
    }

    [Fact]
    public async Task Two_app_instances_sending_at_once_deliver_each_message_exactly_once()
    {
        _smtp.Start();
        await EnqueueAsync(30);

        var results = await Task.WhenAll(
            Task.Run(() => SendDueAsync("instance-a")),
            Task.Run(() => SendDueAsync("instance-b")));

        Assert.Equal(30, results.Sum());
        var received = await _smtp.WaitForAsync(30);
        await Task.Delay(200);
        Assert.Equal(30, _smtp.Received.Count);
        Assert.Equal(30, received.Select(m => m.Subject).Distinct().Count());
        await using var db = _database.CreateContext();
        Assert.Equal(30, await db.OutboxAttempts.CountAsync(a => a.Succeeded));
    }

    [Fact]
    public async Task A_message_claimed_by_a_sender_that_died_is_sent_once_its_claim_expires()
    {
        _smtp.Start();
        await EnqueueAsync(1);
        await using (var db = _database.CreateContext())
        {
            var until = _database.Time.GetUtcNow() + _outbox.ClaimDuration;
            await db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, Guid.NewGuid()).SetProperty(m => m.ClaimedUntil, until));
        }

        Assert.Equal(0, await SendDueAsync());
        _database.Time.Advance(_outbox.ClaimDuration + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await SendDueAsync());
        Assert.Single(await _smtp.WaitForAsync(1));
    }

    [Fact]
    public async Task Without_an_SMTP_server_messages_are_written_as_eml_files()
    {
        var folder = Path.Combine(Path.GetTempPath(), "registry-tests", Guid.NewGuid().ToString("N"));
        var options = Options.Create(new EmailOptions { PickupFolder = folder });
        var transport = new PickupFolderEmailTransport(options, new FakeEnvironment(), _database.Time, NullLogger<PickupFolderEmailTransport>.Instance);
        await EnqueueAsync(1);

        await using (var db = _database.CreateContext())
        {
            var sender = new OutboxSender(db, transport, options, Options.Create(_outbox), _database.Time, NullLogger<OutboxSender>.Instance, []);
            Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
        }

        // One whole message and nothing beside it (it is written to a part file and renamed when whole).
        var file = Assert.Single(Directory.GetFiles(folder));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("Confirme su correo 1", message.Subject);
        Assert.Equal("María José Peña", message.To.Mailboxes.Single().Name);
        Assert.Contains("https://registry.example/confirm?1", message.TextBody, StringComparison.Ordinal);

        // Encoded for any mail program: beyond the (internationalised) address, the file is plain ASCII.
        var lines = await File.ReadAllLinesAsync(file);
        Assert.All(lines.Where(l => !l.StartsWith("To:", StringComparison.Ordinal)), line => Assert.True(line.All(char.IsAscii), line));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task An_address_the_server_refuses_is_given_up_at_once_and_recorded_until_a_message_to_it_is_delivered()
    {
        _smtp.Start();
        _smtp.Refused["maría.2@example.org"] = true;
        await EnqueueAsync(3);

        Assert.Equal(2, await SendDueAsync());

        await using (var db = _database.CreateContext())
        {
            var refused = await db.OutboxMessages.SingleAsync(m => m.ToAddress == "maría.2@example.org");
            Assert.NotNull(refused.GaveUpAt);
            Assert.Equal(1, refused.AttemptCount);
            Assert.Contains("550", refused.LastError, StringComparison.Ordinal);
            var recorded = await db.UndeliverableAddresses.SingleAsync();
            Assert.Equal("MARÍA.2@EXAMPLE.ORG", recorded.Address);
        }

        // The person fixed their mailbox: the next message is delivered and the record goes.
        _smtp.Refused.Clear();
        await using (var db = _database.CreateContext())
        {
            db.OutboxMessages.Add(new OutboxMessage("reset-password", "maría.2@example.org", null, "Again", "Again", null, _database.Time.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await SendDueAsync());
        await using (var db = _database.CreateContext())
        {
            Assert.Empty(await db.UndeliverableAddresses.ToListAsync());
        }
    }

    [Fact]
    public async Task A_persons_own_messages_go_before_announcements_waiting_in_the_queue()
    {
        _smtp.Start();
        await using (var db = _database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Registry.Web.Data.BulkInsert.RowsAsync<OutboxMessage>(db,
                [nameof(OutboxMessage.Kind), nameof(OutboxMessage.ToAddress), nameof(OutboxMessage.Subject), nameof(OutboxMessage.TextBody), nameof(OutboxMessage.CreatedAt), nameof(OutboxMessage.NextAttemptAt), nameof(OutboxMessage.AttemptCount), nameof(OutboxMessage.Priority)],
                Enumerable.Range(1, 8).Select(i => new object?[] { "news", $"many.{i}@example.org", $"News {i}", "News", _database.Time.GetUtcNow(), _database.Time.GetUtcNow(), 0, 1 }),
                CancellationToken.None);
            await transaction.CommitAsync();
        }

        await EnqueueAsync(1);
        await SendDueAsync();

        var received = await _smtp.WaitForAsync(9);
        Assert.Equal("Confirme su correo 1", received[0].Subject);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"News {i}"), received.Skip(1).Select(m => m.Subject));
    }

    [Fact]
    public async Task A_one_time_link_reaches_the_person_and_leaves_the_outbox_once_sent()
    {
        _smtp.Start();
        await EnqueueAsync(1);
        await using (var db = _database.CreateContext())
        {
            db.OutboxMessages.Add(new OutboxMessage("access-approved", "ana@example.org", null, "Approved", "Open https://registry.example/access", "<p>Approved</p>", _database.Time.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, await SendDueAsync());

        var received = await _smtp.WaitForAsync(2);
        Assert.Contains("https://registry.example/confirm?1", received.Single(m => m.Subject == "Confirme su correo 1").TextBody, StringComparison.Ordinal);
        await using (var db = _database.CreateContext())
        {
            var sent = await db.OutboxMessages.SingleAsync(m => m.Kind == "confirm-email");
            Assert.NotNull(sent.SentAt);
            Assert.Equal("Confirme su correo 1", sent.Subject);
            Assert.Equal(OutboxMessage.RemovedAfterSending, sent.TextBody);
            Assert.DoesNotContain("confirm?1", sent.HtmlBody, StringComparison.Ordinal);

            // A message without a secret keeps its body for support.
            Assert.Equal("Open https://registry.example/access", (await db.OutboxMessages.SingleAsync(m => m.Kind == "access-approved")).TextBody);
        }
    }

    [Fact]
    public async Task A_one_time_link_is_removed_when_the_outbox_gives_up_or_the_address_is_refused()
    {
        _outbox.MaxAttempts = 1;
        await EnqueueAsync(1);

        Assert.Equal(0, await SendDueAsync());

        _smtp.Start();
        _smtp.Refused["maría.2@example.org"] = true;
        await EnqueueAsync(2);
        await SendDueAsync();

        await using var db = _database.CreateContext();
        var messages = await db.OutboxMessages.OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(3, messages.Count);
        var givenUp = messages[0];
        var refused = messages.Single(m => m.ToAddress == "maría.2@example.org");
        Assert.All(new[] { givenUp, refused }, m =>
        {
            Assert.NotNull(m.GaveUpAt);
            Assert.Null(m.SentAt);
            Assert.Equal(OutboxMessage.RemovedAfterGivingUp, m.TextBody);
            Assert.DoesNotContain("registry.example/confirm", m.HtmlBody, StringComparison.Ordinal);
        });
    }

    private async Task EnqueueAsync(int count)
    {
        await using var db = _database.CreateContext();
        for (var i = 1; i <= count; i++)
        {
            db.OutboxMessages.Add(new OutboxMessage(
                "confirm-email",
                $"maría.{i}@example.org",
                "María José Peña",
                $"Confirme su correo {i}",
                $"Abra https://registry.example/confirm?{i} para confirmar su correo electrónico.",
                $"<p><a href=\"https://registry.example/confirm?{i}\">Confirmar</a></p>",
                _database.Time.GetUtcNow()));
        }

        await db.SaveChangesAsync();
    }

    private async Task<int> SendDueAsync(string senderId = "test")
    {
        await using var db = _database.CreateContext();
        var email = Options.Create(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = _smtp.Port, SmtpSecurity = SecureSocketOptions.None, SmtpTimeoutSeconds = 5 });
        var sender = new OutboxSender(db, new MailKitEmailTransport(email), email, Options.Create(_outbox), _database.Time, NullLogger<OutboxSender>.Instance, [])
        {
            SenderId = senderId,
        };
        return await sender.SendDueAsync(CancellationToken.None);
    }

    private sealed class FakeEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "Registry.Web";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
