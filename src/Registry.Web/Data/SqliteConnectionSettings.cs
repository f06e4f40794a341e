using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Registry.Web.Data;

/// <summary>
/// Settings SQLite keeps per connection, set once on each new one (the pool then keeps it):
/// <list type="bullet">
/// <item>a wait for the write lock inside SQLite (<c>busy_timeout</c>), in steps of a few milliseconds:
/// without it, a write that meets another (two directors' rosters logging their looks at once) waits in
/// Microsoft.Data.Sqlite's own retry, 150 ms at a time, which was the signed-in pages' p99;</item>
/// <item>reads through a memory map (<c>mmap_size</c>) only when the operator asks for one: off by
/// default, since each commit (an access-log line) sends every other connection back to the file for
/// its pages, and through a map that is a page fault and a page set up again per page (decision 0047);</item>
/// <item>with the write-ahead log, a wait for the disk at checkpoints rather than at every commit
/// (<c>synchronous=NORMAL</c>), unless <see cref="DatabaseOptions.SqliteSyncEveryCommit"/> asks for it:
/// a commit then holds the write lock for microseconds, not a disk flush.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSettings(long memoryMapBytes, TimeSpan busyTimeout, bool syncEveryCommit) : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<object, object> _set = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Unset(connection) is { } command)
        {
            using (command)
            {
                command.ExecuteNonQuery();
            }
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Unset(connection) is { } command)
        {
            await using (command)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private SqliteCommand? Unset(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || _set.TryGetValue(handle, out _))
        {
            return null;
        }

        _set.AddOrUpdate(handle, handle);
        var command = sqlite.CreateCommand();
        command.CommandText = FormattableString.Invariant($"PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}; PRAGMA mmap_size={Math.Max(0, memoryMapBytes)}; PRAGMA synchronous={(syncEveryCommit ? "FULL" : "NORMAL")};");
        return command;
    }
}
