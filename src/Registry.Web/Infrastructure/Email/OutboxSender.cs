using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Registry.Web.Data;

namespace Registry.Web.Infrastructure.Email;

/// <summary>
/// Sends what is in the outbox. Each message is claimed with a compare-and-set update (it
/// succeeds for exactly one sender, on SQLite and SQL Server alike), so several app instances
/// behind a load balancer never send the same message twice; a claim expires, so a sender that
/// dies mid-send never strands a message. Failures are recorded and retried with backoff.
/// </summary>
public sealed class OutboxSender(
    RegistryDbContext db,
    IEmailTransport transport,
    IOptions<EmailOptions> emailOptions,
    IOptions<OutboxOptions> outboxOptions,
    TimeProvider time,
    ILogger<OutboxSender> logger,
    IEnumerable<IOutboxTemplate> templates)
{
    private readonly Dictionary<string, IOutboxTemplate> _templates = templates.ToDictionary(t => t.Kind);
    private static readonly Lock Pace = new();
    private static long _nextSendTicks;

    /// <summary>This process, as named in each attempt it records.</summary>
    public static readonly string ProcessSenderId = $"{Environment.MachineName}/{Environment.ProcessId}";

    public string SenderId { get; init; } = ProcessSenderId;

    /// <summary>Sends every message that is due now, one batch at a time. Returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var options = outboxOptions.Value;
        var sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var due = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.SentAt == null && m.GaveUpAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .OrderBy(m => m.Priority).ThenBy(m => m.Id)
                .Select(m => m.Id)
                .Take(options.BatchSize)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return sent;
            }

            var claimedAny = false;
            foreach (var id in due)
            {
                if (await TryClaimAsync(id, cancellationToken) is { } message)
                {
                    claimedAny = true;
                    sent += await SendAsync(message, cancellationToken) ? 1 : 0;
                }
            }

            if (!claimedAny)
            {
                return sent;
            }
        }

        return sent;
    }

    private async Task<OutboxMessage?> TryClaimAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = Guid.NewGuid();
        var until = now + outboxOptions.Value.ClaimDuration;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && m.GaveUpAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        if (claimed != 1)
        {
            return null;
        }

        return await db.OutboxMessages.SingleAsync(m => m.Id == id && m.ClaimToken == token, cancellationToken);
    }

    private async Task<bool> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var options = outboxOptions.Value;
        bool succeeded;
        var rejected = false;
        string? error = null;
        try
        {
            var mime = await ToMimeAsync(message, cancellationToken);
            await PaceAsync(options.MessagesPerSecond, cancellationToken);
            await transport.SendAsync(mime, cancellationToken);
            succeeded = true;
        }
        catch (RecipientRejectedException refused)
        {
            succeeded = false;
            rejected = true;
            error = $"{nameof(RecipientRejectedException)}: {refused.Message}";
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            succeeded = false;
            error = $"{exception.GetType().Name}: {exception.Message}";
        }

        var now = time.GetUtcNow();
        if (succeeded)
        {
            message.MarkSent(now);
            Web.RegistryMetrics.OutboxSent.Add(1);
            logger.LogInformation("Outbox message {MessageId} ({Kind}) sent", message.Id, message.Kind);
            var address = UndeliverableAddress.Normalize(message.ToAddress);
            await db.UndeliverableAddresses.Where(a => a.Address == address).ExecuteDeleteAsync(CancellationToken.None);
        }
        else if (rejected)
        {
            // Refused for good: no retries, and the owner is asked to fix the address.
            message.MarkRejected(error!, now);
            Web.RegistryMetrics.OutboxRefused.Add(1);
            var address = UndeliverableAddress.Normalize(message.ToAddress);
            if (!await db.UndeliverableAddresses.AnyAsync(a => a.Address == address, CancellationToken.None))
            {
                db.UndeliverableAddresses.Add(new UndeliverableAddress(address, error!, now));
            }

            logger.LogWarning("Outbox message {MessageId} ({Kind}): the address was refused; not trying again", message.Id, message.Kind);
        }
        else
        {
            message.MarkFailed(error!, now, options.BackoffAfter(message.AttemptCount + 1), options.MaxAttempts);
            Web.RegistryMetrics.OutboxFailed.Add(1);
            // The error's type only: a server's message may quote the address (no personal data in logs).
            logger.LogWarning("Outbox message {MessageId} ({Kind}) not sent, attempt {Attempt}: {ErrorType}", message.Id, message.Kind, message.AttemptCount, error!.Split(':')[0]);
        }

        db.OutboxAttempts.Add(new OutboxAttempt(message.Id, SenderId, now, succeeded, error));

        // Recorded even when the app is stopping: a sent message must not be sent again.
        await db.SaveChangesAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        return succeeded;
    }

    /// <summary>Keeps to <paramref name="perSecond"/> messages a second (wall-clock time: the pace is for the mail service).</summary>
    private static async Task PaceAsync(double perSecond, CancellationToken ct)
    {
        if (perSecond <= 0)
        {
            return;
        }

        var interval = (long)(System.Diagnostics.Stopwatch.Frequency / perSecond);
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        long slot;
        lock (Pace)
        {
            // One pace per process, shared by every sender in it.
            slot = Math.Max(_nextSendTicks, now);
            _nextSendTicks = slot + interval;
        }

        if (slot > now)
        {
            await Task.Delay(TimeSpan.FromSeconds((slot - now) / (double)System.Diagnostics.Stopwatch.Frequency), ct);
        }
    }

    private async Task<MimeMessage> ToMimeAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.AnnouncementId is not null && _templates.TryGetValue(message.Kind, out var template))
        {
            var (text, html) = await template.WriteAsync(message, ct);
            return ToMime(message, text, html);
        }

        return ToMime(message, message.TextBody, message.HtmlBody);
    }

    private MimeMessage ToMime(OutboxMessage message, string textBody, string? htmlBody)
    {
        var settings = emailOptions.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? string.Empty, message.ToAddress));
        mime.Subject = message.Subject;
        mime.MessageId = $"outbox-{message.Id}-{message.CreatedAt.ToUnixTimeSeconds()}@{settings.FromAddress.Split('@').Last()}";
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var body = new BodyBuilder { TextBody = textBody, HtmlBody = htmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }
}

/// <summary>
/// Writes the body of messages queued without one (an announcement's: one text, many recipients)
/// at sending time, for messages of its <see cref="Kind"/>.
/// </summary>
public interface IOutboxTemplate
{
    string Kind { get; }

    Task<(string Text, string? Html)> WriteAsync(OutboxMessage message, CancellationToken ct);
}

/// <summary>Wakes the outbox sender as soon as a message is written, instead of at the next poll.</summary>
public sealed class OutboxSignal : Jobs.WakeSignal;

/// <summary>The background service that runs the <see cref="OutboxSender"/> in every app instance.</summary>
public sealed class OutboxBackgroundService(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    ILogger<OutboxBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(stoppingToken);
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                Web.RegistryMetrics.SetOutboxWaiting(await db.OutboxMessages.LongCountAsync(m => m.SentAt == null && m.GaveUpAt == null, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The sender must survive any failure (a database restart) and try again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                logger.LogError(exception, "The outbox sender failed; it will try again");
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
