using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Web.Data;
using Registry.Web.Domain.Workforce;
using Registry.Web.Infrastructure.Jobs;

namespace Registry.Web.Features.Workforce;

/// <summary>When scheduled census snapshots are taken: "Quarterly" (the default), "Monthly" or "Off".</summary>
public sealed class CensusOptions
{
    public const string Section = "Census";

    public string Schedule { get; set; } = "Quarterly";

    /// <summary>People read and written per slice: bounds memory and keeps each write short.</summary>
    public int SliceSize { get; set; } = 10_000;
}

/// <summary>Census snapshots as analysts and the public see them: listed, the latest published, published or withdrawn (taking them is <see cref="CensusTaking"/>).</summary>
public static class Snapshots
{
    public sealed record SnapshotRow(int Id, DateOnly AsOf, SnapshotKind Kind, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, int People, DateTimeOffset? PublishedAt);

    public sealed class Handler(RegistryDbContext db, TimeProvider time, IOptions<CensusOptions> options)
    {
        /// <summary>When snapshots are taken on their own (the census schedule).</summary>
        public string Schedule => options.Value.Schedule;

        public async Task<IReadOnlyList<SnapshotRow>> ListAsync(CancellationToken ct) =>
            (await db.CensusSnapshots.AsNoTracking()
                .Select(s => new SnapshotRow(s.Id, s.AsOf, s.Kind, s.StartedAt, s.CompletedAt, s.People, s.PublishedAt))
                .ToListAsync(ct))
            .OrderByDescending(s => s.AsOf).ThenByDescending(s => s.Id).ToList();

        /// <summary>The snapshot the public sees: the latest published (by the day it describes).</summary>
        public async Task<SnapshotRow?> LatestPublishedAsync(CancellationToken ct) =>
            (await ListAsync(ct)).FirstOrDefault(s => s.PublishedAt is not null && s.CompletedAt is not null);

        public async Task<bool> PublishAsync(int id, string userId, bool publish, CancellationToken ct)
        {
            var snapshot = await db.CensusSnapshots.SingleOrDefaultAsync(s => s.Id == id, ct);
            if (snapshot is not { IsComplete: true })
            {
                return false;
            }

            if (publish)
            {
                snapshot.Publish(userId, time.GetUtcNow());
            }
            else
            {
                snapshot.Unpublish();
            }

            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}

/// <summary>Wakes the census worker when someone asks for a snapshot, so it need not wait for the hour.</summary>
public sealed class CensusSignal : WakeSignal;

/// <summary>Takes due and requested snapshots in the background, one instance at a time (the census lease).</summary>
public sealed class CensusWorker(IServiceScopeFactory scopes, CensusSignal signal, ILogger<CensusWorker> logger)
    : LeasedWorker(scopes, signal, logger, LeaseName, "census")
{
    public const string LeaseName = "census";

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<CensusTaking>().RunDueAsync(ct);
}
