using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.Messages;

namespace Registry.Web.Features.Announcements;

/// <summary>Sending a written announcement now or at a time (the queue worker takes it from there), taking it back, or deleting it.</summary>
public sealed class AnnouncementSending(RegistryDbContext db, TimeProvider time, AnnouncementSignal signal)
{
    /// <summary>Sends at <paramref name="at"/>, or now; the queue worker takes it from there.</summary>
    public async Task ScheduleAsync(Announcement announcement, DateTimeOffset? at, CancellationToken ct)
    {
        announcement.Schedule(at ?? time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }

    public async Task UnscheduleAsync(Announcement announcement, CancellationToken ct)
    {
        announcement.Unschedule();
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Announcement announcement, CancellationToken ct)
    {
        db.Announcements.Remove(announcement);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The local date and time a person typed, as an instant (the registry's time zone), or null.</summary>
    public DateTimeOffset? ParseLocal(string? date, string? at)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !TimeOnly.TryParseExact(at, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time0))
        {
            return null;
        }

        var local = day.ToDateTime(time0, DateTimeKind.Unspecified);
        var zone = time.LocalTimeZone;
        return zone.IsInvalidTime(local) ? null : new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public DateTimeOffset Now => time.GetUtcNow();
}
