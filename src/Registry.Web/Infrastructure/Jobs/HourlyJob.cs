namespace Registry.Web.Infrastructure.Jobs;

/// <summary>Work the registry does on its own every hour (reminders): one pass, returning how much it did.</summary>
public interface IHourlyJob
{
    Task<int> RunOnceAsync(CancellationToken ct);
}

/// <summary>
/// Runs a job at start-up and then every hour, each pass in its own scope; a failed pass is logged
/// and tried again an hour later. (Each instance runs it: the jobs mark what they did, so a second
/// instance finds nothing left; a lease for several instances is the scale-out issue's.)
/// </summary>
public sealed class HourlyJobService<TJob>(IServiceScopeFactory scopes, ILogger<HourlyJobService<TJob>> logger) : BackgroundService
    where TJob : IHourlyJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var done = await scope.ServiceProvider.GetRequiredService<TJob>().RunOnceAsync(stoppingToken);
                if (done > 0)
                {
                    logger.LogInformation("{Job} queued {Count} messages.", typeof(TJob).Name, done);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Job} failed; trying again in an hour.", typeof(TJob).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
