using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.IntegrationTests.Infrastructure;
using Registry.Web.Data;

namespace Registry.IntegrationTests.Data;

/// <summary>
/// Every connection to the embedded database waits for the write lock inside SQLite (not in 150 ms
/// retries), reads pages with read calls unless the operator asks for a memory map, and flushes the
/// write-ahead log at checkpoints unless the operator asks for a flush at every commit
/// (docs/decisions/0046-signed-in-pages-and-sqlite-settings.md, 0047-no-memory-map-by-default.md).
/// SQLite's own settings: the PostgreSQL run of the suite leaves them out (trait Database=Sqlite).
/// </summary>
[Trait("Database", "Sqlite")]
public sealed class SqliteSettingsTests
{
    private static async Task<(long Busy, long Map, long Sync)> PragmasAsync(RegistryAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await db.Database.OpenConnectionAsync();
        async Task<long> ReadAsync(string pragma)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA " + pragma;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return (await ReadAsync("busy_timeout"), await ReadAsync("mmap_size"), await ReadAsync("synchronous"));
    }

    [Fact]
    public async Task A_connection_waits_for_the_write_lock_reads_without_a_map_and_flushes_at_checkpoints()
    {
        await using var app = new RegistryAppFactory();
        var (busy, map, sync) = await PragmasAsync(app);
        Assert.Equal(30_000, busy);
        Assert.Equal(0, map);
        Assert.Equal(1, sync); // NORMAL
    }

    [Fact]
    public async Task An_operator_can_ask_for_a_flush_at_every_commit_and_a_memory_map()
    {
        await using var app = new SettingsAppFactory();
        var (_, map, sync) = await PragmasAsync(app);
        Assert.Equal(64L * 1024 * 1024, map);
        Assert.Equal(2, sync); // FULL
    }

    private sealed class SettingsAppFactory : RegistryAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:SqliteSyncEveryCommit", "true");
            builder.UseSetting("Database:SqliteMemoryMapMegabytes", "64");
        }
    }
}
