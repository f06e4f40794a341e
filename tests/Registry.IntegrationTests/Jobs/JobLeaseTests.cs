using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Infrastructure.Jobs;

namespace Registry.IntegrationTests.Jobs;

/// <summary>Scheduled work runs once per period across instances: one lease holder, on a real database.</summary>
public sealed class JobLeaseTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Of_instances_starting_together_exactly_one_takes_the_hour_and_another_only_after_it_lapses()
    {
        async Task<bool> TakeAsync(string instance)
        {
            await using var db = _database.CreateContext();
            return await new JobLeases(db, _database.Time).TryTakeAsync("hourly:test", HourlyJobService<FakeJob>.Period, CancellationToken.None, instance);
        }

        var first = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => TakeAsync($"instance-{i}")));
        Assert.Single(first, taken => taken);

        _database.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.False(await TakeAsync("instance-9"));

        _database.Time.Advance(TimeSpan.FromMinutes(26));
        var second = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => TakeAsync($"instance-{i}")));
        Assert.Single(second, taken => taken);
    }

    [Fact]
    public async Task A_lease_given_back_is_free_at_once_and_only_its_holder_can_give_it_back()
    {
        await using var db = _database.CreateContext();
        var leases = new JobLeases(db, _database.Time);
        Assert.True(await leases.TryTakeAsync("census", TimeSpan.FromHours(2), CancellationToken.None, "a"));
        await leases.ReleaseAsync("census", CancellationToken.None, "b");
        Assert.False(await leases.TryTakeAsync("census", TimeSpan.FromHours(2), CancellationToken.None, "b"));
        await leases.ReleaseAsync("census", CancellationToken.None, "a");
        Assert.True(await leases.TryTakeAsync("census", TimeSpan.FromHours(2), CancellationToken.None, "b"));
    }

    private sealed class FakeJob : IHourlyJob
    {
        public Task<int> RunOnceAsync(CancellationToken ct) => Task.FromResult(0);
    }
}
