using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Email;

namespace Registry.Web.Features.Access;

/// <summary>
/// Emails each person whose administrative access ends within <see cref="AccessOptions.RemindBefore"/>,
/// once per grant, through the outbox. Runs hourly in the background; <see cref="RunOnceAsync"/>
/// is what a test or an operator calls.
/// </summary>
public sealed class AccessReminders(RegistryDbContext db, AccountEmails emails, TimeProvider time, IOptions<AccessOptions> options) : Infrastructure.Jobs.IHourlyJob
{
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var soon = now.Add(options.Value.RemindBefore);
        var due = await db.AccessGrants
            .Where(g => g.RevokedAt == null && g.ReminderSentAt == null && g.ExpiresAt > now && g.ExpiresAt <= soon)
            .OrderBy(g => g.UserId)
            .Take(500)
            .ToListAsync(ct);
        foreach (var person in due.GroupBy(g => g.UserId))
        {
            var ids = person.Where(g => g.EmployerId is not null).Select(g => g.EmployerId!.Value).ToList();
            var names = await db.Employers.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.Id)).Select(e => e.Name).ToListAsync(ct);
            await emails.QueueAccessEndingAsync(person.Key, names.Count > 0 ? names : person.Select(g => g.County ?? g.Program ?? string.Empty).ToList(), person.Min(g => g.ExpiresAt));
            foreach (var grant in person)
            {
                grant.MarkReminded(now);
            }
        }

        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}
