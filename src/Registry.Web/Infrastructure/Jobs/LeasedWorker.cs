using System.Threading.Channels;

namespace Registry.Web.Infrastructure.Jobs;

/// <summary>Wakes a <see cref="LeasedWorker"/> at once; any number of wake-ups before it looks count as one.</summary>
public abstract class WorkSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _channel.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The hour passed: look at the schedule.
        }
    }
}

/// <summary>
/// Background work done by one instance at a time: at start, when woken, and every hour. Each pass
/// takes the work's lease (given back when done; it lapses after two hours if the instance dies, and
/// the next one finishes the work) and runs in a scope of its own; a failed pass is logged and tried again.
/// </summary>
public abstract class LeasedWorker(IServiceScopeFactory scopes, WorkSignal signal, ILogger logger, string leaseName, string what) : BackgroundService
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
