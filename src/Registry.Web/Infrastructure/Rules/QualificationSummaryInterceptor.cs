using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Registry.Web.Data;
using Registry.Web.Domain.Access;
using Registry.Web.Domain.Credentials;
using Registry.Web.Domain.Education;
using Registry.Web.Domain.Employers;
using Registry.Web.Domain.Employments;
using Registry.Web.Domain.Professionals;
using Registry.Web.Domain.Training;
using Registry.Web.Infrastructure.Web;

namespace Registry.Web.Infrastructure.Rules;

/// <summary>
/// Keeps <see cref="Domain.Rules.QualificationSummary"/> true in the same transaction as the change:
/// when a save adds, changes or removes a person's course, degree, permit, application, job or
/// training (or their profile, or a verification of any of these: a director confirming, a sponsor
/// posting hours, staff verifying), their summary is worked out again from the saved facts and
/// saved before the transaction commits (one is opened around the save when the caller has none).
/// A change to a site's rating date or a program's eligible sites does the same for the people
/// working there, up to <see cref="InlineLimit"/>; beyond that their summaries are marked stale and
/// the background rebuild takes them. Reads EF Core's change tracker, as the record history does;
/// the bulk moves of a merge call <see cref="QualificationSummaries"/> themselves.
/// </summary>
public sealed class QualificationSummaryInterceptor(QualificationSummaries summaries, QualificationRebuildSignal rebuild) : SaveChangesInterceptor
{
    /// <summary>How many people a site-wide change recomputes inline before leaving them to the rebuild.</summary>
    public const int InlineLimit = 2000;

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    private sealed class Pending
    {
        public HashSet<int> People { get; } = [];

        public List<Professional> Added { get; } = [];

        public HashSet<int> Sites { get; } = [];

        public IDbContextTransaction? Own { get; set; }

        public bool Busy { get; set; }

        public bool Any => People.Count > 0 || Added.Count > 0 || Sites.Count > 0;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not RegistryDbContext db || (_pending.TryGetValue(db, out var busy) && busy.Busy))
        {
            return result;
        }

        var pending = _pending.GetOrCreateValue(db);
        foreach (var entry in db.ChangeTracker.Entries().Where(CacheEvictionInterceptor.Changed))
        {
            Collect(entry, pending);
        }

        if (pending.Any && db.Database.CurrentTransaction is null)
        {
            pending.Own = await db.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not RegistryDbContext db || !_pending.TryGetValue(db, out var pending) || pending.Busy || !pending.Any)
        {
            return result;
        }

        pending.Busy = true;
        try
        {
            var people = pending.People.Concat(pending.Added.Select(p => p.Id)).ToHashSet();
            if (pending.Sites.Count > 0)
            {
                var sites = pending.Sites.ToList();
                var today = summaries.Today;
                var working = await db.Employments.AsNoTracking().Where(Employment.HeldOn(today))
                    .Where(e => e.EmployerId != null && EF.Parameter(sites).Contains(e.EmployerId.Value)).Select(e => e.ProfessionalId).Distinct().ToListAsync(cancellationToken);
                if (working.Count <= InlineLimit)
                {
                    people.UnionWith(working);
                }
                else
                {
                    await db.QualificationSummaries.Where(s => EF.Parameter(working).Contains(s.ProfessionalId))
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.RecomputeOn, today), cancellationToken);
                    rebuild.Notify();
                }
            }

            await summaries.StageAsync(db, people, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (pending.Own is { } own)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await EndAsync(db, pending);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && _pending.TryGetValue(db, out var pending) && !pending.Busy)
        {
            await EndAsync(db, pending);
        }
    }

    private async Task EndAsync(DbContext db, Pending pending)
    {
        if (pending.Own is { } own)
        {
            // Not committed (a failed save or summary): the caller's save is undone with it.
            await own.DisposeAsync();
        }

        _pending.Remove(db);
    }

    private static void Collect(EntityEntry entry, Pending pending)
    {
        switch (entry.Entity)
        {
            case Professional p when entry.State == EntityState.Added:
                pending.Added.Add(p);
                break;
            case Professional p:
                pending.People.Add(p.Id);
                break;
            case Course or Degree or Credential or PermitApplication or Employment or TrainingRecord:
                var key = entry.Property("ProfessionalId");
                if (key.CurrentValue is int now && now > 0)
                {
                    pending.People.Add(now);
                }

                if (entry.State == EntityState.Modified && key.OriginalValue is int before && before > 0)
                {
                    pending.People.Add(before);
                }

                break;
            case SiteRatingDate d:
                pending.Sites.Add(d.EmployerId);
                break;
            case StipendEligibleSite s:
                pending.Sites.Add(s.EmployerId);
                break;
        }
    }
}
