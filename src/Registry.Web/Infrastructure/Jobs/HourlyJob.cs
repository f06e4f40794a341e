namespace Registry.Web.Infrastructure.Jobs;

/// <summary>Registers an hourly job: the job in a scope of its own, and the service that runs it.</summary>
public static class HourlyJobs
{
    public static IServiceCollection AddHourlyJob<TJob>(this IServiceCollection services)
        where TJob : class, IHourlyJob =>
        services.AddScoped<TJob>().AddHostedService<HourlyJobService<TJob>>();
}

/// <summary>Work the registry does on its own every hour (reminders, tidying): one pass, returning how much it did.</summary>
public interface IHourlyJob
{
    Task<int> RunOnceAsync(CancellationToken ct);
}

/// <summary>
/// Runs a job at start-up and then every hour, each pass in its own scope; a failed pass is logged
/// and tried again an hour later. Every instance runs this service, but a pass needs the job's
/// lease (<see cref="JobLeases"/>, held for 55 minutes): one instance does each hour's work.
/// </summary>
public sealed class HourlyJobService<TJob>(IServiceScopeFactory scopes, ILogger<HourlyJobService<TJob>> logger) : BackgroundService
    where TJob : IHourlyJob
{
    /// <summary>A little under the hour, so the next hour's pass finds the lease free.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(55);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await scope.ServiceProvider.GetRequiredService<JobLeases>().TryTakeAsync("hourly:" + typeof(TJob).Name, Period, stoppingToken))
                {
                    continue;
                }

                var done = await scope.ServiceProvider.GetRequiredService<TJob>().RunOnceAsync(stoppingToken);
                if (done > 0)
                {
                    logger.LogInformation("{Job}: {Count} done.", typeof(TJob).Name, done);
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
