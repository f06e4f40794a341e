using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Messages;
using Registry.Web.Infrastructure.Email;

namespace Registry.Web.Features.Messages;

/// <summary>
/// A Child Development Permit expiring in 90 days, and again in 30, gets its holder a reminder
/// (a "deadlines" message: not sent to those who turned them off), once per stage, unless a later
/// permit of the same kind is already recorded. Runs hourly; a stage reached late (a permit
/// entered 20 days before it expires) sends only that stage.
/// </summary>
public sealed class PermitReminders(RegistryDbContext db, AccountEmails emails, TimeProvider time, Infrastructure.Web.PublicAddress site) : Infrastructure.Jobs.IHourlyJob
{
    public const string Name = "permit-expiry";
    public const int Batch = 1_000;
    public static readonly int[] Stages = [90, 30];

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var horizon = today.AddDays(Stages.Max());
        var candidates = await db.Credentials.AsNoTracking()
            .Where(c => c.Type >= CredentialType.ChildDevelopmentAssistantPermit && c.Type <= CredentialType.ChildDevelopmentProgramDirectorPermit
                && c.ExpiresOn != null && c.ExpiresOn >= today && c.ExpiresOn <= horizon
                && !db.Credentials.Any(n => n.ProfessionalId == c.ProfessionalId && n.Type == c.Type && n.ExpiresOn > c.ExpiresOn))
            .Select(c => new { c.Id, c.ProfessionalId, c.Type, Expires = c.ExpiresOn!.Value })
            .OrderBy(c => c.Id)
            .ToListAsync(ct);
        var ids = candidates.Select(c => c.Id).ToList();
        var sent = (await db.RemindersSent.AsNoTracking().Where(r => r.Reminder == Name && EF.Parameter(ids).Contains(r.SubjectId)).Select(r => new { r.SubjectId, r.Stage }).ToListAsync(ct))
            .Select(r => (r.SubjectId, r.Stage)).ToHashSet();
        var due = candidates
            .Select(c => (Permit: c, Stage: Stages.Where(s => c.Expires.DayNumber - today.DayNumber <= s).Min()))
            .Where(d => !sent.Contains((d.Permit.Id, d.Stage)))
            .Take(Batch)
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var people = due.Select(d => d.Permit.ProfessionalId).Distinct().ToList();
        var accounts = await db.Professionals.AsNoTracking().Where(p => EF.Parameter(people).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.UserId, ct);
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var (permit, stage) in due)
        {
            var days = permit.Expires.DayNumber - today.DayNumber;
            if (await emails.QueueNoticeAsync(accounts[permit.ProfessionalId], Name, (t, culture) =>
                (t["Your {0} expires in {1} days", t["Credential" + permit.Type].Value, days],
                 [t["Your {0} expires on {1}. Renew it with the Commission on Teacher Credentialing before then, and add the renewed permit to your record.", t["Credential" + permit.Type].Value, permit.Expires.ToString("D", culture)]],
                 t["Open my permits"]),
                site.Link("/my-registry/permits"), MessageKind.Deadlines))
            {
                queued++;
            }

            // Declined or sent, this stage is done: turning reminders back on does not bring old ones.
            db.RemindersSent.Add(new ReminderSent(Name, permit.Id, stage, now));
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }
}
