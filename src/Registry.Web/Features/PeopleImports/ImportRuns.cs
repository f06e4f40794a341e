using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Registry.Web.Data;
using Registry.Web.Domain.BulkLoads;

namespace Registry.Web.Features.PeopleImports;

/// <summary>
/// Imports started from the staff page run in the background, one at a time, in the instance that
/// received the files (kept in a folder of their own until the run ends); the page shows the run's
/// progress from its <see cref="PeopleImport"/> row.
/// </summary>
public sealed class ImportRuns(ILogger<ImportRuns> logger)
{
    private readonly Channel<(int ImportId, string Folder, IReadOnlyList<ImportFile> Files, string Language)> _queue = Channel.CreateUnbounded<(int, string, IReadOnlyList<ImportFile>, string)>();

    /// <summary>Where uploads wait for their run.</summary>
    /// <summary>Stored as written, and shown through the localizer in the reader's language.</summary>
    public const string Failed = "The import stopped with an error (the log has it). People saved before it are kept; run the same files again: people already loaded are found by email and nothing is added twice.";

    public static string Folder(int importId) => Path.Combine(Path.GetTempPath(), "registry-imports", importId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Queues a run; its report is written in the language of the staff member who started it.</summary>
    public void Enqueue(int importId, IReadOnlyList<ImportFile> files) =>
        _queue.Writer.TryWrite((importId, Folder(importId), files, System.Globalization.CultureInfo.CurrentUICulture.Name));

    public async Task RunQueuedAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        await foreach (var (importId, folder, files, language) in _queue.Reader.ReadAllAsync(ct))
        {
            try
            {
                System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(language);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PeopleImporter>().RunAsync(importId, files, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "People import {ImportId} failed.", importId);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                if (await db.PeopleImports.SingleOrDefaultAsync(i => i.Id == importId, CancellationToken.None) is { } import)
                {
                    import.Fail(Failed, import.RowsRejected, import.Rejects, DateTimeOffset.UtcNow);
                    await db.SaveChangesAsync(CancellationToken.None);
                }
            }
            finally
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Already gone.
                }
            }
        }
    }
}

/// <summary>
/// The background service that runs queued imports. At start it marks stopped the runs a previous
/// start of the registry left unfinished (their files went with it): running the same files again
/// finishes them. (With several instances, each marks what was started before it came up.)
/// </summary>
public sealed class ImportRunner(ImportRuns runs, IServiceScopeFactory scopes, TimeProvider time) : BackgroundService
{
    /// <summary>Stored as written, and shown through the localizer in the reader's language.</summary>
    public const string Interrupted = "The registry restarted during this import. People saved before are kept; run the same files again: people already loaded are found by email and nothing is added twice.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = time.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().PeopleImports
                .Where(i => (i.Status == PeopleImportStatus.Queued || i.Status == PeopleImportStatus.Running) && i.CreatedAt < started)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, PeopleImportStatus.Failed).SetProperty(i => i.Failure, Interrupted).SetProperty(i => i.FinishedAt, started), stoppingToken);
        }

        await runs.RunQueuedAsync(scopes, stoppingToken);
    }
}
