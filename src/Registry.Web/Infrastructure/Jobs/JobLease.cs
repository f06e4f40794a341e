using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;

namespace Registry.Web.Infrastructure.Jobs;

/// <summary>
/// Who runs a piece of scheduled work (a reminder job, the census) until when. Every instance
/// runs the same background services; the one that takes the lease does the period's work, the
/// others find it held and wait for the next period.
/// </summary>
public sealed class JobLease
{
    public const int MaxNameLength = 100;

    private JobLease()
    {
        Name = string.Empty;
        HeldBy = string.Empty;
    }

    public JobLease(string name, string heldBy, DateTimeOffset until)
    {
        Name = name;
        HeldBy = heldBy;
        Until = until;
    }

    public string Name { get; private set; }

    /// <summary>The instance (machine and process) that holds it.</summary>
    public string HeldBy { get; private set; }

    public DateTimeOffset Until { get; private set; }
}

/// <summary>Takes leases with a compare-and-set update, which exactly one instance wins on every provider.</summary>
public sealed class JobLeases(RegistryDbContext db, TimeProvider time)
{
    /// <summary>This process, as it names itself in the leases it holds.</summary>
    public static readonly string Instance = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>True when this instance now holds <paramref name="name"/> for <paramref name="period"/> (it was free or had expired).</summary>
    public async Task<bool> TryTakeAsync(string name, TimeSpan period, CancellationToken ct, string? holder = null)
    {
        holder ??= Instance;
        var now = time.GetUtcNow();
        var until = now + period;
        var taken = await db.JobLeases.Where(l => l.Name == name && l.Until <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.HeldBy, holder).SetProperty(l => l.Until, until), ct);
        if (taken == 1)
        {
            return true;
        }

        if (await db.JobLeases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }

        // The first time: whoever inserts the row holds it; the other insert fails on the key.
        db.JobLeases.Add(new JobLease(name, holder, until));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Gives the lease back early (the work is done), so the next instance that asks may take it at once.</summary>
    public async Task ReleaseAsync(string name, CancellationToken ct, string? holder = null)
    {
        holder ??= Instance;
        var now = time.GetUtcNow();
        await db.JobLeases.Where(l => l.Name == name && l.HeldBy == holder).ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, now), ct);
    }
}
