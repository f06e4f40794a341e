using Microsoft.EntityFrameworkCore;
using MimeKit;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Infrastructure;

/// <summary>
/// "Exactly once" judged when it can be: after the outbox is drained for the recipients (every
/// message sent or given up, none claimed by a sender), never after a fixed sleep; then each
/// message id and each recipient is counted in what the SMTP server received.
/// </summary>
public static class OutboxDrain
{
    /// <summary>Waits until every outbox message to <paramref name="recipients"/> is sent or given up and none is in a sender's hands.</summary>
    public static async Task WaitAsync(Func<Func<RegistryDbContext, Task<int>>, Task<int>> query, IReadOnlyCollection<string> recipients, TimeSpan timeout)
    {
        var list = recipients.ToList();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var open = await query(db => db.OutboxMessages.CountAsync(m => list.Contains(m.ToAddress)
                && ((m.SentAt == null && m.GaveUpAt == null) || (m.ClaimToken != null && m.ClaimedUntil > now))));
            if (open == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{open} messages to these {list.Count} recipients still not sent after {timeout}.");
            await Task.Delay(200);
        }
    }

    /// <summary>Asserts that each of <paramref name="messages"/> arrived once: one delivery per message id, and <paramref name="perRecipient"/> per recipient.</summary>
    public static void AssertExactlyOnce(IEnumerable<MimeMessage> messages, IReadOnlyCollection<string> recipients, int perRecipient = 1)
    {
        var ours = messages.Where(m => m.To.Mailboxes.Any(a => recipients.Contains(a.Address))).ToList();
        var twice = ours.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        Assert.True(twice.Count == 0, "Delivered more than once: " + string.Join(", ", twice));
        var byRecipient = ours.SelectMany(m => m.To.Mailboxes.Select(a => a.Address)).Where(recipients.Contains).GroupBy(a => a, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var wrong = recipients.Where(r => byRecipient.GetValueOrDefault(r) != perRecipient).Select(r => $"{r}: {byRecipient.GetValueOrDefault(r)}").ToList();
        Assert.True(wrong.Count == 0, $"Each recipient should have {perRecipient}: " + string.Join(", ", wrong));
    }
}
