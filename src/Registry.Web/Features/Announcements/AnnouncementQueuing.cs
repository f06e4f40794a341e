using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Registry.Web.Data;
using Registry.Web.Domain.Messages;
using Registry.Web.Infrastructure.Email;

namespace Registry.Web.Features.Announcements;

/// <summary>Wakes the queue worker when an announcement is sent now, instead of at its next look.</summary>
public sealed class AnnouncementSignal : Infrastructure.Jobs.WakeSignal;

/// <summary>
/// Turns a due announcement into a notice and an outbox message per person, in batches of
/// <see cref="BatchSize"/> people in id order, each batch one transaction that also moves the
/// announcement's cursor: a restart resumes where it stopped, and nobody is queued twice. An
/// instance holds an announcement with a lease, so two instances never queue the same one.
/// The messages carry no body: <see cref="AnnouncementTemplate"/> writes it at sending time.
/// </summary>
public sealed class AnnouncementQueuing(RegistryDbContext db, TimeProvider time, UnsubscribeLinks links, Infrastructure.Web.PublicAddress site, ILogger<AnnouncementQueuing> logger)
{
    public const string Kind = "announcement";
    public const int BatchSize = 5_000;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly string[] RecipientColumns = [nameof(AnnouncementRecipient.AnnouncementId), nameof(AnnouncementRecipient.ProfessionalId), nameof(AnnouncementRecipient.Language), nameof(AnnouncementRecipient.Emailed)];

    private static readonly string[] MessageColumns =
    [
        nameof(OutboxMessage.Kind), nameof(OutboxMessage.ToAddress), nameof(OutboxMessage.Subject), nameof(OutboxMessage.TextBody), nameof(OutboxMessage.CreatedAt),
        nameof(OutboxMessage.NextAttemptAt), nameof(OutboxMessage.AttemptCount), nameof(OutboxMessage.Priority), nameof(OutboxMessage.AnnouncementId),
        nameof(OutboxMessage.Language), nameof(OutboxMessage.UnsubscribeUrl),
    ];

    /// <summary>Queues every announcement that is due (or was left half-queued by an instance that stopped). Returns how many people were queued.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var queued = 0;
        while (!ct.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var due = (await db.Announcements.AsNoTracking()
                    .Where(a => (a.Status == AnnouncementStatus.Scheduled) || (a.Status == AnnouncementStatus.Queuing))
                    .Select(a => new { a.Id, a.Status, a.ScheduledFor, a.LeaseUntil })
                    .ToListAsync(ct))
                .Where(a => a.Status == AnnouncementStatus.Scheduled ? a.ScheduledFor <= now : a.LeaseUntil is null || a.LeaseUntil < now)
                .OrderBy(a => a.ScheduledFor)
                .FirstOrDefault();
            if (due is null || !await ClaimAsync(due.Id, now, ct))
            {
                return queued;
            }

            queued += await QueueAsync(due.Id, ct);
        }

        return queued;
    }

    private async Task<bool> ClaimAsync(int id, DateTimeOffset now, CancellationToken ct)
    {
        var until = now + Lease;
        // Compare-and-set: exactly one instance moves it to Queuing (or takes over an expired lease).
        var claimed = await db.Announcements
            .Where(a => a.Id == id && (a.Status == AnnouncementStatus.Scheduled || (a.Status == AnnouncementStatus.Queuing && (a.LeaseUntil == null || a.LeaseUntil < now))))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AnnouncementStatus.Queuing).SetProperty(a => a.LeaseUntil, until), ct);
        if (claimed == 1)
        {
            await db.Announcements.Where(a => a.Id == id && a.QueuingStartedAt == null).ExecuteUpdateAsync(s => s.SetProperty(a => a.QueuingStartedAt, now), ct);
        }

        return claimed == 1;
    }

    private async Task<int> QueueAsync(int id, CancellationToken ct)
    {
        var announcement = await db.Announcements.AsNoTracking().SingleAsync(a => a.Id == id, ct);
        if (announcement.QueueCursor == 0 && !await AuthorStillHoldsScopeAsync(announcement, ct))
        {
            // A director's grant or a sponsor membership lapsed before its scheduled time: back to a draft, nothing sent.
            await db.Announcements.Where(a => a.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AnnouncementStatus.Draft).SetProperty(a => a.ScheduledFor, (DateTimeOffset?)null).SetProperty(a => a.LeaseUntil, (DateTimeOffset?)null).SetProperty(a => a.QueuingStartedAt, (DateTimeOffset?)null), ct);
            logger.LogWarning("Announcement {AnnouncementId} not sent: its author no longer holds its scope", id);
            return 0;
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var people = Announcing.People(db, announcement.ScopeEmployerId, announcement.ScopeSponsorId, announcement.Audience, today)
            .Where(p => !db.MessageOptOuts.Any(o => o.UserId == p.UserId && o.Kind == announcement.Kind));
        var english = announcement.In("en");
        var spanish = announcement.In("es");
        var unsubscribeBase = site.Link("/unsubscribe?token=");
        var cursor = announcement.QueueCursor;
        var total = announcement.RecipientCount;
        while (true)
        {
            var batch = await people.Where(p => p.Id > cursor).OrderBy(p => p.Id).Take(BatchSize)
                .Select(p => new
                {
                    p.Id, p.UserId, p.PreferredLanguage,
                    Email = db.Users.Where(u => u.Id == p.UserId && u.EmailConfirmed).Select(u => u.Email).FirstOrDefault(),
                })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            var now = time.GetUtcNow();
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await BulkInsert.RowsAsync<AnnouncementRecipient>(db, RecipientColumns,
                    batch.Select(p => new object?[] { id, p.Id, announcement.In(p.PreferredLanguage).Language, p.Email is not null }), ct);
                await BulkInsert.RowsAsync<OutboxMessage>(db, MessageColumns,
                    batch.Where(p => p.Email is not null).Select(p =>
                    {
                        var text = p.PreferredLanguage == "es" ? spanish : english;
                        return new object?[]
                        {
                            Kind, p.Email, text.Subject, string.Empty, now, now, 0, 1, id, text.Language,
                            unsubscribeBase + Uri.EscapeDataString(links.Token(p.UserId, announcement.Kind, id)),
                        };
                    }), ct);
                cursor = batch[^1].Id;
                total += batch.Count;
                var held = await db.Announcements.Where(a => a.Id == id && a.Status == AnnouncementStatus.Queuing)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.QueueCursor, cursor).SetProperty(a => a.RecipientCount, total).SetProperty(a => a.LeaseUntil, now + Lease), ct);
                if (held != 1)
                {
                    return 0;
                }

                await transaction.CommitAsync(ct);
            }

            logger.LogInformation("Announcement {AnnouncementId}: {Count} people queued so far", id, total);
        }

        var done = time.GetUtcNow();
        await db.Announcements.Where(a => a.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AnnouncementStatus.Sent).SetProperty(a => a.QueuedAt, done).SetProperty(a => a.LeaseUntil, (DateTimeOffset?)null), ct);
        logger.LogInformation("Announcement {AnnouncementId} queued for {Count} people", id, total);
        return total - announcement.RecipientCount;
    }

    /// <summary>A director's or sponsor's announcement goes only while its author still directs the site or manages the sponsor's events.</summary>
    private async Task<bool> AuthorStillHoldsScopeAsync(Announcement a, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (a.ScopeEmployerId is { } site)
        {
            return await db.AccessGrants.Where(Domain.Access.AccessGrant.ActiveAt(now)).AnyAsync(g => g.UserId == a.AuthorUserId && g.Role == Domain.Access.AccessRole.SiteDirector && g.EmployerId == site, ct);
        }

        if (a.ScopeSponsorId is { } sponsor)
        {
            return await db.SponsorMembers.AnyAsync(m => m.UserId == a.AuthorUserId && m.SponsorId == sponsor && m.ApprovedAt != null && (m.Role == Domain.Calendar.SponsorRole.Manager || m.CanManageEvents), ct);
        }

        return true;
    }
}

/// <summary>Runs the <see cref="AnnouncementQueuing"/> every 30 seconds, and at once when an announcement is sent now.</summary>
public sealed class AnnouncementWorker(IServiceScopeFactory scopes, AnnouncementSignal signal, Infrastructure.Email.OutboxSignal outbox, ILogger<AnnouncementWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<AnnouncementQueuing>().RunDueAsync(stoppingToken) > 0)
                {
                    outbox.Notify();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Queuing announcements failed; trying again shortly");
            }

            try
            {
                await signal.WaitAsync(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>
/// Writes an announcement's email when the outbox sends it: the text in the message's language, a
/// link to the notice in My Registry, and the one-click unsubscribe line.
/// </summary>
public sealed class AnnouncementTemplate(RegistryDbContext db, IStringLocalizer<SharedResource> t, Infrastructure.Web.PublicAddress site) : IOutboxTemplate
{
    private readonly Dictionary<int, Announcement?> _announcements = [];

    public string Kind => AnnouncementQueuing.Kind;

    public async Task<(string Text, string? Html)> WriteAsync(OutboxMessage message, CancellationToken ct)
    {
        var id = message.AnnouncementId!.Value;
        if (!_announcements.TryGetValue(id, out var announcement))
        {
            announcement = await db.Announcements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
            _announcements[id] = announcement;
        }

        if (announcement is null)
        {
            throw new InvalidOperationException($"Announcement {id} is gone.");
        }

        var (_, body, language) = announcement.In(message.Language);
        var culture = new CultureInfo(language);
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            var notice = site.Link("/my-registry/notices/" + id.ToString(CultureInfo.InvariantCulture));
            var readIt = t["You can also read this in My Registry: {0}", notice].Value;
            var stop = t["To stop these messages ({0}), open {1}", t["MessageKind" + announcement.Kind].Value, message.UnsubscribeUrl ?? string.Empty].Value;
            var paragraphs = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var text = new StringBuilder();
            var html = new StringBuilder($"<!DOCTYPE html><html lang=\"{language}\"><body style=\"font-family:sans-serif\">");
            foreach (var paragraph in paragraphs)
            {
                text.AppendLine(paragraph).AppendLine();
                html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
            }

            text.AppendLine(readIt).AppendLine().AppendLine(stop).AppendLine().AppendLine("— Registry");
            html.Append("<p>").Append(WebUtility.HtmlEncode(readIt)).Append("</p><p>").Append(WebUtility.HtmlEncode(stop)).Append("</p><p>— Registry</p></body></html>");
            return (text.ToString(), html.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }
}
