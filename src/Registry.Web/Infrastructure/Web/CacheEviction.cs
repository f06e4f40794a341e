using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Registry.Web.Domain.Calendar;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Domain.Workforce;

namespace Registry.Web.Infrastructure.Web;

/// <summary>
/// Evicts cached public pages when what they show is saved: any change to a licensed site
/// (the look-up), an event, its sessions or registrations (the calendar and event pages), a census
/// snapshot (the reports and map), or a person's name, consent, permits or training (their
/// verification page). Reads EF Core's change tracker, as the record history does; the few bulk
/// updates that bypass it evict their tags themselves (<see cref="IPublicPageCache"/>). Evicts when
/// the save lands and again when its transaction commits, so no request in between keeps the old page.
/// </summary>
public sealed class CacheEvictionInterceptor(IOutputCacheStore store) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EvictAsync(eventData.Context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await EvictAsync(eventData.Context, cancellationToken);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        EvictAsync(eventData.Context, CancellationToken.None, committed: true).AsTask().GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        EvictAsync(eventData.Context, cancellationToken, committed: true).AsTask();

    /// <summary>The tags a change to <paramref name="entry"/> makes stale.</summary>
    public static IEnumerable<string> TagsFor(EntityEntry entry) => entry.Entity switch
    {
        Employer => [CacheTags.Employers],
        TrainingEvent or TrainingSession or Registration => [CacheTags.Calendar],
        CensusSnapshot => [CacheTags.Workforce],
        Professional p => [CacheTags.Person(p.Id)],
        Credential c => [CacheTags.Person(c.ProfessionalId)],
        TrainingRecord t => [CacheTags.Person(t.ProfessionalId)],
        _ => [],
    };

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (Changed(entry))
            {
                foreach (var tag in TagsFor(entry))
                {
                    _pending.GetOrCreateValue(context).Add(tag);
                }
            }
        }
    }

    /// <summary>Added, changed or removed, or one of its owned parts (a verification, a schedule) replaced.</summary>
    public static bool Changed(EntityEntry entry) =>
        !entry.Metadata.IsOwned()
        && (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            || entry.References.Any(r => r.TargetEntry is { } owned && owned.Metadata.IsOwned() && owned.State is not EntityState.Unchanged and not EntityState.Detached));

    private async ValueTask EvictAsync(DbContext? context, CancellationToken ct, bool committed = false)
    {
        if (context is null || !_pending.TryGetValue(context, out var tags) || tags.Count == 0)
        {
            return;
        }

        var inTransaction = !committed && context.Database.CurrentTransaction is not null;
        foreach (var tag in tags.ToList())
        {
            await store.EvictByTagAsync(tag, ct);
        }

        // Inside a transaction the page is evicted again at its commit; then forgotten.
        if (!inTransaction)
        {
            tags.Clear();
        }
    }
}

/// <summary>Evicts public pages by tag, for the bulk updates that do not pass through the change tracker (a licensing import, a merge).</summary>
public interface IPublicPageCache
{
    Task EvictAsync(string tag, CancellationToken ct);
}

public sealed class PublicPageCache(IOutputCacheStore store) : IPublicPageCache
{
    public Task EvictAsync(string tag, CancellationToken ct) => store.EvictByTagAsync(tag, ct).AsTask();
}
