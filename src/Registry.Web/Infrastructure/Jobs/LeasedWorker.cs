namespace Registry.Web.Infrastructure.Jobs;

/// <summary>
/// Background work done by one instance at a time: at start, when woken, and every hour. Each pass
/// takes the work's lease (given back when done; it lapses after two hours if the instance dies, and
/// the next one finishes the work) and runs in a scope of its own; a failed pass is logged and tried again.
/// Its <see cref="WakeSignal"/> wakes it at once (a snapshot or a run asked for).
/// </summary>
public abstract class LeasedWorker(IServiceScopeFactory scopes, WakeSignal signal, ILogger logger, string leaseName, string what) : BackgroundService
{
    protected abstract Task RunAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
                if (await leases.TryTakeAsync(leaseName, TimeSpan.FromHours(2), stoppingToken))
                {
                    try
                    {
                        await RunAsync(scope.ServiceProvider, stoppingToken);
                    }
                    finally
                    {
                        await leases.ReleaseAsync(leaseName, CancellationToken.None);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The {Work} worker failed; trying again when woken or in an hour.", what);
            }

            await signal.WaitAsync(TimeSpan.FromHours(1), stoppingToken);
        }
    }
}
