using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Web.Data;
using Registry.Web.Infrastructure.Jobs;

namespace Registry.Web.Infrastructure.Rules;

public sealed class QualificationRebuildOptions
{
    public const string Section = "Qualifications";

    /// <summary>Whether this instance rebuilds stale summaries in the background (at start, hourly, and when woken).</summary>
    public bool RebuildInBackground { get; set; } = true;

    /// <summary>People worked out per transaction.</summary>
    public int BatchSize { get; set; } = 1000;
}

/// <summary>Wakes the rebuild at once (a site-wide change marked many summaries stale).</summary>
public sealed class QualificationRebuildSignal : WakeSignal;

/// <summary>How far a rebuild has come, for the banner pages show while results from other rule files are still on them.</summary>
public sealed class QualificationRebuildProgress
{
    private long _total;
    private long _done;

    public bool Running { get; private set; }

    /// <summary>Whether the rebuild is for new rule files (pages show the old results until it reaches each person).</summary>
    public bool NewRules { get; private set; }

    public long Total => Interlocked.Read(ref _total);

    public long Done => Interlocked.Read(ref _done);

    public void Start(long total, bool newRules)
    {
        Interlocked.Exchange(ref _total, total);
        Interlocked.Exchange(ref _done, 0);
        NewRules = newRules;
        Running = total > 0;
    }

    public void Add(long done) => Interlocked.Add(ref _done, done);

    public void Finish()
    {
        Running = false;
        NewRules = false;
    }
}

/// <summary>
/// Works out again every summary that no longer holds: none yet, other rule files, or a window
/// that moved (<see cref="Domain.Rules.QualificationSummary.RecomputeOn"/> reached), a batch per
/// transaction. A summary changed meanwhile by a save (fresher) is left as it is.
/// </summary>
public sealed class QualificationRebuilder(RegistryDbContext db, QualificationSummaries summaries, QualificationRebuildProgress progress, IOptions<QualificationRebuildOptions> options, ILogger<QualificationRebuilder> logger)
{
    /// <summary>Rebuilds the stale summaries (<paramref name="everyone"/>: every person's); returns how many were worked out.</summary>
    public async Task<long> RebuildAsync(bool everyone, CancellationToken ct)
    {
        var today = summaries.Today;
        var version = summaries.RulesVersion;
        var stale = everyone
            ? db.Professionals.AsNoTracking().Select(p => p.Id)
            : db.Professionals.AsNoTracking()
                .Where(p => !db.QualificationSummaries.Any(s => s.ProfessionalId == p.Id && s.RulesVersion == version && s.RecomputeOn > today))
                .Select(p => p.Id);
        var ids = await stale.OrderBy(id => id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return 0;
        }

        var newRules = await db.QualificationSummaries.AnyAsync(s => s.RulesVersion != version, ct);
        progress.Start(ids.Count, newRules);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long done = 0;
        try
        {
            foreach (var batch in ids.Chunk(Math.Max(1, options.Value.BatchSize)))
            {
                db.ChangeTracker.Clear();
                await summaries.StageAsync(db, batch, ct);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e)
                {
                    // A person's summary was saved meanwhile with their new facts: theirs is fresher; the next pass checks the rest.
                    logger.LogInformation(e, "A qualification summary changed while the rebuild worked on its batch; the next pass takes any left stale.");
                }

                done += batch.Length;
                progress.Add(batch.Length);
            }
        }
        finally
        {
            db.ChangeTracker.Clear();
            progress.Finish();
        }

        logger.LogInformation("Worked out {Count} qualification summaries in {Seconds:N1} s.", done, clock.Elapsed.TotalSeconds);
        return done;
    }
}

/// <summary>The background rebuild, one instance at a time (its lease): at start, every hour (so a new day's moved windows are taken), and when woken.</summary>
public sealed class QualificationSummaryRebuild(IServiceScopeFactory scopes, QualificationRebuildSignal signal, ILogger<QualificationSummaryRebuild> logger, IOptions<QualificationRebuildOptions> options)
    : LeasedWorker(scopes, signal, logger, LeaseName, "qualification summaries")
{
    public const string LeaseName = "qualification-summaries";

    protected override Task RunAsync(IServiceProvider services, CancellationToken ct) =>
        options.Value.RebuildInBackground ? services.GetRequiredService<QualificationRebuilder>().RebuildAsync(everyone: false, ct) : Task.CompletedTask;
}
