using Registry.Web.Infrastructure.Jobs;

namespace Registry.Web.Infrastructure.Storage;

/// <summary>
/// Every hour (one instance, under the job lease): removes parts of uploads a killed process never
/// finished writing, once they are a day old (an upload in progress is never that old). They are
/// never named by a record, so nobody could read them; this only gives the space back.
/// </summary>
public sealed class UnfinishedUploads(IDocumentStorage storage, TimeProvider time) : IHourlyJob
{
    public static readonly TimeSpan Age = TimeSpan.FromDays(1);

    public Task<int> RunOnceAsync(CancellationToken ct) => storage.RemoveUnfinishedAsync(time.GetUtcNow() - Age, ct);
}
