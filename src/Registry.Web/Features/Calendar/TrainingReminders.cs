using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Calendar;
using Registry.Web.Infrastructure.Email;

namespace Registry.Web.Features.Calendar;

/// <summary>
/// The day before an event starts, each registered person gets a reminder through the outbox, in
/// their language, once. Runs hourly in the background; <see cref="RunOnceAsync"/> is what a test
/// or an operator calls.
/// </summary>
public sealed class TrainingReminders(RegistryDbContext db, AccountEmails emails, TimeProvider time, Infrastructure.Web.PublicAddress site) : Infrastructure.Jobs.IHourlyJob
{
    public const int Batch = 1_000;

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var tomorrow = DateOnly.FromDateTime(time.GetLocalNow().DateTime).AddDays(1);
        var due = await db.Registrations
            .Where(r => r.Status == RegistrationStatus.Registered && r.ReminderSentAt == null
                && db.TrainingEvents.Any(e => e.Id == r.EventId && e.Status == TrainingEventStatus.Published && e.FirstDay == tomorrow))
            .OrderBy(r => r.Id).Take(Batch).ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var eventIds = due.Select(r => r.EventId).Distinct().ToList();
        var events = await db.TrainingEvents.AsNoTracking().Include(e => e.Sessions).Where(e => EF.Parameter(eventIds).Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var people = due.Select(r => r.ProfessionalId).Distinct().ToList();
        var accounts = await db.Professionals.AsNoTracking().Where(p => EF.Parameter(people).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.UserId, ct);
        var now = time.GetUtcNow();
        foreach (var registration in due)
        {
            var e = events[registration.EventId];
            var first = e.Sessions.OrderBy(s => s.Day).ThenBy(s => s.Starts).First();
            var where = e.IsOnline ? null : $"{e.Address}, {e.City}";
            await emails.QueueNoticeAsync(accounts[registration.ProfessionalId], "event-reminder", (t, culture) =>
                (t["Tomorrow: {0}", e.Title], [t["{0} starts tomorrow, {1} at {2}.", e.Title, first.Day.ToString("D", culture), first.Starts.ToString("t", culture)], where is null ? t["It is online."] : t["Where: {0}", where]], t["See the event"]),
                site.Link("/training/events/" + e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            registration.MarkReminded(now);
        }

        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}
